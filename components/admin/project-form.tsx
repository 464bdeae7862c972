"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Checkbox } from "./checkbox";

type Result =
  | { ok: true; data: undefined }
  | {
      ok: false;
      message: string;
      fieldErrors: Record<string, string[]>;
      values?: Record<string, string>;
    };

export interface ProjectFormValues {
  name: string;
  slug: string;
  description: string;
  guidelines: string;
  blindAnnotation: boolean;
  assistantEnabled: boolean;
  headlineUnit: boolean;
  /** The registry's sides; empty means free text. Absent on the new-project form. */
  sideOptions?: string[];
  annotatorsPerDocument: number;
}

/** Create and edit a project: the same fields, the same schema on the server. */
export function ProjectForm({
  action,
  initial,
  submitLabel,
  hidden = {},
}: {
  action: (prev: Result | null, formData: FormData) => Promise<Result>;
  initial: ProjectFormValues;
  submitLabel: string;
  hidden?: Record<string, string>;
}) {
  const [state, run, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const v = failed?.values;
  const e = failed?.fieldErrors ?? {};
  return (
    <form action={run} className="max-w-2xl space-y-4" noValidate>
      <FormMessage message={failed?.message} />
      {state?.ok ? (
        <p
          role="status"
          className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900"
        >
          Saved.
        </p>
      ) : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Field
        label="Name"
        name="name"
        required
        defaultValue={v?.name ?? initial.name}
        errors={e.name}
      />
      <Field
        label="Address"
        name="slug"
        required
        defaultValue={v?.slug ?? initial.slug}
        errors={e.slug}
        hint="Used in links: /projects/<address>. Lowercase letters, digits and hyphens."
      />
      <Field
        label="Description"
        name="description"
        defaultValue={v?.description ?? initial.description}
        errors={e.description}
      />
      <div className="space-y-1">
        <label htmlFor="field-guidelines" className="block text-sm font-medium text-stone-800">
          Guidelines (Markdown)
        </label>
        <textarea
          id="field-guidelines"
          name="guidelines"
          rows={8}
          defaultValue={v?.guidelines ?? initial.guidelines}
          aria-invalid={e.guidelines ? true : undefined}
          aria-describedby={e.guidelines ? "field-guidelines-error" : undefined}
          className="block w-full rounded-md border border-stone-300 px-3 py-2 font-mono text-sm"
        />
        {e.guidelines ? (
          <p id="field-guidelines-error" className="text-sm text-red-700">
            {e.guidelines.join(" ")}
          </p>
        ) : null}
      </div>
      <Checkbox
        label="Blind annotation"
        name="blindAnnotation"
        defaultChecked={v ? v.blindAnnotation === "on" : initial.blindAnnotation}
        hint="Annotators see only their own labels, never anyone else's or counts of them."
      />
      <Checkbox
        label="Attribution assistant"
        name="assistantEnabled"
        defaultChecked={v ? v.assistantEnabled === "on" : initial.assistantEnabled}
        hint="Suggests the cue, the source and a label for each sentence, from the text and the source registry only. Turn it off for studies that must not prime annotators."
      />
      {/* Posted when the box is unticked: the box's own "on" comes first in the form data. */}
      <input type="hidden" name="assistantEnabled" value="off" />
      <Checkbox
        label="Headline as a unit"
        name="headlineUnit"
        defaultChecked={v ? v.headlineUnit === "on" : initial.headlineUnit}
        hint="The title is always kept as metadata. With this on, each new document also starts with its headline as a unit to tag (a web page's headline is added to its text); with it off, a headline line is flagged as boilerplate."
      />
      <input type="hidden" name="headlineUnit" value="off" />
      {initial.sideOptions ? (
        <div className="space-y-1">
          <label htmlFor="field-sideOptions" className="block text-sm font-medium text-stone-800">
            Sides of the source registry
          </label>
          <textarea
            id="field-sideOptions"
            name="sideOptions"
            rows={4}
            defaultValue={v?.sideOptions ?? initial.sideOptions.join("\n")}
            aria-invalid={e.sideOptions ? true : undefined}
            aria-describedby={e.sideOptions ? "field-sideOptions-error" : "field-sideOptions-hint"}
            className="block w-full rounded-md border border-stone-300 px-3 py-2 text-sm"
          />
          <p id="field-sideOptions-hint" className="text-sm text-stone-600">
            One per line (e.g. pro-government, opposition, neutral, unknown). Sources must then use
            one of them; leave empty to let the side be any text.
          </p>
          {e.sideOptions ? (
            <p id="field-sideOptions-error" className="text-sm text-red-700">
              {e.sideOptions.join(" ")}
            </p>
          ) : null}
        </div>
      ) : null}
      <Field
        label="Annotators wanted per document"
        name="annotatorsPerDocument"
        type="number"
        min={1}
        max={20}
        required
        defaultValue={v?.annotatorsPerDocument ?? String(initial.annotatorsPerDocument)}
        errors={e.annotatorsPerDocument}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </Button>
    </form>
  );
}
