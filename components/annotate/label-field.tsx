"use client";

import { LABEL_INFO, LABELS, type AnnotationFields, type Label } from "@/lib/domain/annotation";
import { LABEL_STYLE } from "./legend";

/** The label buttons (1–4) and clearing the tag (0), on the selected sentences. */
export function LabelField(props: {
  current: AnnotationFields | null;
  onLabel: (label: Label) => void;
  onClear: () => void;
}) {
  const { current } = props;
  return (
    <>
      <div role="group" aria-label="Label" className="grid grid-cols-2 gap-1">
        {LABELS.map((l) => (
          <button
            key={l}
            type="button"
            aria-pressed={current?.label === l}
            onClick={() => props.onLabel(l)}
            className={`flex items-center gap-1 rounded border px-2 py-1 text-left text-sm ${current?.label === l ? `${LABEL_STYLE[l].badge} font-semibold` : "border-stone-300 hover:bg-stone-50"}`}
          >
            <kbd className="font-mono text-xs">{LABEL_INFO[l].key}</kbd>
            <span aria-hidden="true">{LABEL_INFO[l].symbol}</span>
            {LABEL_INFO[l].name}
          </button>
        ))}
      </div>
      <button
        type="button"
        onClick={props.onClear}
        disabled={!current}
        className="text-sm text-stone-700 underline disabled:text-stone-400 disabled:no-underline"
      >
        Clear tag (0)
      </button>
    </>
  );
}
