/**
 * The reference the attribution detector has to beat: a plain
 * /\b(said|according to)\b/ regex, as the issue asks. Deliberately crude:
 * the source is the word right before "said" with the capitalised words and
 * one determiner before it (never across punctuation) or right after
 * "according to" (up to the next punctuation, at most five words). No
 * pronoun resolution, no quotes carried across sentences.
 */
import type { Label } from "../annotation/labels";
import type { Attribution, DocumentDetector, TextSpan } from "./types";

const CUE = /\b(said|according to)\b/gi;
const BEFORE = /(?:[\p{L}\p{N}'’.-]+ +){1,4}$/u;
const AFTER = /^ +((?:[\p{L}\p{N}'’.-]+ ?){1,5})/u;
const CAPITALISED = /^\p{Lu}/u;
const DETERMINER = /^(?:the|a|an|his|her|its|their)$/i;

function sourceBefore(sentence: string, cueStart: number): TextSpan | null {
  const prefix = sentence.slice(0, cueStart);
  const run = BEFORE.exec(prefix);
  if (!run) return null;
  const words = run[0].trimEnd().split(/ +/);
  // The word next to the cue is the head; capitalised words and one determiner before it join it.
  let first = words.length - 1;
  while (first > 0 && CAPITALISED.test(words[first - 1] ?? "")) first--;
  if (first > 0 && DETERMINER.test(words[first - 1] ?? "")) first--;
  const text = words.slice(first).join(" ");
  const start = prefix.trimEnd().length - text.length;
  return { text, start, end: start + text.length };
}

function sourceAfter(sentence: string, cueEnd: number): TextSpan | null {
  const run = AFTER.exec(sentence.slice(cueEnd));
  if (!run?.[1]) return null;
  const text = run[1].trimEnd().replace(/\.$/, "");
  const start = cueEnd + run[0].length - run[1].length;
  return { text, start, end: start + text.length };
}

export function baselineAttributions(sentence: string): Attribution[] {
  return [...sentence.matchAll(CUE)].map((match) => {
    const cue = { text: match[0], start: match.index, end: match.index + match[0].length };
    const accordingTo = match[0].toLowerCase() === "according to";
    return {
      cue,
      source: accordingTo ? sourceAfter(sentence, cue.end) : sourceBefore(sentence, cue.start),
      resolvedSource: null,
      kind: accordingTo ? "according-to" : "reporting-verb",
      confidence: 0.5,
    };
  });
}

export const baselineDetector: DocumentDetector = (sentences) =>
  sentences.map(baselineAttributions);

/** A trivial label rule, so the label column has a reference too. */
export function baselineLabel(_sentence: string, attributions: readonly Attribution[]): Label {
  return attributions.length > 0 ? "SOURCED_FACT" : "UNVERIFIED_CLAIM";
}
