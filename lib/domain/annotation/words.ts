/**
 * Word-by-word choice of a source span, so the words that name a source can
 * be picked with the keyboard as well as by selecting them with a mouse.
 */
export interface WordSpan {
  /** Document offsets (UTF-16), end exclusive. */
  start: number;
  end: number;
}

// Letters and digits, joined by inner apostrophes, hyphens and dots: "al-Baaj", "U.S", "Iraq's".
const WORD = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;

/** The words of a sentence whose text starts at document offset `offset`. */
export function wordSpans(text: string, offset: number): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    const at = match.index ?? 0;
    spans.push({ start: offset + at, end: offset + at + match[0].length });
  }
  return spans;
}

/** The span from the word at `anchor` to the word at `head`, in either order; null without words. */
export function spanBetween(
  words: readonly WordSpan[],
  anchor: number,
  head: number,
): WordSpan | null {
  const a = words[Math.min(anchor, head)];
  const b = words[Math.max(anchor, head)];
  return a && b ? { start: a.start, end: b.end } : null;
}

/** Moves a word cursor by `delta`, staying within the sentence. */
export function moveWord(words: readonly WordSpan[], at: number, delta: 1 | -1): number {
  return Math.max(0, Math.min(words.length - 1, at + delta));
}
