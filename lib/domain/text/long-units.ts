import type { Sentence } from "./segment";

/**
 * The longest unit an annotator is asked to tag. Real sentences stay far
 * below it (the longest in the sample articles is under 600 characters); a
 * longer "sentence" is a text with no sentence punctuation at all — a
 * transcript, a table flattened to one line — that would otherwise be one
 * unit of megabytes, unreadable in the workspace and untaggable in parts.
 */
export const MAX_UNIT_LENGTH = 2_000;

/**
 * A post-pass over segmentSentences' output, kept out of the segmenter so
 * that segmentation rules and this limit change independently: every unit
 * longer than `maxLength` is cut into pieces of at most `maxLength` UTF-16
 * units, at the last whitespace of each window (never inside a surrogate
 * pair when a window has none). Offsets stay exact into `text`; pieces are
 * trimmed like sentences, and indexes are renumbered. `cutInto` counts the
 * units that came from cut sentences (0 when none was too long).
 */
export function cutLongUnits(
  text: string,
  sentences: readonly Sentence[],
  maxLength = MAX_UNIT_LENGTH,
): { sentences: Sentence[]; cutInto: number } {
  if (sentences.every((s) => s.end - s.start <= maxLength)) {
    return { sentences: [...sentences], cutInto: 0 };
  }
  const spans: Array<[number, number]> = [];
  let cutInto = 0;
  for (const sentence of sentences) {
    if (sentence.end - sentence.start <= maxLength) {
      spans.push([sentence.start, sentence.end]);
      continue;
    }
    let start = sentence.start;
    while (start < sentence.end) {
      const end = pieceEnd(text, start, sentence.end, maxLength);
      let trimmedEnd = end;
      while (trimmedEnd > start && isSpace(text.charCodeAt(trimmedEnd - 1))) trimmedEnd--;
      if (trimmedEnd > start) {
        spans.push([start, trimmedEnd]);
        cutInto++;
      }
      start = end;
      while (start < sentence.end && isSpace(text.charCodeAt(start))) start++;
    }
  }
  return {
    sentences: spans.map(([start, end], index) => ({
      index,
      start,
      end,
      text: text.slice(start, end),
    })),
    cutInto,
  };
}

/** Where the piece starting at `start` ends: after the window's last space, else at the window's end. */
function pieceEnd(text: string, start: number, limit: number, maxLength: number): number {
  if (limit - start <= maxLength) return limit;
  const windowEnd = start + maxLength;
  // The space just past the window also makes a clean cut: the window is then exactly full.
  for (let i = windowEnd; i > start; i--) {
    if (isSpace(text.charCodeAt(i))) return i;
  }
  const c = text.charCodeAt(windowEnd - 1);
  // A high surrogate at the window's end belongs with the low one after it.
  return c >= 0xd800 && c <= 0xdbff ? windowEnd - 1 : windowEnd;
}

function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x0a ||
    c === 0xa0 ||
    c === 0x3000 ||
    (c >= 0x2000 && c <= 0x200a)
  );
}
