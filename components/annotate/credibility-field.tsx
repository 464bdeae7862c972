"use client";

import type { AnnotationFields } from "@/lib/domain/annotation";
import { CREDIBILITY_MEANINGS, CREDIBILITY_VALUES, type Credibility } from "@/lib/domain/sources";

/**
 * How credible the focused sentence's information is (Admiralty 1–6, C then
 * a digit), independent of how reliable its source is; "not graded" clears it.
 */
export function CredibilityField(props: {
  current: AnnotationFields | null;
  /** C was pressed: the next digit sets the credibility. */
  grading: boolean;
  onSet: (credibility: Credibility | null) => void;
}) {
  const value = props.current?.credibility ?? null;
  const disabled = !props.current;
  return (
    <div className="text-sm">
      <p id="credibility-heading" className="font-medium text-stone-800">
        Credibility <span className="font-normal text-stone-500">(C, then 1–6)</span>
      </p>
      <div
        role="group"
        aria-labelledby="credibility-heading"
        className={`mt-1 grid grid-cols-1 gap-0.5 rounded ${props.grading ? "ring-2 ring-amber-500" : ""}`}
      >
        {CREDIBILITY_VALUES.map((n) => (
          <button
            key={n}
            type="button"
            disabled={disabled}
            aria-pressed={value === n}
            onClick={() => props.onSet(n)}
            className={`flex items-center gap-2 rounded border px-2 py-0.5 text-left disabled:text-stone-400 ${value === n ? "border-stone-800 bg-stone-800 font-semibold text-white" : "border-stone-300 hover:bg-stone-50"}`}
          >
            <kbd className="font-mono text-xs">{n}</kbd>
            {CREDIBILITY_MEANINGS[n]}
          </button>
        ))}
        <button
          type="button"
          disabled={disabled}
          aria-pressed={value === null}
          onClick={() => props.onSet(null)}
          className={`flex items-center gap-2 rounded border px-2 py-0.5 text-left disabled:text-stone-400 ${value === null && !disabled ? "border-stone-500 bg-stone-100 font-semibold" : "border-stone-300 hover:bg-stone-50"}`}
        >
          <kbd className="font-mono text-xs">0</kbd>
          Not graded
        </button>
      </div>
      {props.grading ? (
        <p className="mt-1 text-stone-700" aria-live="polite">
          Press 1–6 for the credibility, 0 for not graded, Esc to cancel.
        </p>
      ) : null}
    </div>
  );
}
