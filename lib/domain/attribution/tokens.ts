/**
 * A small tokenizer for attribution rules: words (with inner hyphens and
 * apostrophes, so "al-Muhandis" and "PMU's" are one token), numbers (with
 * their separators, so "3,500" does not read as a clause boundary) and single
 * punctuation marks, each with its UTF-16 offsets in the sentence.
 */
export interface Token {
  readonly text: string;
  /** Lower case, possessive ending removed: "PMU's" → "pmu". */
  readonly norm: string;
  readonly start: number;
  readonly end: number;
  readonly isWord: boolean;
  /** First letter upper case ("Iraqi", "PMU", "al-Muhandis" is not). */
  readonly isCapitalised: boolean;
  /** Two or more letters, all upper case: "PMU", "ISIS", "U.S". */
  readonly isAcronym: boolean;
  readonly isPossessive: boolean;
}

// One alternation, each branch starts with a distinct class, so matching is linear.
const TOKEN =
  /\p{N}+(?:[.,:]\p{N}+)*|\p{Lu}(?:\.\p{Lu})+\.(?!\p{L})|[\p{L}\p{N}]+(?:['’\-.&][\p{L}\p{N}]+)*|\S/gu;
const POSSESSIVE = /['’]s$/u;
const UPPER_START = /^\p{Lu}/u;
const ACRONYM = /^(?:\p{Lu}[\p{Lu}.&-]*\p{Lu}|\p{Lu}{2,})(?:['’]s)?$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]/u;

export function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(sentence); m !== null; m = TOKEN.exec(sentence)) {
    const text = m[0];
    const isWord = LETTER_OR_DIGIT.test(text);
    const isPossessive = isWord && POSSESSIVE.test(text);
    const lower = text.toLowerCase();
    tokens.push({
      text,
      norm: isPossessive ? lower.slice(0, -2) : lower,
      start: m.index,
      end: m.index + text.length,
      isWord,
      isCapitalised: isWord && UPPER_START.test(text),
      isAcronym: isWord && ACRONYM.test(text),
      isPossessive,
    });
  }
  return tokens;
}

export const OPEN_QUOTES = new Set(["“", "«", "„"]);
export const CLOSE_QUOTES = new Set(["”", "»"]);

/**
 * Which tokens lie inside a double-quoted stretch. A straight quote opens when
 * it follows a space or the sentence start, and closes otherwise.
 * `openAtStart` says the sentence begins inside a quote carried from before.
 */
export function quotedMask(
  sentence: string,
  tokens: readonly Token[],
  openAtStart: boolean,
): { inside: boolean[]; openAtEnd: boolean; closedAt: number | null; openedAt: number | null } {
  const inside: boolean[] = new Array<boolean>(tokens.length).fill(false);
  let open = openAtStart;
  let closedAt: number | null = null;
  let openedAt: number | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const mark = quoteMark(sentence, t);
    if (mark === "open") {
      open = true;
      openedAt = t.start;
    } else if (mark === "close") {
      if (open && closedAt === null && openAtStart && openedAt === null) closedAt = t.start;
      open = false;
    } else {
      inside[i] = open;
    }
  }
  return { inside, openAtEnd: open, closedAt, openedAt };
}

export function quoteMark(sentence: string, t: Token): "open" | "close" | null {
  if (OPEN_QUOTES.has(t.text)) return "open";
  if (CLOSE_QUOTES.has(t.text)) return "close";
  if (t.text !== '"') return null;
  const before = t.start === 0 ? " " : sentence[t.start - 1]!;
  return /[\s([{—–-]/u.test(before) ? "open" : "close";
}
