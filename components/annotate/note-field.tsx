"use client";

import { useState, type Ref } from "react";
import type { AnnotationFields } from "@/lib/domain/annotation";
import type { EditFocused } from "./use-annotation-edits";

/** The note is edited as a local draft and saved when the field is left; a new server value remounts it (see its key). */
function NoteDraft({
  ref,
  ...props
}: {
  value: string;
  disabled: boolean;
  ref: Ref<HTMLTextAreaElement>;
  onCommit: (note: string) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  return (
    <label className="block text-sm">
      <span className="font-medium text-stone-800">
        Note <span className="font-normal text-stone-600">(N; saved when you leave the field)</span>
      </span>
      <textarea
        ref={ref}
        rows={2}
        value={draft}
        disabled={props.disabled}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          if (draft !== props.value) props.onCommit(draft);
        }}
        className="mt-1 block w-full rounded border border-stone-300 px-2 py-1 disabled:bg-stone-100"
      />
    </label>
  );
}

/** The focused annotation's note (N focuses it). */
export function NoteField({
  ref,
  ...props
}: {
  sentenceId: string | undefined;
  current: AnnotationFields | null;
  edit: EditFocused;
  ref: Ref<HTMLTextAreaElement>;
}) {
  const { current, edit } = props;
  return (
    <NoteDraft
      key={`${props.sentenceId ?? "none"}:${current?.note ?? ""}`}
      ref={ref}
      value={current?.note ?? ""}
      disabled={!current}
      onCommit={(note) => edit((cur) => ({ ...cur, note: note.trim() ? note : null }))}
    />
  );
}

/** Whether the annotator is unsure of the focused annotation (U toggles it on the selection). */
export function UnsureField(props: { current: AnnotationFields | null; edit: EditFocused }) {
  const { current, edit } = props;
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        checked={current?.unsure ?? false}
        disabled={!current}
        onChange={(e) => edit((cur) => ({ ...cur, unsure: e.target.checked }))}
      />
      Unsure <span className="text-stone-600">(U)</span>
    </label>
  );
}
