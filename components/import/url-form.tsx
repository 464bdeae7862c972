"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

/** The file result lib/server answers with (FileImportResult), as this form reads it. */
interface UrlImportResult {
  fileName: string;
  ok: boolean;
  documents: Array<{ id: string; title: string; sentenceCount: number }>;
  errors: string[];
  notices: string[];
  likelyDuplicates: Array<{
    record: number;
    title: string;
    duplicateOf: { id: string; title: string } | { record: number; title: string };
    message: string;
  }>;
  restored?: { annotations: number; adjudications: number; placeholders: number };
}

type Result =
  | { ok: true; data: UrlImportResult }
  | {
      ok: false;
      message: string;
      fieldErrors: Record<string, string[]>;
      values?: Record<string, string>;
    };

/** The address of an article page; the server fetches and imports it like an uploaded .html. */
export function UrlForm({
  action,
  projectSlug,
}: {
  action: (prev: Result | null, formData: FormData) => Promise<Result>;
  projectSlug: string;
}) {
  const [state, run, pending] = useActionState(action, null);
  const [url, setUrl] = useState("");
  const failed = state && !state.ok ? state : null;
  const result = state?.ok ? state.data : null;
  const urlErrors = [...(failed?.fieldErrors.url ?? []), ...(result?.errors ?? [])];
  const held = result?.likelyDuplicates ?? [];
  return (
    <form action={run} className="space-y-3">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <FormMessage message={failed && !failed.fieldErrors.url ? failed.message : undefined} />
      <div className="space-y-1">
        <label htmlFor="field-url" className="block text-sm font-medium text-stone-800">
          Article address (URL)
        </label>
        <input
          id="field-url"
          name="url"
          type="url"
          required
          inputMode="url"
          placeholder="https://"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={urlErrors.length ? true : undefined}
          aria-describedby={urlErrors.length ? "field-url-error" : "field-url-hint"}
          className="block w-full max-w-2xl rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
        />
        <p id="field-url-hint" className="text-xs text-stone-600">
          Public http(s) pages only, up to 5 MB, fetched within 15 seconds.
        </p>
        {urlErrors.length ? (
          <p id="field-url-error" role="alert" className="text-sm text-red-700">
            {urlErrors.join(" ")}
          </p>
        ) : null}
      </div>
      {result && result.documents.length > 0 ? (
        <p
          role="status"
          className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900"
        >
          Imported{" "}
          {result.documents.map((d) => (
            <Link
              key={d.id}
              href={`/projects/${projectSlug}/documents/${d.id}`}
              className="font-medium underline"
            >
              {d.title}
            </Link>
          ))}{" "}
          ({result.documents.reduce((n, d) => n + d.sentenceCount, 0)} sentences).
        </p>
      ) : null}
      {result?.notices.length ? (
        <ul aria-label="Notes" className="list-disc space-y-0.5 pl-5 text-sm text-amber-800">
          {result.notices.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ) : null}
      {held.length > 0 ? (
        <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p>{held.map((d) => d.message).join(" ")}</p>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="confirm" value="all" className="h-4 w-4" />
            Import it anyway: it is a different document.
          </label>
        </div>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Fetching…" : "Import from URL"}
      </Button>
    </form>
  );
}
