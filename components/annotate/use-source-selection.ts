"use client";

import { useState } from "react";
import {
  moveWord,
  spanBetween,
  wordSpans,
  type AnnotationFields,
  type WordKeyCommand,
  type WordSpan,
} from "@/lib/domain/annotation";
import type { WorkspaceSentence } from "./sentence-list";
import type { CommandHandlers } from "./use-workspace-keys";
import type { useSaveQueue } from "./use-save-queue";

/** Document offsets of the words marked as a sentence's source. */
export interface SourceSpan {
  start: number;
  end: number;
}

interface PendingSpan extends SourceSpan {
  sentenceId: string;
  quote: string;
}

/** Choosing source words with the keyboard (W): the sentence's words and a cursor over them. */
interface WordChoice {
  position: number;
  words: WordSpan[];
  anchor: number;
  head: number;
}

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

const choosingHint = (s: WorkspaceSentence, span: SourceSpan) =>
  `Choosing source words: “${s.text.slice(span.start - s.start, span.end - s.start)}” — ←/→ move, Shift extends, Enter sets, Esc cancels.`;

/**
 * Marking a sentence's source words, by selecting text with the mouse or by
 * choosing words with the keyboard. On a tagged sentence the span is saved at
 * once; on an untagged one it waits (`pendingSpan`) for the label.
 */
export function useSourceSelection(args: {
  sentences: readonly WorkspaceSentence[];
  taggable: readonly boolean[];
  display: ReadonlyMap<string, AnnotationFields>;
  canWrite: boolean;
  change: ReturnType<typeof useSaveQueue>["change"];
  place: (position: number) => void;
  setHint: (hint: string | null) => void;
}) {
  const { sentences, setHint } = args;
  const [pendingSpan, setPendingSpan] = useState<PendingSpan | null>(null);
  const [wordChoice, setWordChoice] = useState<WordChoice | null>(null);

  /** Sets the source span of the sentence at `position`: saved at once on a tagged sentence, else kept for its label. */
  function setSpan(position: number, start: number, end: number) {
    const s = sentences[position];
    if (!s) return;
    const quote = s.text.slice(start - s.start, end - s.start);
    const cur = args.display.get(s.id);
    if (cur && args.canWrite) {
      args.change([s.id], (c) =>
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
    args.place(position);
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
    if (!s || !args.taggable[position]) return;
    let start = Math.min(a.at, b.at);
    let end = Math.max(a.at, b.at);
    const raw = s.text.slice(start - s.start, end - s.start);
    start += raw.length - raw.trimStart().length;
    end -= raw.length - raw.trimEnd().length;
    if (end <= start) return;
    setSpan(position, start, end);
  }

  /** Starts choosing words in the sentence at `position` (the W key). */
  function startWordChoice(position: number) {
    const s = sentences[position];
    const words = s && args.canWrite ? wordSpans(s.text, s.start) : [];
    const first = words[0];
    if (!s || !first) return;
    setWordChoice({ position, words, anchor: 0, head: 0 });
    setHint(choosingHint(s, first));
  }

  /** The keys while words are being chosen; null when no choice is under way. */
  const wordKeys: CommandHandlers<WordKeyCommand> | null = wordChoice
    ? {
        "word-cancel": () => {
          setWordChoice(null);
          setHint(null);
        },
        "word-set": () => {
          const span = spanBetween(wordChoice.words, wordChoice.anchor, wordChoice.head);
          setWordChoice(null);
          if (span) setSpan(wordChoice.position, span.start, span.end);
        },
        "word-move": ({ delta, extend }) => {
          const head = moveWord(wordChoice.words, wordChoice.head, delta);
          const next = { ...wordChoice, head, anchor: extend ? wordChoice.anchor : head };
          setWordChoice(next);
          const span = spanBetween(next.words, next.anchor, next.head);
          const s = sentences[next.position];
          if (span && s) setHint(choosingHint(s, span));
        },
      }
    : null;

  const chosen = wordChoice
    ? spanBetween(wordChoice.words, wordChoice.anchor, wordChoice.head)
    : null;

  return {
    pendingSpan,
    clearPendingSpan: () => setPendingSpan(null),
    choosing: wordChoice && chosen ? { position: wordChoice.position, ...chosen } : null,
    onMouseUp,
    startWordChoice,
    wordKeys,
  };
}
