"use client";

import {
  acceptedSource,
  LABEL_INFO,
  SOURCE_TYPE_NAMES,
  sameSource,
  suggestedName,
  type AnnotationFields,
  type SentenceSuggestions,
} from "@/lib/domain/annotation";
import type { ShownAttribution } from "./use-assistant";

const percent = (x: number) => `${Math.round(x * 100)}%`;

/**
 * The attribution assistant's suggestion for the focused sentence: who it
 * names (a registry entry, or a new one with its guessed type), the cue, the
 * suggested label, and the keys that act on them. Nothing here changes the
 * annotation until a key or button is used.
 */
export function SuggestionField(props: {
  loaded: boolean;
  problem: string | null;
  shown: ShownAttribution | null;
  label: SentenceSuggestions["label"];
  current: AnnotationFields | null;
  canWrite: boolean;
  onAccept: () => void;
  onNext: () => void;
}) {
  const { shown, current } = props;
  const attribution = shown?.attribution;
  const accepted =
    shown?.entry && attribution && current
      ? sameSource(acceptedSource(attribution, shown.entry), current)
      : false;
  return (
    <div
      role="group"
      aria-label="Assistant’s suggestion"
      className="space-y-1 rounded-md border border-amber-200 bg-amber-50 p-2 text-sm"
    >
      <p className="font-medium text-stone-800">Assistant’s suggestion</p>
      {props.problem ? (
        <p className="text-stone-700">{props.problem}</p>
      ) : !props.loaded ? (
        <p className="text-stone-700">Looking for attributions…</p>
      ) : (
        <>
          {attribution ? (
            <>
              <p>
                Source:{" "}
                {!shown.named ? (
                  <span>unnamed (the text names nobody)</span>
                ) : shown.entry ? (
                  <>
                    <strong data-suggested-name>{shown.entry.name}</strong> (registry,{" "}
                    {SOURCE_TYPE_NAMES[shown.entry.type]})
                  </>
                ) : (
                  <>
                    new: <strong data-suggested-name>{suggestedName(attribution)}</strong> (
                    {attribution.sourceType
                      ? SOURCE_TYPE_NAMES[attribution.sourceType]
                      : "type unknown"}
                    )
                  </>
                )}
              </p>
              {attribution.resolvedSource && attribution.source ? (
                <p className="text-stone-700">
                  “{attribution.source.text}” is {attribution.resolvedSource}, named earlier
                </p>
              ) : null}
              {attribution.cue ? (
                <p className="text-stone-700">
                  Cue: <span className="underline decoration-dotted">{attribution.cue.text}</span>
                  {" · "}
                  {percent(attribution.confidence)} sure
                </p>
              ) : null}
              {shown.count > 1 ? (
                <p className="text-stone-700">
                  Suggestion {shown.index + 1} of {shown.count} ·{" "}
                  <kbd className="font-mono">Shift+A</kbd> shows the next
                </p>
              ) : null}
            </>
          ) : (
            <p className="text-stone-700">No attribution found in this sentence.</p>
          )}
          {props.label ? (
            <p>
              Suggested label: <strong>{LABEL_INFO[props.label.value].name}</strong> (
              {percent(props.label.confidence)})
            </p>
          ) : null}
          {props.canWrite && attribution && shown.named ? (
            accepted ? (
              <p className="font-medium text-emerald-800">✓ Suggested source accepted</p>
            ) : (
              <p>
                <button
                  type="button"
                  onClick={props.onAccept}
                  className="rounded border border-stone-300 bg-white px-2 py-0.5 hover:bg-stone-100"
                >
                  Accept source <kbd className="font-mono">A</kbd>
                </button>
                {!current && props.label ? (
                  <span className="ml-1 text-stone-700">
                    — the sentence has no label yet, so A also sets the suggested label
                  </span>
                ) : null}
              </p>
            )
          ) : null}
          {shown && shown.count > 1 ? (
            <button
              type="button"
              onClick={props.onNext}
              className="rounded border border-stone-300 bg-white px-2 py-0.5 hover:bg-stone-100"
            >
              Next suggestion <kbd className="font-mono">Shift+A</kbd>
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
