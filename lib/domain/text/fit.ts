import type { Sentence } from "./segment";

export interface SentenceSpan {
  readonly start: number;
  readonly end: number;
}

export class SentenceFitError extends Error {
  override name = "SentenceFitError";
}

function isBlank(text: string, from: number, to: number): boolean {
  return text.slice(from, to).trim() === "";
}

/**
 * The sentences of a re-imported document: the spans the file recorded
 * (`kept`, the sentences annotated under whatever segmenter version produced
 * them) exactly as they were, and the current segmentation everywhere else.
 * A current sentence that overlaps a kept one gives way to it, and any text
 * left uncovered between them becomes a sentence of its own, so the result
 * still covers all non-whitespace text with ordered, trimmed spans.
 */
export function fitSentences(
  text: string,
  segmented: readonly Sentence[],
  kept: readonly SentenceSpan[],
): Sentence[] {
  const pinned = [...kept].sort((a, b) => a.start - b.start);
  pinned.forEach((span, i) => {
    const previous = pinned[i - 1];
    if (!Number.isInteger(span.start) || !Number.isInteger(span.end)) {
      throw new SentenceFitError(`Offsets ${span.start}–${span.end} are not whole numbers.`);
    }
    if (span.start < 0 || span.end > text.length || span.start >= span.end) {
      throw new SentenceFitError(
        `Offsets ${span.start}–${span.end} are outside the text (${text.length} characters).`,
      );
    }
    const slice = text.slice(span.start, span.end);
    if (slice.trim() !== slice) {
      throw new SentenceFitError(
        `The sentence at ${span.start}–${span.end} begins or ends with whitespace.`,
      );
    }
    if (previous && previous.end > span.start) {
      throw new SentenceFitError(
        `The sentences at ${previous.start}–${previous.end} and ${span.start}–${span.end} overlap.`,
      );
    }
  });

  const spans: SentenceSpan[] = [];
  let cursor = 0;
  let next = 0;
  const pushGap = (from: number, to: number) => {
    if (from >= to || isBlank(text, from, to)) return;
    let start = from;
    let end = to;
    while (/\s/.test(text.charAt(start))) start++;
    while (/\s/.test(text.charAt(end - 1))) end--;
    spans.push({ start, end });
  };
  // The current sentences lying wholly in [cursor, limit), and the rest of the gap, trimmed.
  const fillTo = (limit: number) => {
    for (; next < segmented.length; next++) {
      const s = segmented[next];
      if (!s) break;
      if (s.start < cursor) continue;
      if (s.end > limit) break;
      pushGap(cursor, s.start);
      spans.push({ start: s.start, end: s.end });
      cursor = s.end;
    }
    pushGap(cursor, limit);
    cursor = limit;
  };
  for (const span of pinned) {
    fillTo(span.start);
    spans.push(span);
    cursor = span.end;
  }
  fillTo(text.length);
  return spans.map((s, index) => ({
    index,
    start: s.start,
    end: s.end,
    text: text.slice(s.start, s.end),
  }));
}
