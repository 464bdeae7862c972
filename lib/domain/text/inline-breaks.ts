import { isKnownAbbreviation } from "./abbreviations";

/**
 * Offsets where a new unit must start although ICU's sentence rules see no
 * break there: the items of a list run together on one line, and sentences
 * run together without a space ("Tuesday.Mr. Smith"). Sorted, each at a
 * non-whitespace character.
 */
export function inlineBreaks(text: string): number[] {
  const breaks = [...listItemStarts(text), ...runTogetherStarts(text)];
  return [...new Set(breaks)].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------
// Inline lists: "1.) The first item 2.) The second item", "a. … b. … c. …",
// "• 9. … • 10. …". Only a run of consecutive markers of one style that
// starts a line or follows a colon ("Demands: 1) … 2) …") counts, so a stray
// "3." in prose never splits a sentence.

const BULLETS = "\u2022\u2023\u2043\u25E6\u25AA";
// No lookbehind: V8 would try one at every position of the text.
const MARKER = new RegExp(
  `(^|\\s)([${BULLETS}][ \\t]*)?(\\d{1,3}|[a-z])(\\.\\)|\\)|\\.)(?=[ \\t]+\\S)`,
  "gmu",
);

interface Marker {
  /** Offset of the bullet if there is one, else of the number or letter. */
  start: number;
  /** The bullet, the numbering kind and the delimiter: items of one list share it. */
  style: string;
  value: number;
  /** Where a list may begin: at the start of a line or after a colon. */
  opensList: boolean;
}

function markers(text: string): Marker[] {
  const found: Marker[] = [];
  for (const m of text.matchAll(MARKER)) {
    const [, space = "", bullet = "", label = "", delimiter = ""] = m;
    const digit = /\d/.test(label);
    const start = m.index + space.length;
    found.push({
      start,
      style: `${bullet.trim()}|${digit ? "1" : "a"}|${delimiter}`,
      value: digit ? Number(label) : label.charCodeAt(0),
      opensList: isLineStart(text, start) || followsColon(text, start),
    });
  }
  return found;
}

function isLineStart(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return true;
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

function followsColon(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i--;
  return i >= 0 && i < offset - 1 && text.charCodeAt(i) === 0x3a;
}

function listItemStarts(text: string): number[] {
  const starts: number[] = [];
  let first: Marker | undefined;
  let current: Marker | undefined;
  for (const marker of markers(text)) {
    if (
      current &&
      marker.style === current.style &&
      marker.value === current.value + 1 &&
      !text.slice(current.start, marker.start).includes("\n")
    ) {
      // The first item after a colon starts a unit too; at a line start it already does.
      if (first && first === current && !isLineStart(text, first.start)) starts.push(first.start);
      starts.push(marker.start);
      current = marker;
    } else if (marker.opensList) {
      first = marker;
      current = marker;
    }
  }
  return starts;
}

// ---------------------------------------------------------------------------
// "Hello world.Today is Tuesday.Mr. Smith … bought 1,000.That is a lot."
// A period between a lower-case word (or a number) and a capitalised word,
// with no space, ends a sentence — unless it is inside an address or ends an
// abbreviation.

const LOWER_OR_DIGIT = /[\p{Ll}\d]/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const ADDRESS_LIKE = /@|:\/\/|^www\.|\//;

function runTogetherStarts(text: string): number[] {
  const starts: number[] = [];
  for (let dot = text.indexOf(".", 2); dot !== -1; dot = text.indexOf(".", dot + 1)) {
    if (
      !UPPER.test(text.charAt(dot + 1)) ||
      !LOWER.test(text.charAt(dot + 2)) ||
      !LOWER_OR_DIGIT.test(text.charAt(dot - 1)) ||
      !LOWER_OR_DIGIT.test(text.charAt(dot - 2))
    ) {
      continue;
    }
    if (ADDRESS_LIKE.test(tokenAround(text, dot))) continue;
    if (isKnownAbbreviation(wordBefore(text, dot) + ".")) continue;
    starts.push(dot + 1);
  }
  return starts;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0xa0;
}

function tokenAround(text: string, offset: number): string {
  let from = offset;
  while (from > 0 && !isSpace(text.charCodeAt(from - 1))) from--;
  let to = offset;
  while (to < text.length && !isSpace(text.charCodeAt(to))) to++;
  return text.slice(from, to);
}

function wordBefore(text: string, offset: number): string {
  let from = offset;
  while (from > 0 && /[\p{L}\d]/u.test(text.charAt(from - 1))) from--;
  return text.slice(from, offset);
}
