/**
 * "Likely the same article": two normalised texts that differ only in
 * whitespace — line wrapping, paragraph breaks, runs of spaces, no-break
 * spaces. Exact duplicates are caught by the content hash; these are caught
 * by a hash of the loose key, stored beside it and indexed per project.
 *
 * The whitespace set is spelled out (JavaScript's \s, minus what
 * normalizeText already removed) because the migration that filled the
 * column for existing documents computes the same key in SQL, where \s
 * means something else; LOOSE_WHITESPACE_SQL is the same set for PostgreSQL.
 */
const WHITESPACE_RUN =
  /[\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+/g;

/** The same character class as a PostgreSQL ARE (see the looseHash migration). */
export const LOOSE_WHITESPACE_SQL =
  "[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+";

/** The text with every whitespace run one space and none at either end. */
export function looseTextKey(text: string): string {
  const spaced = text.replace(WHITESPACE_RUN, " ");
  const start = spaced.startsWith(" ") ? 1 : 0;
  const end = spaced.endsWith(" ") && spaced.length > start ? spaced.length - 1 : spaced.length;
  return spaced.slice(start, end);
}

/**
 * For records of one file, given their exact and loose keys: which earlier
 * record each is a likely duplicate of (index → earlier index). A record
 * exactly equal to an earlier one is left out: the content hash refuses it.
 */
export function nearDuplicatesWithin(
  records: ReadonlyArray<{ exact: string; loose: string }>,
): Map<number, number> {
  const firstByLoose = new Map<string, number>();
  const found = new Map<number, number>();
  records.forEach((record, i) => {
    const first = firstByLoose.get(record.loose);
    if (first === undefined) firstByLoose.set(record.loose, i);
    else if (records[first]?.exact !== record.exact) found.set(i, first);
  });
  return found;
}
