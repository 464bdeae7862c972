/**
 * Sentence segmentation. Every annotation is anchored to a sentence's
 * [start, end) UTF-16 offsets in the normalised text, so any change to the
 * output for the same input must bump SEGMENTER_VERSION. The output also
 * depends on the ICU sentence rules shipped with the runtime (Node's full ICU).
 */
export const SEGMENTER_VERSION = 1;

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
const NUMBERED_ITEM = /^(?:\(?\d{1,3}[.)]|\(?[a-z]\)|\([ivx]{1,5}\))\s+\S/;
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

/** Offsets of the newlines that are ordinary spaces inside wrapped prose. */
function softNewlines(text: string): number[] {
  const lines = splitLines(text);
  const pending: Array<{ newline: number; length: number; kind: Break }> = [];
  let evidenceCount = 0;
  let wrapWidth = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i];
    const next = lines[i + 1];
    if (!line || !next || line.trimmed === "" || next.trimmed === "") continue;
    const { kind, wrapEvidence } = classifyBreak(line, next);
    if (wrapEvidence) {
      evidenceCount++;
      wrapWidth = Math.max(wrapWidth, line.trimmed.length);
    }
    pending.push({ newline: line.newline, length: line.trimmed.length, kind });
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

function buildView(text: string): string {
  const masked = text
    // ICU treats "..." but not "…" as a possible sentence end.
    .replace(/\u2026/g, ".")
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
// Merge pass for ICU's false breaks after abbreviations.

/** Never end a sentence: a name or object always follows. */
// prettier-ignore
const ALWAYS_CONTINUES = new Set([
  "Mr.", "Mrs.", "Ms.", "Messrs.", "Dr.", "Prof.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Cpt.",
  "Sgt.", "Cpl.", "Pvt.", "Adm.", "Cmdr.", "Brig.", "Gov.", "Sen.", "Sens.", "Rep.", "Reps.",
  "Pres.", "Rev.", "Hon.", "Amb.", "Gens.", "Lt.-Gen.", "Maj.-Gen.", "Brig.-Gen.", "e.g.", "i.e.",
  "vs.", "v.", "cf.", "viz.", "approx.", "ca.", "incl.", "esp.", "resp.",
]);

/** Continue only when a number follows ("No. 5", "Jan. 20"). */
// prettier-ignore
const CONTINUES_BEFORE_NUMBER = new Set([
  "No.", "Nos.", "no.", "Art.", "Vol.", "vol.", "Fig.", "fig.", "p.", "pp.", "Sec.", "Ch.",
  "Para.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.",
  "Nov.", "Dec.",
]);

/** Often mid-sentence, but a sentence can end with them ("in the U.S."). */
// prettier-ignore
const AMBIGUOUS = new Set([
  "St.", "Mt.", "Ft.", "Jr.", "Sr.", "Inc.", "Corp.", "Co.", "Ltd.", "Bros.", "etc.", "a.m.",
  "p.m.", "A.M.", "P.M.",
]);
const INITIALS = /^(?:\p{Lu}\.)+$/u; // "W.", "U.S.", "J.P.", "U.S.A."
const DOTTED_ABBREVIATION = /^(?:\p{L}{1,3}\.){2,}$/u; // "Ph.D."

/**
 * Words that normally open a sentence rather than continue a name: after an
 * ambiguous abbreviation, "U.S. The" is two sentences, "U.S. Army" one.
 */
// prettier-ignore
const SENTENCE_STARTERS = new Set([
  "A", "An", "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I",
  "You", "His", "Her", "Their", "Our", "My", "Your", "There", "Here", "But", "And", "Or", "So",
  "Yet", "Nor", "However", "Meanwhile", "Moreover", "Furthermore", "Nevertheless", "Nonetheless",
  "Thus", "Therefore", "Hence", "Then", "Now", "Also", "Still", "Instead", "Indeed", "In", "On",
  "At", "As", "After", "Before", "When", "While", "Where", "If", "Although", "Though", "Because",
  "Since", "Until", "Unless", "According", "Some", "Many", "Most", "Several", "Few", "All",
  "Both", "Each", "Every", "Other", "Others", "Another", "One", "Not", "Last", "Earlier", "Later",
  "Following", "During", "Despite", "For", "From", "With", "By", "Under", "Over", "About",
  "Among", "Between", "What", "Who", "Why", "How", "Which", "Such", "Yesterday", "Today",
  "Tomorrow", "Recently", "Previously", "Currently", "Similarly", "Additionally", "Finally",
  "First", "Second", "Overall", "Is", "Are", "Was", "Were", "Do", "Does", "Did", "Has", "Have",
  "Had", "Can", "Could", "Should", "Would", "Must", "Let", "Please", "Separately", "Elsewhere",
  "Nearly", "Almost", "More", "Less", "Only", "Even", "Just", "Once", "Whether", "Officials",
  "Sources", "Reports",
]);

const LIST_MARKER = /^(?:\(?\d{1,3}|[a-zA-Z]|[ivxlc]{1,6}|[IVXLC]{1,6})[.)]$/;
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

/** Was ICU's break between `prev` and the sentence at `nextStart` a false one? */
function continuesAfter(text: string, prev: Span, nextStart: number): boolean {
  const token = lastToken(text, prev.start, prev.end);
  if (!token.endsWith(".")) return false;
  if (token === text.slice(prev.start, prev.end) && LIST_MARKER.test(token)) {
    return startsLine(text, prev.start);
  }
  if (ALWAYS_CONTINUES.has(token)) return true;
  const nextChar = text.charCodeAt(nextStart);
  if (CONTINUES_BEFORE_NUMBER.has(token)) return isDigit(nextChar);
  if (AMBIGUOUS.has(token) || INITIALS.test(token) || DOTTED_ABBREVIATION.test(token)) {
    // A digit, quote or bracket next: trust ICU's break.
    const word = LEADING_WORD.exec(text.slice(nextStart, nextStart + 40))?.[0];
    return word !== undefined && !SENTENCE_STARTERS.has(word);
  }
  return false;
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
  const spans: Span[] = [];
  for (const [from, to] of icuChunks(view)) {
    for (const piece of SEGMENTER.segment(view.slice(from, to))) {
      let start = from + piece.index;
      let end = start + piece.segment.length;
      while (start < end && isWhitespace(text.charCodeAt(start))) start++;
      while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
      if (start === end) continue;
      const prev = spans[spans.length - 1];
      if (prev && !hardBreakBetween(view, prev.end, start) && continuesAfter(text, prev, start)) {
        prev.end = end;
      } else {
        spans.push({ start, end });
      }
    }
  }
  return spans.map((s, index) => ({
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
 * (UAX #29 rule SB11) — so the pieces segment exactly like the whole.
 */
function* icuChunks(view: string): Generator<[number, number]> {
  let from = 0;
  for (let i = 0; i < view.length; i++) {
    if (isHardBreakChar(view.charCodeAt(i))) {
      yield* cutLongChunk(view, from, i + 1);
      from = i + 1;
    }
  }
  if (from < view.length) yield* cutLongChunk(view, from, view.length);
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
