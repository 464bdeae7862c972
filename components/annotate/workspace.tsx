"use client";

import { useRouter } from "next/navigation";
import {
  addCommentAction,
  listCommentsAction,
} from "@/app/(workspace)/projects/[slug]/review/actions";
import { AlsoAppearsIn } from "@/components/documents/also-appears-in";

import { CommentThread } from "@/components/review/comment-thread";
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from "react";
import {
  commandForKey,
  KEY_HELP,
  moveWord,
  spanBetween,
  wordKeyCommand,
  wordSpans,
  type WordSpan,
  LABEL_INFO,
  LABELS,
  rangeBetween,
  SOURCE_TYPE_NAMES,
  SOURCE_TYPES,
  step,
  type AnnotationFields,
  type AnnotationView,
  type Label,
  type SourceType,
  type SourceView,
} from "@/lib/domain/annotation";
import {
  nextDocumentAction,
  setSubmittedAction,
} from "@/app/(workspace)/projects/[slug]/documents/[documentId]/actions";
import { createSourceAction } from "@/lib/actions/sources";
import { LabelBadge, Legend, LABEL_STYLE } from "./legend";
import { SourceField } from "./source-field";
import { useSaveQueue, type SaveStatus } from "./use-save-queue";

export interface WorkspaceSentence {
  id: string;
  index: number;
  start: number;
  end: number;
  text: string;
  isBoilerplate: boolean;
}

export interface OtherTag {
  sentenceId: string;
  annotator: string;
  label: Label;
  sourceText: string | null;
}

interface Props {
  projectSlug: string;
  userId: string;
  documentId: string;
  sentences: WorkspaceSentence[];
  mine: AnnotationView[];
  others: OtherTag[] | null;
  sources: SourceView[];
  canWrite: boolean;
  blind: boolean;
  guidelinesHtml: string;
  submitted: boolean;
  /** May this user join sentence discussions before submitting (see lib/server/comments.ts)? */
  canReadAll: boolean;
  /** Other documents of the project with the same sentence, by sentence id. */
  duplicates: Record<string, Array<{ documentId: string; title: string; sentenceIndex: number }>>;
}

const EMPTY: AnnotationFields = {
  label: "NOT_A_CLAIM",
  sourceText: null,
  sourceStart: null,
  sourceEnd: null,
  sourceId: null,
  sourceType: null,
  note: null,
  unsure: false,
};

interface PendingSpan {
  sentenceId: string;
  start: number;
  end: number;
  quote: string;
}

const STATUS_TEXT: Record<SaveStatus, string> = {
  saved: "Saved",
  saving: "Saving…",
  failed: "Not saved yet, retrying",
  conflict: "Changed elsewhere: choose a version",
};
const STATUS_ICON: Record<SaveStatus, string> = {
  saved: "",
  saving: "…",
  failed: "!",
  conflict: "⚠",
};

/** The document offset of a point in the rendered text, from the nearest segment's data-start. */
function offsetOf(node: Node, offset: number): { sentenceId: string; at: number } | null {
  const element =
    node.nodeType === Node.TEXT_NODE ? node.parentElement : node instanceof Element ? node : null;
  const segment = element?.closest<HTMLElement>("[data-start]");
  const item = element?.closest<HTMLElement>("[data-sentence-id]");
  const start = Number(segment?.dataset.start);
  const sentenceId = item?.dataset.sentenceId;
  if (!segment || !sentenceId || Number.isNaN(start)) return null;
  return { sentenceId, at: start + (node.nodeType === Node.TEXT_NODE ? offset : 0) };
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
  onPick(position: number, extend: boolean): void;
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
      {props.unsure ? (
        <span className="mr-1 align-middle font-sans text-xs font-semibold text-stone-700">
          (unsure)
        </span>
      ) : null}
      {hasSpan ? (
        <>
          <span data-start={s.start}>{s.text.slice(0, a)}</span>
          <mark
            data-start={s.start + a}
            className="rounded bg-sky-100 underline decoration-sky-700 decoration-2"
          >
            {s.text.slice(a, b)}
          </mark>
          <span data-start={s.start + b}>{s.text.slice(b)}</span>
        </>
      ) : (
        <span data-start={s.start}>{s.text}</span>
      )}
      {props.status && props.status !== "saved" ? (
        <span
          className="ml-2 font-sans text-xs font-semibold text-stone-700"
          title={STATUS_TEXT[props.status]}
        >
          <span aria-hidden="true">{STATUS_ICON[props.status]}</span>
          <span className="sr-only">{STATUS_TEXT[props.status]}</span>
        </span>
      ) : null}
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

export function Workspace(props: Props) {
  const router = useRouter();
  const { sentences, projectSlug } = props;
  const saves = useSaveQueue({
    projectSlug,
    userId: props.userId,
    documentId: props.documentId,
    initial: props.mine,
  });
  const { display, statuses, change } = saves;
  const taggable = useMemo(() => sentences.map((s) => !s.isBoilerplate), [sentences]);
  const firstTaggable = taggable.indexOf(true);
  const [focus, setFocus] = useState(Math.max(0, firstTaggable));
  const [anchor, setAnchor] = useState(Math.max(0, firstTaggable));
  const [helpOpen, setHelpOpen] = useState(false);
  const [showOthers, setShowOthers] = useState(false);
  const [sources, setSources] = useState(props.sources);
  const [pendingSpan, setPendingSpan] = useState<PendingSpan | null>(null);
  // Choosing source words with the keyboard (W): the focused sentence's words and a cursor over them.
  const [wordChoice, setWordChoice] = useState<{
    position: number;
    words: WordSpan[];
    anchor: number;
    head: number;
  } | null>(null);
  const [submitted, setSubmitted] = useState(props.submitted);
  const [flowMessage, setFlowMessage] = useState<string | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const sourceRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const helpRef = useRef<HTMLDialogElement>(null);
  const moveFocus = useRef(false);

  const [lo, hi] = rangeBetween(anchor, focus);
  const focused = sentences[focus];
  const current = focused ? (display.get(focused.id) ?? null) : null;

  const othersBySentence = useMemo(() => {
    const m = new Map<string, OtherTag[]>();
    for (const o of props.others ?? []) m.set(o.sentenceId, [...(m.get(o.sentenceId) ?? []), o]);
    return m;
  }, [props.others]);

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${focus}"]`)?.focus();
  }, [focus]);

  useEffect(() => {
    // Keyboard first: arriving on the page puts the keys to work on the current
    // sentence, unless the reader has already put focus somewhere.
    if (document.activeElement === document.body || document.activeElement === null) {
      listRef.current
        ?.querySelector<HTMLElement>(`[data-index="${focus}"]`)
        ?.focus({ preventScroll: true });
    }
    // Only on arrival; afterwards focus follows the reader.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const dialog = helpRef.current;
    if (!dialog) return;
    if (helpOpen && !dialog.open) dialog.showModal();
    if (!helpOpen && dialog.open) dialog.close();
  }, [helpOpen]);

  const selectedIds = useCallback(() => {
    const ids: string[] = [];
    for (let i = lo; i <= hi; i++) {
      const s = sentences[i];
      if (s && taggable[i]) ids.push(s.id);
    }
    return ids;
  }, [lo, hi, sentences, taggable]);

  const applyLabel = useCallback(
    (label: Label) => {
      const span = pendingSpan;
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
      setPendingSpan(null);
      setHint(null);
    },
    [change, pendingSpan, selectedIds],
  );

  const clearTags = useCallback(
    () => change(selectedIds(), (cur) => (cur ? { kind: "clear" } : null)),
    [change, selectedIds],
  );

  const editFocused = useCallback(
    (edit: (cur: AnnotationFields) => AnnotationFields) => {
      if (!focused) return;
      change([focused.id], (cur) => (cur ? { kind: "save", fields: edit(cur) } : null));
    },
    [change, focused],
  );

  const repeatSource = useCallback(() => {
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
  }, [lo, sentences, display, change, selectedIds]);

  const pick = useCallback(
    (position: number, extend: boolean) => {
      if (!taggable[position]) return;
      setFocus(position);
      if (!extend) setAnchor(position);
      moveFocus.current = true;
    },
    [taggable],
  );

  function onKeyDown(event: KeyboardEvent<HTMLOListElement>) {
    if (
      event.target instanceof HTMLInputElement ||
      event.target instanceof HTMLTextAreaElement ||
      event.target instanceof HTMLSelectElement
    )
      return;
    if (wordChoice) {
      const wordCommand = wordKeyCommand(event);
      if (!wordCommand) return;
      event.preventDefault();
      if (wordCommand.kind === "word-cancel") {
        setWordChoice(null);
        setHint(null);
      } else if (wordCommand.kind === "word-set") {
        const span = spanBetween(wordChoice.words, wordChoice.anchor, wordChoice.head);
        setWordChoice(null);
        if (span) setSpan(wordChoice.position, span.start, span.end);
      } else {
        const head = moveWord(wordChoice.words, wordChoice.head, wordCommand.delta);
        const next = { ...wordChoice, head, anchor: wordCommand.extend ? wordChoice.anchor : head };
        setWordChoice(next);
        const span = spanBetween(next.words, next.anchor, next.head);
        const s = sentences[next.position];
        if (span && s)
          setHint(
            `Choosing source words: “${s.text.slice(span.start - s.start, span.end - s.start)}” — ←/→ move, Shift extends, Enter sets, Esc cancels.`,
          );
      }
      return;
    }
    const command = commandForKey(event);
    if (!command) return;
    event.preventDefault();
    switch (command.kind) {
      case "label":
        if (props.canWrite) applyLabel(command.label);
        break;
      case "clear":
        if (props.canWrite) clearTags();
        break;
      case "move": {
        const next = step(taggable, focus, command.delta);
        moveFocus.current = true;
        setFocus(next);
        if (!command.extend) setAnchor(next);
        break;
      }
      case "repeat-source":
        if (props.canWrite) repeatSource();
        break;
      case "help":
        setHelpOpen((o) => !o);
        break;
      case "escape":
        setAnchor(focus);
        break;
      case "focus-source":
        sourceRef.current?.focus();
        break;
      case "focus-note":
        noteRef.current?.focus();
        break;
      case "toggle-unsure":
        if (props.canWrite)
          change(selectedIds(), (cur) =>
            cur ? { kind: "save", fields: { ...cur, unsure: !cur.unsure } } : null,
          );
        break;
      case "choose-words": {
        const s = sentences[focus];
        const words = s && props.canWrite ? wordSpans(s.text, s.start) : [];
        const first = words[0];
        if (!s || !first) break;
        setWordChoice({ position: focus, words, anchor: 0, head: 0 });
        setHint(
          `Choosing source words: “${s.text.slice(first.start - s.start, first.end - s.start)}” — ←/→ move, Shift extends, Enter sets, Esc cancels.`,
        );
        break;
      }
    }
  }

  function onMouseUp() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.anchorNode || !selection.focusNode)
      return;
    const a = offsetOf(selection.anchorNode, selection.anchorOffset);
    const b = offsetOf(selection.focusNode, selection.focusOffset);
    if (!a || !b || a.sentenceId !== b.sentenceId) return;
    const position = sentences.findIndex((s) => s.id === a.sentenceId);
    const s = sentences[position];
    if (!s || !taggable[position]) return;
    let start = Math.min(a.at, b.at);
    let end = Math.max(a.at, b.at);
    const raw = s.text.slice(start - s.start, end - s.start);
    start += raw.length - raw.trimStart().length;
    end -= raw.length - raw.trimEnd().length;
    if (end <= start) return;
    setSpan(position, start, end);
  }

  /** Sets the source span of the sentence at `position`: saved at once on a tagged sentence, else kept for its label. */
  function setSpan(position: number, start: number, end: number) {
    const s = sentences[position];
    if (!s) return;
    const quote = s.text.slice(start - s.start, end - s.start);
    setFocus(position);
    setAnchor(position);
    const cur = display.get(s.id);
    if (cur && props.canWrite) {
      change([s.id], (c) =>
        c
          ? {
              kind: "save",
              fields: {
                ...c,
                sourceStart: start,
                sourceEnd: end,
                sourceText: c.sourceId ? c.sourceText : quote,
              },
            }
          : null,
      );
      setPendingSpan(null);
      setHint(`Source words set: “${quote}”`);
    } else {
      setPendingSpan({ sentenceId: s.id, start, end, quote });
      setHint(`Source words selected: “${quote}”. Choose a label (1–4) to save them with it.`);
    }
    listRef.current
      ?.querySelector<HTMLElement>(`[data-index="${position}"]`)
      ?.focus({ preventScroll: true });
  }

  async function addSource(input: {
    name: string;
    type: SourceType;
    affiliation: string;
  }): Promise<string | null> {
    const result = await createSourceAction(projectSlug, input).catch(() => null);
    if (!result) return "No connection to the server: the source was not added.";
    if (!result.ok) return result.message;
    const source = result.data;
    setSources((list) => [...list, source].sort((x, y) => x.name.localeCompare(y.name)));
    editFocused((cur) => ({
      ...cur,
      sourceId: source.id,
      sourceType: source.type,
      sourceText: cur.sourceStart != null ? cur.sourceText : source.name,
    }));
    return null;
  }

  const taggableCount = taggable.filter(Boolean).length;
  const taggedCount = sentences.reduce(
    (n, s, i) => n + (taggable[i] && display.has(s.id) ? 1 : 0),
    0,
  );
  const pending = saves.queue.entries;
  const conflicts = pending.filter((e) => e.conflict).length;
  const failing = pending.filter((e) => !e.conflict && e.error).length;
  const overall = conflicts
    ? `${conflicts} ${conflicts === 1 ? "sentence was" : "sentences were"} changed elsewhere: choose which version to keep`
    : failing
      ? `${failing} ${failing === 1 ? "edit" : "edits"} not saved yet: kept in this browser, retrying`
      : pending.length
        ? "Saving…"
        : "All changes saved";
  const focusedStatus: SaveStatus = focused ? (statuses.get(focused.id) ?? "saved") : "saved";
  const conflictEntry = focused
    ? pending.find((e) => e.sentenceId === focused.id && e.conflict)
    : undefined;
  const rejection = focused ? saves.rejections.find((r) => r.sentenceId === focused.id) : undefined;
  const sourceName = current?.sourceId
    ? (sources.find((s) => s.id === current.sourceId)?.name ?? current.sourceText ?? "")
    : (current?.sourceText ?? "");
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

  async function toggleSubmitted() {
    const result = await setSubmittedAction(projectSlug, props.documentId, !submitted).catch(
      () => null,
    );
    if (!result) setFlowMessage("No connection to the server. Try again.");
    else if (!result.ok) setFlowMessage(result.message);
    else {
      setSubmitted(result.data.status === "SUBMITTED");
      setFlowMessage(
        result.data.status === "SUBMITTED"
          ? "Document submitted. You can reopen it at any time."
          : "Document reopened.",
      );
    }
  }

  async function goNext() {
    const result = await nextDocumentAction(projectSlug, props.documentId).catch(() => null);
    if (!result) setFlowMessage("No connection to the server. Try again.");
    else if (!result.ok) setFlowMessage(result.message);
    else if (!result.data) setFlowMessage("No other document needs you right now.");
    else router.push(`/projects/${projectSlug}/documents/${result.data.id}`);
  }

  return (
    <div className="mt-4 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div>
        <div className="sticky top-0 z-10 space-y-2 border-b border-stone-200 bg-white/95 py-2">
          <div className="flex flex-wrap items-center gap-3">
            <div className="min-w-48 flex-1">
              <div
                role="progressbar"
                aria-label="Tagged sentences"
                aria-valuemin={0}
                aria-valuemax={taggableCount}
                aria-valuenow={taggedCount}
                aria-valuetext={`${taggedCount} of ${taggableCount} sentences tagged`}
                className="h-2 overflow-hidden rounded bg-stone-200"
              >
                <div
                  className="h-full bg-sky-700"
                  style={{ width: `${taggableCount ? (100 * taggedCount) / taggableCount : 0}%` }}
                />
              </div>
              <p className="mt-1 text-xs text-stone-700">
                {taggedCount} of {taggableCount} sentences tagged{submitted ? " · submitted" : ""}
              </p>
            </div>
            <p
              role="status"
              aria-live="polite"
              className={`text-sm ${conflicts || failing ? "font-semibold text-red-800" : "text-stone-700"}`}
            >
              {overall}
            </p>
            {failing ? (
              <button
                type="button"
                onClick={saves.retryNow}
                className="rounded border border-stone-300 px-2 py-1 text-sm hover:bg-stone-100"
              >
                Retry now
              </button>
            ) : null}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Legend />
            <button
              type="button"
              onClick={() => setHelpOpen(true)}
              className="ml-auto rounded border border-stone-300 px-2 py-1 text-sm hover:bg-stone-100"
            >
              Keys <kbd className="font-mono">?</kbd>
            </button>
            {props.others ? (
              <label className="flex items-center gap-1 text-sm">
                <input
                  type="checkbox"
                  checked={showOthers}
                  onChange={(e) => setShowOthers(e.target.checked)}
                />
                Show others’ tags
              </label>
            ) : props.blind ? (
              <span className="text-xs text-stone-600">
                Blind project: only your tags are shown
              </span>
            ) : null}
          </div>
          {saves.storageProblem ? (
            <p role="alert" className="text-sm text-red-800">
              {saves.storageProblem}
            </p>
          ) : null}
        </div>
        <p id="sentences-hint" className="sr-only">
          Use J and K or the arrow keys to move between sentences, 1 to 4 to tag, 0 to clear,
          question mark for all keys.
        </p>
        <ol
          ref={listRef}
          aria-label="Sentences"
          aria-describedby="sentences-hint"
          onKeyDown={onKeyDown}
          onMouseUp={onMouseUp}
          className="mt-4 space-y-1 font-serif text-lg leading-relaxed"
        >
          {groups.map((group) =>
            group.boilerplate ? (
              <li key={group.items[0]?.s.id} className="list-none">
                <details className="rounded-md bg-stone-100 px-3 py-1 font-sans text-sm text-stone-700">
                  <summary className="cursor-pointer">
                    {group.items.length} boilerplate{" "}
                    {group.items.length === 1 ? "sentence" : "sentences"} (collapsed, not tagged)
                  </summary>
                  <ol className="mt-2 space-y-1">
                    {group.items.map(({ s }) => (
                      <li key={s.id}>{s.text}</li>
                    ))}
                  </ol>
                </details>
              </li>
            ) : (
              group.items.map(({ s, position }) => {
                const fields = display.get(s.id);
                // While words are being chosen with the keyboard, the choice is what is highlighted.
                const choosing =
                  wordChoice?.position === position
                    ? spanBetween(wordChoice.words, wordChoice.anchor, wordChoice.head)
                    : null;
                return (
                  <SentenceItem
                    key={s.id}
                    sentence={s}
                    position={position}
                    label={fields?.label ?? null}
                    spanStart={
                      choosing?.start ??
                      fields?.sourceStart ??
                      (pendingSpan?.sentenceId === s.id ? pendingSpan.start : null)
                    }
                    spanEnd={
                      choosing?.end ??
                      fields?.sourceEnd ??
                      (pendingSpan?.sentenceId === s.id ? pendingSpan.end : null)
                    }
                    unsure={fields?.unsure ?? false}
                    focused={position === focus}
                    selected={position >= lo && position <= hi}
                    status={statuses.get(s.id)}
                    others={showOthers ? othersBySentence.get(s.id) : undefined}
                    onPick={pick}
                  />
                );
              })
            ),
          )}
        </ol>
      </div>

      <aside aria-label="Annotation details" className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        <section
          aria-labelledby="panel-heading"
          className="space-y-3 rounded-lg border border-stone-200 bg-white p-4"
        >
          <h2 id="panel-heading" className="text-sm font-semibold text-stone-900">
            {hi > lo
              ? `${selectedIds().length} sentences selected`
              : focused
                ? `Sentence ${focused.index + 1}`
                : "No sentence"}
          </h2>
          {focused ? (
            <p className="line-clamp-3 font-serif text-sm text-stone-700">{focused.text}</p>
          ) : null}
          {focused ? (
            <AlsoAppearsIn
              projectSlug={projectSlug}
              elsewhere={props.duplicates[focused.id] ?? []}
            />
          ) : null}
          {focused && (props.canReadAll || submitted) ? (
            <CommentThread
              key={focused.id}
              projectSlug={projectSlug}
              sentenceId={focused.id}
              initialCount={null}
              listComments={listCommentsAction}
              addComment={addCommentAction}
            />
          ) : null}
          {props.canWrite ? (
            <>
              <div role="group" aria-label="Label" className="grid grid-cols-2 gap-1">
                {LABELS.map((l) => (
                  <button
                    key={l}
                    type="button"
                    aria-pressed={current?.label === l}
                    onClick={() => applyLabel(l)}
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
                onClick={clearTags}
                disabled={!current}
                className="text-sm text-stone-700 underline disabled:text-stone-400 disabled:no-underline"
              >
                Clear tag (0)
              </button>
              <p className="text-sm" aria-live="polite">
                <span className="font-medium">Status:</span>{" "}
                {current || focusedStatus !== "saved" ? STATUS_TEXT[focusedStatus] : "Not tagged"}
              </p>
              {rejection ? (
                <p role="alert" className="text-sm text-red-800">
                  Not saved: {rejection.message}
                </p>
              ) : null}
              {conflictEntry?.conflict ? (
                <div
                  role="alert"
                  className="space-y-2 rounded border border-red-300 bg-red-50 p-2 text-sm"
                >
                  <p className="font-semibold text-red-900">
                    This sentence was changed in another tab or on another device.
                  </p>
                  <p>
                    Theirs:{" "}
                    {conflictEntry.conflict.current ? (
                      <LabelBadge label={conflictEntry.conflict.current.fields.label} />
                    ) : (
                      "no tag"
                    )}
                    {conflictEntry.conflict.current?.fields.sourceText
                      ? ` — ${conflictEntry.conflict.current.fields.sourceText}`
                      : ""}
                  </p>
                  <p>
                    Yours:{" "}
                    {conflictEntry.change.kind === "save" ? (
                      <LabelBadge label={conflictEntry.change.fields.label} />
                    ) : (
                      "no tag"
                    )}
                    {conflictEntry.change.kind === "save" && conflictEntry.change.fields.sourceText
                      ? ` — ${conflictEntry.change.fields.sourceText}`
                      : ""}
                  </p>
                  <div className="flex gap-2">
                    <button
                      type="button"
                      onClick={() => saves.resolveConflict(conflictEntry.sentenceId, "mine")}
                      className="rounded bg-stone-900 px-2 py-1 text-white hover:bg-stone-700"
                    >
                      Keep mine
                    </button>
                    <button
                      type="button"
                      onClick={() => saves.resolveConflict(conflictEntry.sentenceId, "theirs")}
                      className="rounded border border-stone-300 bg-white px-2 py-1 hover:bg-stone-100"
                    >
                      Take theirs
                    </button>
                  </div>
                </div>
              ) : null}
              <SourceField
                sources={sources}
                value={sourceName}
                disabled={!current}
                ref={sourceRef}
                onPick={(source) =>
                  editFocused((cur) => ({
                    ...cur,
                    sourceId: source.id,
                    sourceType: source.type,
                    sourceText: cur.sourceStart != null ? cur.sourceText : source.name,
                  }))
                }
                onText={(text) =>
                  editFocused((cur) => ({
                    ...cur,
                    sourceId: null,
                    sourceText: text || null,
                    ...(text ? {} : { sourceStart: null, sourceEnd: null }),
                  }))
                }
                onAdd={addSource}
                onDone={() => {
                  moveFocus.current = true;
                  listRef.current?.querySelector<HTMLElement>(`[data-index="${focus}"]`)?.focus();
                }}
              />
              {current?.sourceStart != null && current.sourceEnd != null && focused ? (
                <p className="text-sm">
                  Source words:{" "}
                  <q className="bg-sky-100">
                    {focused.text.slice(
                      current.sourceStart - focused.start,
                      current.sourceEnd - focused.start,
                    )}
                  </q>{" "}
                  <button
                    type="button"
                    onClick={() =>
                      editFocused((cur) => ({ ...cur, sourceStart: null, sourceEnd: null }))
                    }
                    className="text-stone-700 underline"
                  >
                    Remove span
                  </button>
                </p>
              ) : (
                <p className="text-xs text-stone-600">
                  Select words in the sentence to mark them as the source.
                </p>
              )}
              <div className="text-sm">
                <label htmlFor="annotation-source-type" className="font-medium text-stone-800">
                  Source type
                </label>
                <select
                  id="annotation-source-type"
                  value={current?.sourceType ?? ""}
                  disabled={!current}
                  onChange={(e) =>
                    editFocused((cur) => ({
                      ...cur,
                      sourceType: SOURCE_TYPES.find((t) => t === e.target.value) ?? null,
                    }))
                  }
                  className="mt-1 block w-full rounded border border-stone-300 bg-white px-1 py-1 disabled:bg-stone-100"
                >
                  <option value="">—</option>
                  {SOURCE_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {SOURCE_TYPE_NAMES[t]}
                    </option>
                  ))}
                </select>
              </div>
              <NoteField
                key={`${focused?.id ?? "none"}:${current?.note ?? ""}`}
                ref={noteRef}
                value={current?.note ?? ""}
                disabled={!current}
                onCommit={(note) =>
                  editFocused((cur) => ({ ...cur, note: note.trim() ? note : null }))
                }
              />
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={current?.unsure ?? false}
                  disabled={!current}
                  onChange={(e) => editFocused((cur) => ({ ...cur, unsure: e.target.checked }))}
                />
                Unsure <span className="text-stone-600">(U)</span>
              </label>
            </>
          ) : (
            <p className="text-sm text-stone-700">
              Your role in this project does not include annotating.
            </p>
          )}
          {hint ? (
            <p className="text-sm text-stone-700" aria-live="polite">
              {hint}
            </p>
          ) : null}
          {showOthers && focused && othersBySentence.get(focused.id)?.length ? (
            <ul aria-label="Others’ tags" className="space-y-1 text-sm">
              {othersBySentence.get(focused.id)?.map((o) => (
                <li key={o.annotator}>
                  {o.annotator}: <LabelBadge label={o.label} />
                  {o.sourceText ? ` — ${o.sourceText}` : ""}
                </li>
              ))}
            </ul>
          ) : null}
        </section>

        {props.canWrite ? (
          <section
            aria-label="Document progress"
            className="space-y-2 rounded-lg border border-stone-200 bg-white p-4"
          >
            <div className="flex flex-wrap gap-2">
              <button
                type="button"
                onClick={() => void toggleSubmitted()}
                className="rounded-md bg-stone-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-stone-700"
              >
                {submitted ? "Reopen document" : "Submit document"}
              </button>
              <button
                type="button"
                onClick={() => void goNext()}
                className="rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-100"
              >
                Next document
              </button>
            </div>
            {flowMessage ? (
              <p role="status" className="text-sm text-stone-700">
                {flowMessage}
              </p>
            ) : null}
          </section>
        ) : null}

        <details className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
          <summary className="cursor-pointer font-semibold">
            Guidelines and label definitions
          </summary>
          <dl className="mt-3 space-y-2">
            {LABELS.map((l) => (
              <div key={l}>
                <dt>
                  <LabelBadge label={l} />{" "}
                  <kbd className="font-mono text-xs">{LABEL_INFO[l].key}</kbd>
                </dt>
                <dd className="mt-0.5 text-stone-700">{LABEL_INFO[l].definition}</dd>
              </div>
            ))}
          </dl>
          {props.guidelinesHtml ? (
            <div
              className="guidelines mt-3 space-y-2 border-t border-stone-200 pt-3 [&_a]:text-sky-800 [&_a]:underline [&_h1]:font-semibold [&_h2]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5"
              dangerouslySetInnerHTML={{ __html: props.guidelinesHtml }}
            />
          ) : (
            <p className="mt-3 text-stone-600">This project has no written guidelines yet.</p>
          )}
        </details>
      </aside>

      <dialog
        ref={helpRef}
        aria-labelledby="help-heading"
        onClose={() => setHelpOpen(false)}
        className="m-auto max-w-lg rounded-lg p-6 backdrop:bg-stone-900/40"
      >
        <h2 id="help-heading" className="text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <table className="mt-3 w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">
                Keys
              </th>
              <th scope="col" className="py-1 font-medium">
                Action
              </th>
            </tr>
          </thead>
          <tbody>
            {KEY_HELP.map((k) => (
              <tr key={k.keys} className="border-t border-stone-100">
                <td className="py-1 pr-4 font-mono text-xs">{k.keys}</td>
                <td className="py-1">{k.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          autoFocus
          onClick={() => setHelpOpen(false)}
          className="mt-4 rounded-md bg-stone-900 px-3 py-1.5 text-sm text-white hover:bg-stone-700"
        >
          Close
        </button>
      </dialog>
    </div>
  );
}

/** The note is edited as a local draft and saved when the field is left; a new server value remounts it (see its key). */
function NoteField({
  ref,
  ...props
}: {
  value: string;
  disabled: boolean;
  ref: React.Ref<HTMLTextAreaElement>;
  onCommit(note: string): void;
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
