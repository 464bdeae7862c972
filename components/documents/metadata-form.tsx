"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

type Result =
  | { ok: true; data: undefined }
  | {
      ok: false;
      message: string;
      fieldErrors: Record<string, string[]>;
      values?: Record<string, string>;
    };

export interface MetadataValues {
  title: string;
  byline: string | null;
  publisher: string | null;
  publishedAt: string;
  sourceUrl: string | null;
}

/** Owners' form for a document's title, byline, publisher, date and source URL. */
export function MetadataForm({
  action,
  projectSlug,
  documentId,
  initial,
}: {
  action: (prev: Result | null, formData: FormData) => Promise<Result>;
  projectSlug: string;
  documentId: string;
  initial: MetadataValues;
}) {
  const [state, run, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const value = (name: keyof MetadataValues) => failed?.values?.[name] ?? initial[name] ?? "";
  return (
    <form action={run} className="max-w-2xl space-y-4">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <input type="hidden" name="documentId" value={documentId} />
      <FormMessage message={failed?.message} />
      {state?.ok ? (
        <p role="status" className="text-sm text-green-800">
          Saved.
        </p>
      ) : null}
      <Field
        label="Title"
        name="title"
        required
        defaultValue={value("title")}
        errors={failed?.fieldErrors.title}
      />
      <Field
        label="Byline"
        name="byline"
        defaultValue={value("byline")}
        errors={failed?.fieldErrors.byline}
      />
      <Field
        label="Publisher"
        name="publisher"
        defaultValue={value("publisher")}
        errors={failed?.fieldErrors.publisher}
      />
      <Field
        label="Publication date"
        name="publishedAt"
        type="date"
        defaultValue={value("publishedAt")}
        errors={failed?.fieldErrors.publishedAt}
      />
      <Field
        label="Source URL"
        name="sourceUrl"
        type="url"
        defaultValue={value("sourceUrl")}
        errors={failed?.fieldErrors.sourceUrl}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save details"}
      </Button>
    </form>
  );
}
