/**
 * Places another tool's labels on Sourcelight's sentences. Sourcelight labels
 * sentences; the other tools label a whole text (a choice) or a span of it.
 */
import type { Label } from "../annotation/labels";
import type { ForeignMark } from "./foreign";

/** The rule, as the import page states it. */
export const PLACEMENT_RULE =
  "A span labels each sentence it covers at least half of; a span that covers no sentence that far labels the sentence it overlaps most. " +
  "A choice on a whole text labels each of its sentences that is not boilerplate (all of them when every one is). " +
  "A span's label wins over a choice on the whole text; where one annotator's spans give a sentence different labels, the span covering more of it wins and the import counts a conflict.";

export interface PlacedSentence {
  index: number;
  start: number;
  end: number;
  isBoilerplate: boolean;
}

/**
 * Where each UTF-16 offset of the file's text lands in the normalised text
 * (map[i] for 0 ≤ i ≤ raw.length). Normalisation only removes characters
 * (byte-order marks, carriage returns, trailing spaces, extra blank lines),
 * so the two texts align greedily; null when they do not (a text that
 * Unicode NFC composition changes), and its spans cannot be placed.
 */
export function offsetMap(raw: string, normalized: string): Int32Array | null {
  // A lone carriage return becomes a line feed: the same length, compared as one.
  const source = raw.replace(/\r(?!\n)/g, "\n");
  const map = new Int32Array(source.length + 1);
  let j = 0;
  for (let i = 0; i < source.length; i++) {
    map[i] = j;
    if (j < normalized.length && source.charCodeAt(i) === normalized.charCodeAt(j)) j++;
  }
  map[source.length] = j;
  return j === normalized.length ? map : null;
}

export interface Placement {
  /** Our label per sentence index. */
  labels: Map<number, Label>;
  /** Sentences that this annotation's marks gave different labels. */
  conflicts: number;
  /** Spans that fell on no sentence (only on text that normalisation removed). */
  unplaced: number;
}

/**
 * One annotator's marks on one text, as labels of its sentences. `labelFor`
 * is the owner's mapping (null: left out). Offsets of span marks are over the
 * file's text; `map` carries them onto the sentences' (normalised) offsets.
 */
export function placeMarks(args: {
  marks: readonly ForeignMark[];
  sentences: readonly PlacedSentence[];
  map: Int32Array;
  labelFor: (label: string) => Label | null;
}): Placement {
  const { sentences, map } = args;
  const bySpan = new Map<number, { label: Label; share: number }>();
  let conflicts = 0;
  let unplaced = 0;
  const choices: Label[] = [];
  for (const mark of args.marks) {
    const label = args.labelFor(mark.label);
    if (!label) continue;
    if (mark.kind === "choice") {
      choices.push(label);
      continue;
    }
    const start = map[mark.start] ?? 0;
    const end = map[mark.end] ?? 0;
    const overlaps = sentences
      .map((s) => ({
        s,
        share: (Math.min(end, s.end) - Math.max(start, s.start)) / Math.max(1, s.end - s.start),
      }))
      .filter((o) => o.share > 0);
    if (overlaps.length === 0) {
      unplaced++;
      continue;
    }
    const covered = overlaps.filter((o) => o.share >= 0.5);
    const most = overlaps.reduce((a, b) => (b.share > a.share ? b : a));
    for (const { s, share } of covered.length > 0 ? covered : [most]) {
      const had = bySpan.get(s.index);
      if (had && had.label !== label) conflicts++;
      if (!had || share > had.share) bySpan.set(s.index, { label, share });
    }
  }
  const labels = new Map<number, Label>();
  const choice = choices[0];
  if (choice) {
    if (choices.some((c) => c !== choice)) conflicts++;
    const content = sentences.filter((s) => !s.isBoilerplate);
    for (const s of content.length > 0 ? content : sentences) labels.set(s.index, choice);
  }
  for (const [index, { label }] of bySpan) labels.set(index, label);
  return { labels, conflicts, unplaced };
}
