"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

type Result =
  | { ok: true; data: { id: string; title: string; sentenceCount: number } }
  | {
      ok: false;
      message: string;
      fieldErrors: Record<string, string[]>;
      values?: Record<string, string>;
    };

export function PasteForm({
  action,
  projectSlug,
}: {
  action: (prev: Result | null, formData: FormData) => Promise<Result>;
  projectSlug: string;
}) {
  const [state, run, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const textErrors = failed?.fieldErrors.text;
  return (
    // The key resets the fields after a successful import and keeps them after a refused one.
    <form action={run} className="space-y-4" key={state?.ok ? state.data.id : "form"}>
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <FormMessage message={failed?.message} />
      {state?.ok ? (
        <p
          role="status"
          className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900"
        >
          Imported{" "}
          <Link
            href={`/projects/${projectSlug}/documents/${state.data.id}`}
            className="font-medium underline"
          >
            {state.data.title}
          </Link>{" "}
          ({state.data.sentenceCount} sentences).
        </p>
      ) : null}
      <Field
        label="Title"
        name="title"
        required
        defaultValue={failed?.values?.title ?? ""}
        errors={failed?.fieldErrors.title}
      />
      <div className="space-y-1">
        <label htmlFor="field-text" className="block text-sm font-medium text-stone-800">
          Text
        </label>
        <textarea
          id="field-text"
          name="text"
          required
          rows={12}
          defaultValue={failed?.values?.text ?? ""}
          aria-invalid={textErrors?.length ? true : undefined}
          aria-describedby={textErrors?.length ? "field-text-error" : undefined}
          className="block w-full rounded-md border border-stone-300 bg-white px-3 py-2 font-mono text-sm shadow-sm aria-[invalid=true]:border-red-600"
        />
        {textErrors?.length ? (
          <p id="field-text-error" className="text-sm text-red-700">
            {textErrors.join(" ")}
          </p>
        ) : null}
      </div>
      {failed?.fieldErrors.confirmDuplicate?.length ? (
        <label className="flex items-center gap-2 text-sm text-stone-800">
          <input type="checkbox" name="confirmDuplicate" className="h-4 w-4" />
          {failed.fieldErrors.confirmDuplicate.join(" ")}
        </label>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Importing…" : "Import text"}
      </Button>
    </form>
  );
}
