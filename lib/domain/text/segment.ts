import {
  DOTTED_ABBREVIATION,
  INITIALS,
  abbreviationKind,
  isKnownAbbreviation,
  isSentenceStarter,
} from "./abbreviations";
import { inlineBreaks } from "./inline-breaks";

/**
 * Sentence segmentation. Every annotation is anchored to a sentence's
 * [start, end) UTF-16 offsets in the normalised text, so any change to the
 * output for the same input must bump SEGMENTER_VERSION (2: lists, ellipses,
 * quotations of several sentences, citations, run-together sentences; 3: a
 * dateline with a dotted state abbreviation, "W.Va. (AP) -", stays with its
 * sentence, and "a.m."/"U.S." before "No"/"None"/"Nobody" … end one; the
 * abbreviations are known in capitals too, "ST. LOUIS (AP) —", and in text
 * written in capitals "U.S. THE" ends a sentence). The output also
 * depends on the ICU sentence rules shipped with the runtime (Node's full ICU).
 */
export const SEGMENTER_VERSION = 3;

export interface Sentence {
  readonly index: number;
  /** UTF-16 offset of the first character (inclusive). */
  readonly start: number;
  /** UTF-16 offset just past the last character (exclusive). */
  readonly end: number;
  /** Equals fullText.slice(start, end); never empty, never padded with whitespace. */
  readonly text: string;
}

export type SentenceEditErrorCode =
  | "INDEX_OUT_OF_RANGE"
  | "NO_NEXT_SENTENCE"
  | "OFFSET_OUTSIDE_SENTENCE"
  | "EMPTY_PART"
  | "SPLITS_CHARACTER"
  | "TEXT_MISMATCH";

export class SentenceEditError extends Error {
  override name = "SentenceEditError";
  constructor(
    readonly code: SentenceEditErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------
// Character classes

/** Same set as JavaScript's \s, checked by code so trimming allocates nothing. */
function isWhitespace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Characters after which ICU always starts a new sentence. */
function isHardBreakChar(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

// ---------------------------------------------------------------------------
// Line analysis: which single newlines are soft (wrapped prose)?

const BULLET_ITEM = /^[-*\u2022\u2023\u25E6\u25AA]\s+\S/;
const NUMBERED_ITEM = /^(?:\(?\d{1,3}\.?\)|\d{1,3}\.|\(?[a-z]\)|\([ivx]{1,5}\))\s+\S/;
const TERMINAL_END = /[.!?\u2026:;]["'\u2019\u201D\u00BB)\]]*$/;
const CONTINUATION_END =
  /(?:[,\-\u2013\u2014(/&]|\b(?:a|an|the|of|and|or|but|nor|to|in|on|at|for|with|by|from|that|as|is|are|was|were|be|been|has|have|had|its|their|his|her|than|into|over|under|about|after|before|who|whom|which|whose|not|will|would|could|should|said|says)\b)$/;
const STARTS_LOWERCASE = /^\p{Ll}/u;

interface Line {
  /** The line with surrounding whitespace removed. */
  trimmed: string;
  /** Offset of the "\n" ending the line, or -1 for the last line. */
  newline: number;
  indented: boolean;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  for (;;) {
    const nl = text.indexOf("\n", pos);
    const raw = text.slice(pos, nl === -1 ? text.length : nl);
    lines.push({
      trimmed: raw.trim(),
      newline: nl,
      indented: raw.length > 0 && isWhitespace(raw.charCodeAt(0)),
    });
    if (nl === -1) return lines;
    pos = nl + 1;
  }
}

type Break = "soft" | "hard" | "wrap-width";

/**
 * How the newline between two non-blank lines of one block is treated.
 * "wrap-width" is decided later, once the document's wrap width is known.
 */
function classifyBreak(line: Line, next: Line): { kind: Break; wrapEvidence: boolean } {
  const l = line.trimmed;
  const n = next.trimmed;
  // A line ending mid-phrase is wrapped whatever follows.
  if (CONTINUATION_END.test(l)) return { kind: "soft", wrapEvidence: true };
  if (BULLET_ITEM.test(n)) return { kind: "hard", wrapEvidence: false };
  if (BULLET_ITEM.test(l) || NUMBERED_ITEM.test(l)) {
    const continues = next.indented || STARTS_LOWERCASE.test(n);
    return { kind: continues ? "soft" : "hard", wrapEvidence: false };
  }
  if (STARTS_LOWERCASE.test(n)) return { kind: "soft", wrapEvidence: true };
  const terminal = TERMINAL_END.test(l);
  if (NUMBERED_ITEM.test(n)) return { kind: terminal ? "hard" : "wrap-width", wrapEvidence: false };
  // The sentence segmenter decides whether a sentence ends here.
  if (terminal) return { kind: "soft", wrapEvidence: false };
  // A line without final punctuation followed by a capitalised line: a
  // heading, credit or header line — unless it is simply a wrapped line.
  return { kind: "wrap-width", wrapEvidence: false };
}

const LINE_LIST_MIN_LINES = 3;
const LINE_LIST_MAX_LENGTH = 40;

/**
 * Three or more short lines, none ending a sentence or breaking off
 * mid-phrase ("features / contact manager / events, activities"): a list, one
 * unit per line, even when the lines start in lower case.
 */
function isLineList(block: readonly Line[]): boolean {
  return (
    block.length >= LINE_LIST_MIN_LINES &&
    block.every(
      (l) =>
        l.trimmed.length <= LINE_LIST_MAX_LENGTH &&
        !TERMINAL_END.test(l.trimmed) &&
        !CONTINUATION_END.test(l.trimmed),
    )
  );
}

/** The blocks of consecutive non-blank lines. */
function blocksOf(lines: readonly Line[]): Line[][] {
  const blocks: Line[][] = [];
  let block: Line[] = [];
  for (const line of lines) {
    if (line.trimmed === "") {
      if (block.length > 0) blocks.push(block);
      block = [];
    } else {
      block.push(line);
    }
  }
  if (block.length > 0) blocks.push(block);
  return blocks;
}

/** Offsets of the newlines that are ordinary spaces inside wrapped prose. */
function softNewlines(text: string): number[] {
  const pending: Array<{ newline: number; length: number; kind: Break }> = [];
  let evidenceCount = 0;
  let wrapWidth = 0;
  for (const block of blocksOf(splitLines(text))) {
    if (isLineList(block)) continue;
    for (let i = 0; i + 1 < block.length; i++) {
      const line = block[i];
      const next = block[i + 1];
      if (!line || !next) continue;
      const { kind, wrapEvidence } = classifyBreak(line, next);
      if (wrapEvidence) {
        evidenceCount++;
        wrapWidth = Math.max(wrapWidth, line.trimmed.length);
      }
      pending.push({ newline: line.newline, length: line.trimmed.length, kind });
    }
  }
  // Only a document that is evidently hard-wrapped elsewhere (two or more
  // lines broken mid-phrase) lets a line that reaches its wrap width count
  // as wrapped; otherwise a short capitalised-next line is a heading.
  const wrapped = evidenceCount >= 2 && wrapWidth >= 40;
  const soft: number[] = [];
  for (const p of pending) {
    if (p.kind === "soft" || (p.kind === "wrap-width" && wrapped && p.length >= 0.8 * wrapWidth)) {
      soft.push(p.newline);
    }
  }
  return soft;
}

// ---------------------------------------------------------------------------
// The view handed to ICU: same length as the text, so offsets carry over.

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"'\]]+/gi;

function maskUrl(url: string): string {
  // Final punctuation usually belongs to the sentence, not the address.
  const body = url.replace(/[.,;:!?)]+$/, "");
  return body.replace(/[.?!]/g, "_") + url.slice(body.length);
}

/**
 * A spaced ellipsis with space on both sides (" . . . ") marks words left out
 * inside a sentence; a period before it still ends the sentence ("compounds.
 * . . . The practice"), so only its own three dots are hidden from ICU.
 */
const SPACED_ELLIPSIS = /(\s)\.(?: \.){2}(?=\s)/g;

function buildView(text: string): string {
  const masked = text
    // ICU treats "..." but not "…" as a possible sentence end.
    .replace(/\u2026/g, ".")
    .replace(SPACED_ELLIPSIS, "$1_ _ _")
    // "?" inside an address would otherwise end a sentence.
    .replace(URL_PATTERN, maskUrl);
  const parts: string[] = [];
  let pos = 0;
  for (const nl of softNewlines(text)) {
    const crlf = nl > 0 && text.charCodeAt(nl - 1) === 0x0d;
    const from = crlf ? nl - 1 : nl;
    parts.push(masked.slice(pos, from), crlf ? "  " : " ");
    pos = nl + 1;
  }
  parts.push(masked.slice(pos));
  return parts.join("");
}

// ---------------------------------------------------------------------------
// Merge pass for ICU's false breaks after abbreviations, list markers, names
// with "!" and citations.

const LIST_MARKER =
  /^(?:[-*\u2022\u2023\u2043\u25E6\u25AA]\s*)?\(?(?:\d{1,3}|[a-zA-Z]|[ivxlc]{1,6}|[IVXLC]{1,6})(?:\.\)|[.)])$/;
/** A parenthesis closed before the sentence's own final mark: "… stairways [...]" (Smith 55). */
const CITATION = /^\([^()\n]{1,80}\)[.!?]?$/;
const CLOSING_QUOTE = /["'\u2019\u201D\u00BB]$/;
const OPENING_PUNCTUATION = /^[(["'\u2018\u201C\u00AB]+/;
const LEADING_WORD = /^\p{L}+/u;

function lastToken(text: string, start: number, end: number): string {
  let i = end;
  while (i > start && !isWhitespace(text.charCodeAt(i - 1))) i--;
  return text.slice(i, end).replace(OPENING_PUNCTUATION, "");
}

function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return true;
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Was ICU's break between `prev` and the sentence `next` a false one? */
function continuesAfter(text: string, prev: Span, next: Span, itemStarts: Set<number>): boolean {
  const token = lastToken(text, prev.start, prev.end);
  const nextStart = next.start;
  if (CLOSING_QUOTE.test(token) && CITATION.test(text.slice(next.start, next.end))) return true;
  if (!token.endsWith(".") && !token.endsWith(")") && !token.endsWith("!")) return false;
  if (token.endsWith(".") && isDatelineBreak(text, prev, next)) return true;
  if (LIST_MARKER.test(text.slice(prev.start, prev.end))) {
    return startsLine(text, prev.start) || itemStarts.has(prev.start);
  }
  const kind = abbreviationKind(token);
  if (kind === "continues") return true;
  if (kind === "before-number") return isDigit(text.charCodeAt(nextStart));
  if (kind === "ambiguous" || INITIALS.test(token) || DOTTED_ABBREVIATION.test(token)) {
    // A digit, quote or bracket next: trust ICU's break.
    const word = LEADING_WORD.exec(text.slice(nextStart, nextStart + 40))?.[0];
    if (word === undefined) return false;
    const abbreviation =
      text.charCodeAt(nextStart + word.length) === 0x2e && isKnownAbbreviation(`${word}.`);
    return abbreviation || !isSentenceStarter(word, writtenInCapitals(text, prev, next));
  }
  return false;
}

const LOWERCASE = /\p{Ll}/u;

/**
 * Are both sides of a break in capitals, the rest a sentence ("WE LIVE IN THE
 * U.S. THE TALKS FAILED.")? A line in capitals without final punctuation is a
 * headline, where the capitals are a style ("U.S. AND IRAN AGREE"); and beside
 * lower case, a word in capitals is an acronym ("the U.S. IT industry").
 */
function writtenInCapitals(text: string, prev: Span, next: Span): boolean {
  const rest = text.slice(next.start, next.end);
  return (
    TERMINAL_END.test(rest) &&
    !LOWERCASE.test(rest) &&
    !LOWERCASE.test(text.slice(prev.start, prev.end))
  );
}

/** "(AP) - ", "(Reuters) — ", "(AP)—": the agency and dash that close a dateline. */
const AGENCY_DASH = /^\(\p{Lu}[\p{L}&.' -]{0,30}\)\s*(?:-\s|[\u2013\u2014]\s?)/u;
/** A dateline's place ("HARPER'S FERRY, W.Va."): one short line start, no sentence inside. */
const DATELINE_PLACE_MAX = 60;
const ENDS_WITH_MARK = /[.!?]$/;

/** Does a word inside `place` end a sentence? An abbreviation's period does not ("MT. PLEASANT, S.C."). */
function sentenceInside(place: string): boolean {
  const words = place.split(/\s+/).slice(0, -1);
  return words.some(
    (w) =>
      ENDS_WITH_MARK.test(w) &&
      !isKnownAbbreviation(w) &&
      !INITIALS.test(w) &&
      !DOTTED_ABBREVIATION.test(w),
  );
}

/**
 * "HARPER'S FERRY, W.Va. (AP) - A bridge …": ICU breaks after the state's
 * abbreviation, before the bracket, but the dateline belongs to the sentence
 * it opens. A place at the start of a line followed by an agency in brackets
 * and a dash is taken as a dateline; a bracket after a sentence ("… in the
 * U.S. (See above.)") has no dash and keeps ICU's break.
 */
function isDatelineBreak(text: string, prev: Span, next: Span): boolean {
  if (prev.end - prev.start > DATELINE_PLACE_MAX || !startsLine(text, prev.start)) return false;
  if (!AGENCY_DASH.test(text.slice(next.start, next.start + 40))) return false;
  const place = text.slice(prev.start, prev.end);
  return place.includes(",") && !sentenceInside(place);
}

// ---------------------------------------------------------------------------

interface Span {
  start: number;
  end: number;
}

const SEGMENTER = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * Splits `text` (normally the output of normalizeText) into sentences.
 *
 * ICU's sentence rules (UAX #29) do the main work on a same-length copy of
 * the text in which wrapped-line newlines are spaces, "…" is ".", and URLs
 * have their dots and question marks masked. Then adjacent pieces are merged
 * where ICU broke after an abbreviation (see continuesAfter), but never
 * across a hard boundary: a blank line, or a newline after a heading,
 * credit, list item or other short line without final punctuation.
 */
export function segmentSentences(text: string): Sentence[] {
  const view = buildView(text);
  const forced = inlineBreaks(text);
  const itemStarts = new Set(forced);
  const spans: Span[] = [];
  for (const [from, to] of icuChunks(view, forced)) {
    for (const piece of SEGMENTER.segment(view.slice(from, to))) {
      let start = from + piece.index;
      let end = start + piece.segment.length;
      while (start < end && isWhitespace(text.charCodeAt(start))) start++;
      while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
      if (start === end) continue;
      const prev = spans[spans.length - 1];
      if (
        prev &&
        !itemStarts.has(start) &&
        !hardBreakBetween(view, prev.end, start) &&
        continuesAfter(text, prev, { start, end }, itemStarts)
      ) {
        prev.end = end;
      } else {
        spans.push({ start, end });
      }
    }
  }
  return joinQuotations(text, view, spans, itemStarts).map((s, index) => ({
    index,
    start: s.start,
    end: s.end,
    text: text.slice(s.start, s.end),
  }));
}

/**
 * V8's segment iterator costs time proportional to the length of the string
 * per step, so one call over a long document is quadratic. The view is fed
 * to ICU in pieces cut only where ICU breaks anyway — after a hard break
 * character, or after sentence-final punctuation and spaces before a capital
 * (UAX #29 rule SB11) — so the pieces segment exactly like the whole; and at
 * the `forced` offsets (inline list items, run-together sentences), where a
 * unit must start whatever ICU thinks.
 */
function* icuChunks(view: string, forced: readonly number[]): Generator<[number, number]> {
  let from = 0;
  let f = 0;
  for (let i = 0; i < view.length; i++) {
    if (f < forced.length && forced[f] === i) {
      f++;
      if (i > from) yield* cutLongChunk(view, from, i);
      from = i;
    }
    if (isHardBreakChar(view.charCodeAt(i))) {
      yield* cutLongChunk(view, from, i + 1);
      from = i + 1;
    }
  }
  if (from < view.length) yield* cutLongChunk(view, from, view.length);
}

// ---------------------------------------------------------------------------
// A quotation of several sentences is one unit: “It is over. We won,” he said.
// The attribution after the quote covers all of it, so splitting it would
// leave its first sentences without a source.

/** Longest quotation joined into one unit; beyond it the quote is left as ICU cut it. */
const MAX_QUOTATION = 1_500;

/** +1 for an opening, -1 for a closing double quotation mark; straight quotes alternate. */
function quoteBalance(text: string, span: Span, open: boolean): { depth: number; open: boolean } {
  let depth = 0;
  let straightOpen = open;
  for (let i = span.start; i < span.end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c || c === 0x00ab) depth++;
    else if (c === 0x201d || c === 0x00bb) depth--;
    else if (c === 0x22) straightOpen = !straightOpen;
  }
  return { depth, open: straightOpen };
}

function joinQuotations(
  text: string,
  view: string,
  spans: readonly Span[],
  itemStarts: Set<number>,
): Span[] {
  const out: Span[] = [];
  let i = 0;
  while (i < spans.length) {
    const first = spans[i];
    if (!first) break;
    let { depth, open } = quoteBalance(text, first, false);
    let last = i;
    if (depth > 0 || open) {
      for (let j = i + 1; j < spans.length; j++) {
        const next = spans[j];
        const prev = spans[j - 1];
        if (!next || !prev || next.end - first.start > MAX_QUOTATION) break;
        if (itemStarts.has(next.start) || hardBreakBetween(view, prev.end, next.start)) break;
        const step = quoteBalance(text, next, open);
        depth += step.depth;
        open = step.open;
        if (depth <= 0 && !open) {
          last = j;
          break;
        }
      }
    }
    const end = spans[last]?.end ?? first.end;
    out.push({ start: first.start, end });
    i = last + 1;
  }
  return out;
}

const CHUNK_TARGET = 2_000;
/** Beyond this, a run with no certain sentence break is not prose; it is cut at a space. */
const CHUNK_LIMIT = 20_000;
const UPPERCASE = /^\p{Lu}/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]/u;

function* cutLongChunk(view: string, from: number, to: number): Generator<[number, number]> {
  let start = from;
  while (to - start > CHUNK_TARGET) {
    let cut = certainBreakAfter(view, start + CHUNK_TARGET, Math.min(to, start + CHUNK_LIMIT));
    if (cut === -1) {
      if (to - start <= CHUNK_LIMIT) break;
      cut = view.lastIndexOf(" ", start + CHUNK_LIMIT) + 1;
      if (cut <= start + 1) cut = start + CHUNK_LIMIT;
      if (isLowSurrogate(view.charCodeAt(cut))) cut--;
    }
    yield [start, cut];
    start = cut;
  }
  yield [start, to];
}

/** First offset in [from, limit) where UAX #29 (SB11) must start a sentence, or -1. */
function certainBreakAfter(view: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const c = view.charCodeAt(i);
    const period = c === 0x2e;
    if (!period && c !== 0x3f && c !== 0x21) continue;
    let j = i + 1;
    while (j < limit && isCloser(view.charCodeAt(j))) j++;
    const spaces = j;
    while (j < limit && (view.charCodeAt(j) === 0x20 || view.charCodeAt(j) === 0x09)) j++;
    if (j === spaces || j >= limit) continue;
    const next = String.fromCodePoint(view.codePointAt(j) ?? 0);
    if (period ? UPPERCASE.test(next) : LETTER_OR_DIGIT.test(next)) return j;
  }
  return -1;
}

function isCloser(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x29 || c === 0x5d || c === 0x2019 || c === 0x201d;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function hardBreakBetween(view: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (isHardBreakChar(view.charCodeAt(i))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Manual corrections by analysts.

function checkIndex(sentences: readonly Sentence[], index: number): Sentence {
  const sentence = Number.isInteger(index) ? sentences[index] : undefined;
  if (!sentence) {
    throw new SentenceEditError(
      "INDEX_OUT_OF_RANGE",
      `There is no sentence ${index}; the document has ${sentences.length}.`,
    );
  }
  return sentence;
}

function renumber(sentence: Sentence, index: number): Sentence {
  return sentence.index === index ? sentence : { ...sentence, index };
}

/**
 * Joins sentence `index` with the one after it. The merged text includes the
 * whitespace between them, which the sentences themselves do not record —
 * hence `fullText`, the text the sentences were segmented from.
 */
export function mergeSentences(
  sentences: readonly Sentence[],
  index: number,
  fullText: string,
): Sentence[] {
  const first = checkIndex(sentences, index);
  const second = sentences[index + 1];
  if (!second) {
    throw new SentenceEditError(
      "NO_NEXT_SENTENCE",
      `Sentence ${index} is the last one; there is nothing to merge it with.`,
    );
  }
  for (const s of [first, second]) {
    if (fullText.slice(s.start, s.end) !== s.text) {
      throw new SentenceEditError(
        "TEXT_MISMATCH",
        `Sentence ${s.index} does not match the document text at ${s.start}–${s.end}.`,
      );
    }
  }
  const merged: Sentence = {
    index,
    start: first.start,
    end: second.end,
    text: fullText.slice(first.start, second.end),
  };
  return [
    ...sentences.slice(0, index),
    merged,
    ...sentences.slice(index + 2).map((s, i) => renumber(s, index + 1 + i)),
  ];
}

/**
 * Splits sentence `index` in two at `atOffset`, an offset into the full text
 * strictly inside the sentence; each part is trimmed of whitespace.
 */
export function splitSentence(
  sentences: readonly Sentence[],
  index: number,
  atOffset: number,
): Sentence[] {
  const s = checkIndex(sentences, index);
  if (!Number.isInteger(atOffset) || atOffset <= s.start || atOffset >= s.end) {
    throw new SentenceEditError(
      "OFFSET_OUTSIDE_SENTENCE",
      `Offset ${atOffset} is not strictly inside sentence ${index} (${s.start}–${s.end}).`,
    );
  }
  const cut = atOffset - s.start;
  const before = s.text.charCodeAt(cut - 1);
  const after = s.text.charCodeAt(cut);
  if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) {
    throw new SentenceEditError("SPLITS_CHARACTER", `Offset ${atOffset} falls inside a character.`);
  }
  const left = trimSpan(s.text, 0, cut);
  const right = trimSpan(s.text, cut, s.text.length);
  if (!left || !right) {
    throw new SentenceEditError(
      "EMPTY_PART",
      `Splitting sentence ${index} at ${atOffset} would leave an empty sentence.`,
    );
  }
  const part = (span: Span, i: number): Sentence => ({
    index: i,
    start: s.start + span.start,
    end: s.start + span.end,
    text: s.text.slice(span.start, span.end),
  });
  return [
    ...sentences.slice(0, index),
    part(left, index),
    part(right, index + 1),
    ...sentences.slice(index + 1).map((t, i) => renumber(t, index + 2 + i)),
  ];
}

function trimSpan(text: string, from: number, to: number): Span | undefined {
  let start = from;
  let end = to;
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return start < end ? { start, end } : undefined;
}
