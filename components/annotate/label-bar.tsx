"use client";

import { LABEL_INFO, LABELS, type AnnotationFields, type Label } from "@/lib/domain/annotation";
import { LABEL_STYLE } from "./legend";

/**
 * On narrow screens the panel with the label buttons sits below the whole
 * article, far from the tapped sentence; this bar keeps the four labels and
 * the source action at the bottom of the screen instead. Hidden from lg up,
 * where the panel is beside the sentences.
 */
export function LabelBar(props: {
  current: AnnotationFields | null;
  onLabel: (label: Label) => void;
  onSource: () => void;
  sourceDisabled: boolean;
}) {
  return (
    <div
      role="group"
      aria-label="Label bar"
      className="fixed inset-x-0 bottom-0 z-20 grid grid-cols-5 gap-1 border-t border-stone-300 bg-white p-1.5 shadow-[0_-2px_6px_rgba(0,0,0,0.08)] lg:hidden"
    >
      {LABELS.map((l) => (
        <button
          key={l}
          type="button"
          aria-pressed={props.current?.label === l}
          onClick={() => props.onLabel(l)}
          className={`flex min-h-12 flex-col items-center justify-center rounded border px-0.5 text-center text-xs leading-tight ${props.current?.label === l ? `${LABEL_STYLE[l].badge} font-semibold` : "border-stone-300 text-stone-900"}`}
        >
          <span aria-hidden="true">{LABEL_INFO[l].symbol}</span>
          {LABEL_INFO[l].name}
        </button>
      ))}
      <button
        type="button"
        onClick={props.onSource}
        disabled={props.sourceDisabled}
        className="flex min-h-12 flex-col items-center justify-center rounded border border-stone-300 px-0.5 text-center text-xs leading-tight text-stone-900 disabled:text-stone-500"
      >
        <span aria-hidden="true">@</span>
        Source
      </button>
    </div>
  );
}
