"use client";

import { memo, useMemo, type KeyboardEvent, type MouseEvent, type Ref } from "react";
import type { AnnotationFields, Label } from "@/lib/domain/annotation";
import { LabelBadge, LABEL_STYLE } from "./legend";
import { SentenceSaveMark } from "./save-status";
import type { SaveStatus } from "./use-save-queue";
import type { SourceSpan } from "./use-source-selection";

export interface WorkspaceSentence {
  id: string;
  index: number;
  start: number;
  end: number;
  text: string;
  isBoilerplate: boolean;
}

/** The assistant's suggestion shown in the focused sentence: document offsets of its cue and source words. */
export interface ShownSuggestion {
  sentenceId: string;
  cue: { start: number; end: number } | null;
  source: { start: number; end: number } | null;
}

export interface OtherTag {
  sentenceId: string;
  annotator: string;
  label: Label;
  sourceText: string | null;
}

/**
 * The document as a list of sentences, runs of boilerplate collapsed. Each
 * item carries its document offsets (data-start) so a text selection can be
 * mapped back to a source span, and its position (data-index) so focus can
 * be moved to it.
 */
export function SentenceList({
  listRef,
  sentences,
  ...props
}: {
  listRef: Ref<HTMLOListElement>;
  sentences: readonly WorkspaceSentence[];
  display: ReadonlyMap<string, AnnotationFields>;
  statuses: ReadonlyMap<string, SaveStatus>;
  focus: number;
  lo: number;
  hi: number;
  /** The words being chosen with the keyboard, highlighted in place of the saved span. */
  choosing: (SourceSpan & { position: number }) | null;
  /** Words selected on an untagged sentence, waiting for its label. */
  pendingSpan: (SourceSpan & { sentenceId: string }) | null;
  /** Others' tags by sentence, or null when they are hidden. */
  others: ReadonlyMap<string, OtherTag[]> | null;
  /** Sentences whose gold label a reviewer settled. */
  adjudicated: ReadonlySet<string>;
  /** The assistant's suggestion to underline (in the focused sentence), or null. */
  suggestion: ShownSuggestion | null;
  onPick: (position: number, extend: boolean) => void;
  onKeyDown: (event: KeyboardEvent<HTMLOListElement>) => void;
  onMouseUp: () => void;
}) {
  const { display, choosing, pendingSpan, suggestion } = props;
  const groups = useMemo(() => {
    const out: Array<{
      boilerplate: boolean;
      items: Array<{ s: WorkspaceSentence; position: number }>;
    }> = [];
    sentences.forEach((s, position) => {
      const last = out.at(-1);
      if (last && last.boilerplate === s.isBoilerplate) last.items.push({ s, position });
      else out.push({ boilerplate: s.isBoilerplate, items: [{ s, position }] });
    });
    return out;
  }, [sentences]);

  return (
    <>
      <span id="suggested-cue-hint" hidden>
        suggested attribution cue
      </span>
      <span id="suggested-source-hint" hidden>
        suggested source
      </span>
      <p id="sentences-hint" className="sr-only">
        Use J and K or the arrow keys to move between sentences, 1 to 4 to tag, 0 to clear, question
        mark for all keys.
      </p>
      <ol
        ref={listRef}
        aria-label="Sentences"
        aria-describedby="sentences-hint"
        onKeyDown={props.onKeyDown}
        onMouseUp={props.onMouseUp}
        className="mt-4 space-y-1 font-serif text-lg leading-relaxed"
      >
        {groups.map((group) =>
          group.boilerplate ? (
            <BoilerplateGroup
              key={group.items[0]?.s.id}
              sentences={group.items.map((item) => item.s)}
            />
          ) : (
            group.items.map(({ s, position }) => {
              const fields = display.get(s.id);
              // While words are being chosen with the keyboard, the choice is what is highlighted.
              const chosen = choosing?.position === position ? choosing : null;
              const pending = pendingSpan?.sentenceId === s.id ? pendingSpan : null;
              return (
                <SentenceItem
                  key={s.id}
                  sentence={s}
                  position={position}
                  label={fields?.label ?? null}
                  spanStart={chosen?.start ?? fields?.sourceStart ?? pending?.start ?? null}
                  spanEnd={chosen?.end ?? fields?.sourceEnd ?? pending?.end ?? null}
                  unsure={fields?.unsure ?? false}
                  focused={position === props.focus}
                  selected={position >= props.lo && position <= props.hi}
                  status={props.statuses.get(s.id)}
                  others={props.others?.get(s.id)}
                  adjudicated={props.adjudicated.has(s.id)}
                  suggestion={suggestion?.sentenceId === s.id ? suggestion : null}
                  onPick={props.onPick}
                />
              );
            })
          ),
        )}
      </ol>
    </>
  );
}

function BoilerplateGroup(props: { sentences: readonly WorkspaceSentence[] }) {
  const n = props.sentences.length;
  return (
    <li className="list-none">
      <details className="rounded-md bg-stone-100 px-3 py-1 font-sans text-sm text-stone-700">
        <summary className="cursor-pointer">
          {n} boilerplate {n === 1 ? "sentence" : "sentences"} (collapsed, not tagged)
        </summary>
        <ol className="mt-2 space-y-1">
          {props.sentences.map((s) => (
            <li key={s.id}>{s.text}</li>
          ))}
        </ol>
      </details>
    </li>
  );
}

const SentenceItem = memo(function SentenceItem(props: {
  sentence: WorkspaceSentence;
  position: number;
  label: Label | null;
  spanStart: number | null;
  spanEnd: number | null;
  unsure: boolean;
  focused: boolean;
  selected: boolean;
  status: SaveStatus | undefined;
  others: OtherTag[] | undefined;
  adjudicated: boolean;
  suggestion: ShownSuggestion | null;
  onPick: (position: number, extend: boolean) => void;
}) {
  const { sentence: s, label, spanStart, spanEnd } = props;
  const hasSpan = spanStart != null && spanEnd != null && spanStart >= s.start && spanEnd <= s.end;
  const a = hasSpan ? spanStart - s.start : 0;
  const b = hasSpan ? spanEnd - s.start : 0;
  return (
    <li
      data-sentence-id={s.id}
      data-sentence-index={s.index}
      data-index={props.position}
      data-label={label ?? undefined}
      tabIndex={props.focused ? 0 : -1}
      aria-current={props.focused ? "true" : undefined}
      onClick={(e: MouseEvent) => props.onPick(props.position, e.shiftKey)}
      className={`relative cursor-pointer list-none rounded border-l-4 px-2 py-1 outline-none ${label ? LABEL_STYLE[label].row : "border-transparent hover:bg-stone-50"} ${
        props.selected ? "ring-2 ring-sky-300" : ""
      } ${props.focused ? "ring-2 ring-sky-700 ring-offset-1" : ""}`}
    >
      {label ? (
        <span className="mr-2 align-middle">
          <LabelBadge label={label} />
        </span>
      ) : null}
      {props.adjudicated ? (
        <span
          className="mr-1 rounded bg-violet-100 px-1 align-middle font-sans text-xs font-semibold text-violet-900"
          title="A reviewer has settled this sentence's gold label"
        >
          Adjudicated
        </span>
      ) : null}
      {props.unsure ? (
        <span className="mr-1 align-middle font-sans text-xs font-semibold text-stone-700">
          (unsure)
        </span>
      ) : null}
      {hasSpan ? (
        <>
          <Pieces sentence={s} from={0} to={a} suggestion={props.suggestion} />
          <mark className="rounded bg-sky-100 underline decoration-sky-700 decoration-2">
            <Pieces sentence={s} from={a} to={b} suggestion={props.suggestion} />
          </mark>
          <Pieces sentence={s} from={b} to={s.text.length} suggestion={props.suggestion} />
        </>
      ) : (
        <Pieces sentence={s} from={0} to={s.text.length} suggestion={props.suggestion} />
      )}
      <SentenceSaveMark status={props.status} />
      {props.selected && !props.focused ? <span className="sr-only"> (in selection)</span> : null}
      {props.others?.length ? (
        <span className="ml-2 inline-flex flex-wrap gap-1 align-middle font-sans text-xs text-stone-700">
          {props.others.map((o) => (
            <span key={o.annotator} className="inline-flex items-center gap-1">
              {o.annotator}: <LabelBadge label={o.label} compact />
            </span>
          ))}
        </span>
      ) : null}
    </li>
  );
});

const CUE_STYLE =
  "underline decoration-dotted decoration-stone-700 decoration-2 underline-offset-4";
const SOURCE_STYLE = "underline decoration-amber-600 decoration-[3px] underline-offset-4";

/**
 * The sentence's text from `from` to `to` (sentence offsets), cut where the
 * suggested cue and source begin and end so those words can be underlined,
 * each in its own style and described for screen readers. Every piece
 * carries its document offset (data-start) for mapping a text selection.
 */
function Pieces(props: {
  sentence: WorkspaceSentence;
  from: number;
  to: number;
  suggestion: ShownSuggestion | null;
}) {
  const { sentence: s, from, to } = props;
  const local = (span: { start: number; end: number } | null | undefined) =>
    span && span.start >= s.start && span.end <= s.end
      ? { start: span.start - s.start, end: span.end - s.start }
      : null;
  const cue = local(props.suggestion?.cue);
  const source = local(props.suggestion?.source);
  const cuts = new Set([from, to]);
  for (const span of [cue, source]) {
    if (!span) continue;
    for (const at of [span.start, span.end]) if (at > from && at < to) cuts.add(at);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const inside = (span: { start: number; end: number } | null, at: number) =>
    span != null && at >= span.start && at < span.end;
  return (
    <>
      {points.slice(0, -1).map((at, i) => {
        const end = points[i + 1] ?? to;
        const text = s.text.slice(at, end);
        if (inside(source, at))
          return (
            <u
              key={at}
              data-start={s.start + at}
              data-suggested="source"
              aria-describedby="suggested-source-hint"
              title="Suggested source"
              className={SOURCE_STYLE}
            >
              {text}
            </u>
          );
        if (inside(cue, at))
          return (
            <u
              key={at}
              data-start={s.start + at}
              data-suggested="cue"
              aria-describedby="suggested-cue-hint"
              title="Suggested attribution cue"
              className={CUE_STYLE}
            >
              {text}
            </u>
          );
        return (
          <span key={at} data-start={s.start + at}>
            {text}
          </span>
        );
      })}
    </>
  );
}
