"use client";

import { useActionState, useId, useState, type ReactNode } from "react";
import { AlsoAppearsIn } from "./also-appears-in";
import { InlineError } from "@/components/ui/form-message";

type Result =
  | { ok: true; data: undefined }
  | { ok: false; message: string; fieldErrors: Record<string, string[]> };
type Action = (prev: Result | null, formData: FormData) => Promise<Result>;

export interface EditableSentence {
  id: string;
  index: number;
  start: number;
  text: string;
  isBoilerplate: boolean;
  /** Has annotations, a gold label or comments: its boundaries may no longer change. */
  locked: boolean;
  /** Other documents of the project with the same sentence. */
  elsewhere: ReadonlyArray<{ documentId: string; title: string; sentenceIndex: number }>;
}

function ActionForm({
  action,
  fields,
  label,
  children,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  children?: ReactNode;
}) {
  const [state, run, pending] = useActionState(action, null);
  return (
    <form action={run} className="inline-flex flex-wrap items-center gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-stone-300 px-2 py-0.5 text-xs font-medium hover:bg-stone-100 disabled:opacity-50"
      >
        {pending ? `${label}…` : label}
      </button>
      <InlineError state={state} />
    </form>
  );
}

function SplitForm({
  action,
  fields,
  sentence,
}: {
  action: Action;
  fields: Record<string, string>;
  sentence: EditableSentence;
}) {
  const id = useId();
  const [words, setWords] = useState("");
  // The owner names the words the second part starts with; the offset is where they first occur after the start.
  const at = words.trim() ? sentence.text.indexOf(words.trim(), 1) : -1;
  return (
    <ActionForm
      action={action}
      fields={{ ...fields, atOffset: at > 0 ? String(sentence.start + at) : "" }}
      label="Split"
    >
      <label htmlFor={id} className="text-xs text-stone-600">
        Split before
      </label>
      <input
        id={id}
        value={words}
        onChange={(e) => setWords(e.target.value)}
        placeholder="the words that start the new sentence"
        className="w-56 rounded border border-stone-300 px-2 py-0.5 text-xs"
      />
    </ActionForm>
  );
}

/** Owners' sentence list: flip the boilerplate flag, merge with the next sentence, split one in two. */
export function SentenceEditor({
  projectSlug,
  documentId,
  sentences,
  actions,
}: {
  projectSlug: string;
  documentId: string;
  sentences: EditableSentence[];
  actions: { boilerplate: Action; merge: Action; split: Action };
}) {
  return (
    <ol className="space-y-2">
      {sentences.map((s, i) => {
        const fields = { projectSlug, documentId, sentenceId: s.id };
        const next = sentences[i + 1];
        return (
          <li
            key={s.id}
            aria-label={`Sentence ${s.index + 1}`}
            className={`rounded-md border px-3 py-2 text-sm ${s.isBoilerplate ? "border-stone-200 bg-stone-50 text-stone-500" : "border-stone-200 bg-white"}`}
          >
            <p className="mb-1">
              <span className="mr-2 text-xs text-stone-400 tabular-nums">{s.index + 1}</span>
              <span data-sentence-text>{s.text}</span>
              {s.isBoilerplate ? (
                <span className="ml-2 rounded bg-stone-200 px-1 text-xs text-stone-700">
                  boilerplate
                </span>
              ) : null}
            </p>
            <AlsoAppearsIn projectSlug={projectSlug} elsewhere={s.elsewhere} />
            <div className="mt-1 flex flex-wrap items-center gap-3">
              <ActionForm
                action={actions.boilerplate}
                fields={{ ...fields, isBoilerplate: s.isBoilerplate ? "false" : "true" }}
                label={s.isBoilerplate ? "Mark as content" : "Mark as boilerplate"}
              />
              {s.locked ? (
                <span className="text-xs text-stone-500">Annotated: boundaries fixed</span>
              ) : (
                <>
                  {next && !next.locked ? (
                    <ActionForm action={actions.merge} fields={fields} label="Merge with next" />
                  ) : null}
                  <SplitForm action={actions.split} fields={fields} sentence={s} />
                </>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
