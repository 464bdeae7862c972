// prettier-ignore
const MONTHS: ReadonlyMap<string, number> = new Map([
  ["jan", 1], ["january", 1], ["feb", 2], ["february", 2], ["mar", 3], ["march", 3],
  ["apr", 4], ["april", 4], ["may", 5], ["jun", 6], ["june", 6], ["jul", 7], ["july", 7],
  ["aug", 8], ["august", 8], ["sep", 9], ["sept", 9], ["september", 9], ["oct", 10],
  ["october", 10], ["nov", 11], ["november", 11], ["dec", 12], ["december", 12],
]);

const MONTH_FIRST = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An English calendar date as written in article headers ("June 09, 2017",
 * "8 June 2017", "Sept. 9, 2017", "2017-06-09") → "yyyy-mm-dd", or undefined
 * when the string is anything else or not a real day.
 */
export function parseEnglishDate(value: string): string | undefined {
  const s = value.trim();
  let year: number;
  let month: number | undefined;
  let day: number;
  let m = MONTH_FIRST.exec(s);
  if (m) {
    month = MONTHS.get((m[1] ?? "").toLowerCase());
    day = Number(m[2]);
    year = Number(m[3]);
  } else if ((m = DAY_FIRST.exec(s))) {
    day = Number(m[1]);
    month = MONTHS.get((m[2] ?? "").toLowerCase());
    year = Number(m[3]);
  } else if ((m = ISO.exec(s))) {
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
  } else {
    return undefined;
  }
  if (month === undefined || month < 1 || month > 12 || day < 1) return undefined;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
