/*
 * Offsets in Sourcelight are UTF-16 code units, as JavaScript strings count.
 * Python, Rust's chars(), PostgreSQL and the W3C Web Annotation model count
 * Unicode code points instead; the two differ after every character outside
 * the Basic Multilingual Plane (most emoji), which takes two UTF-16 units.
 */

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * Converts UTF-16 offsets of one text to code-point offsets. Built once per
 * document: it records where each surrogate pair starts, so a conversion is a
 * binary search, and a text without any (most news) converts for free.
 */
export class CodePointIndex {
  /** UTF-16 offsets of the first unit of each surrogate pair, ascending. */
  private readonly pairs: number[];

  constructor(text: string) {
    this.pairs = [];
    for (let i = 0; i < text.length - 1; i++) {
      if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
        this.pairs.push(i);
        i++;
      }
    }
  }

  /** The index of a text with no characters beyond the BMP: offsets are the same in both units. */
  static readonly BMP_ONLY = new CodePointIndex("");

  /**
   * The code-point offset of a UTF-16 offset: the number of code points
   * before it. An offset inside a pair (never stored) counts the pair as before it.
   */
  toCodePoint(utf16: number): number {
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.pairs[mid] ?? 0) < utf16 - 1) lo = mid + 1;
      else hi = mid;
    }
    // `lo` pairs end at or before utf16; each counted two units but is one code point.
    return utf16 - lo;
  }
}

/**
 * `text.slice(start, end)`, narrowed so that it never begins with the second
 * half or ends with the first half of a surrogate pair: context cut from
 * around a quote stays valid Unicode.
 */
export function sliceWhole(text: string, start: number, end: number): string {
  let from = Math.max(0, start);
  let to = Math.min(text.length, end);
  if (from > 0 && from < to && isLow(text.charCodeAt(from)) && isHigh(text.charCodeAt(from - 1)))
    from++;
  if (
    to < text.length &&
    to > from &&
    isHigh(text.charCodeAt(to - 1)) &&
    isLow(text.charCodeAt(to))
  )
    to--;
  return text.slice(from, to);
}
