"use client";

import type { AnnotationFields, Label } from "@/lib/domain/annotation";
import type { Credibility } from "@/lib/domain/sources";
import type { WorkspaceSentence } from "./sentence-list";
import type { useSaveQueue } from "./use-save-queue";
import type { useSourceSelection } from "./use-source-selection";

/** A new annotation before its fields are set. */
export const EMPTY: AnnotationFields = {
  label: "NOT_A_CLAIM",
  sourceText: null,
  sourceStart: null,
  sourceEnd: null,
  sourceId: null,
  sourceType: null,
  note: null,
  unsure: false,
};

/** Changes one field of the focused annotation; a field section calls it with its own edit. */
export type EditFocused = (edit: (current: AnnotationFields) => AnnotationFields) => void;

/**
 * The annotator's edits, each on the selected sentences (or the focused one)
 * and each handed to the save queue.
 */
export function useAnnotationEdits(args: {
  sentences: readonly WorkspaceSentence[];
  saves: Pick<ReturnType<typeof useSaveQueue>, "change" | "display">;
  focused: WorkspaceSentence | undefined;
  lo: number;
  selectedIds: () => string[];
  selection: Pick<ReturnType<typeof useSourceSelection>, "pendingSpan" | "clearPendingSpan">;
  setHint: (hint: string | null) => void;
}) {
  const { change, display } = args.saves;
  const { sentences, focused, lo, selectedIds, setHint } = args;

  function applyLabel(label: Label) {
    const span = args.selection.pendingSpan;
    change(selectedIds(), (cur, sentenceId) => {
      const base = cur ?? EMPTY;
      // Words selected before the sentence was tagged become its source span now.
      const spanFields =
        span?.sentenceId === sentenceId
          ? {
              sourceStart: span.start,
              sourceEnd: span.end,
              sourceText: base.sourceId ? base.sourceText : span.quote,
            }
          : {};
      return { kind: "save", fields: { ...base, label, ...spanFields } };
    });
    args.selection.clearPendingSpan();
    setHint(null);
  }

  function clearTags() {
    change(selectedIds(), (cur) => (cur ? { kind: "clear" } : null));
  }

  const editFocused: EditFocused = (edit) => {
    if (!focused) return;
    change([focused.id], (cur) => (cur ? { kind: "save", fields: edit(cur) } : null));
  };

  function toggleUnsure() {
    change(selectedIds(), (cur) =>
      cur ? { kind: "save", fields: { ...cur, unsure: !cur.unsure } } : null,
    );
  }

  /** Sets the credibility of the selected sentences' information; untagged ones are left alone. */
  function setCredibility(credibility: Credibility | null) {
    const untagged = selectedIds().filter((id) => !display.has(id));
    change(selectedIds(), (cur) =>
      cur ? { kind: "save", fields: { ...cur, credibility } } : null,
    );
    setHint(untagged.length ? "Tag the sentence first, then give its credibility." : null);
  }

  function repeatSource() {
    for (let i = lo - 1; i >= 0; i--) {
      const s = sentences[i];
      const prev = s ? display.get(s.id) : undefined;
      if (prev && (prev.sourceId || prev.sourceText)) {
        let untagged = false;
        change(selectedIds(), (cur) => {
          if (!cur) {
            untagged = true;
            return null;
          }
          return {
            kind: "save",
            fields: {
              ...cur,
              sourceId: prev.sourceId,
              sourceText: prev.sourceText,
              sourceType: prev.sourceType,
              sourceStart: null,
              sourceEnd: null,
            },
          };
        });
        setHint(
          untagged
            ? "Tag the sentence first, then repeat the source."
            : `Source repeated: ${prev.sourceText ?? ""}`,
        );
        return;
      }
    }
    setHint("No earlier sentence has a source to repeat.");
  }

  return { applyLabel, clearTags, editFocused, toggleUnsure, repeatSource, setCredibility };
}
