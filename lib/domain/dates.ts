/**
 * The one date parser: every date the app reads (import metadata, article
 * headers, forms, filters) becomes a calendar date "yyyy-mm-dd" here, or
 * undefined when it is not one.
 */

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)? ?(?:Z|[+-](\d{2})(?::?(\d{2}))?)?)?$/i;

// prettier-ignore
const MONTHS: ReadonlyMap<string, number> = new Map([
  ["jan", 1], ["january", 1], ["feb", 2], ["february", 2], ["mar", 3], ["march", 3],
  ["apr", 4], ["april", 4], ["may", 5], ["jun", 6], ["june", 6], ["jul", 7], ["july", 7],
  ["aug", 8], ["august", 8], ["sep", 9], ["sept", 9], ["september", 9], ["oct", 10],
  ["october", 10], ["nov", 11], ["november", 11], ["dec", 12], ["december", 12],
]);

const MONTH_FIRST = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$/;

export interface DateReading {
  /**
   * Also read English dates as written in article text ("June 09, 2017",
   * "8 June 2017", "Sept. 9, 2017", "25th September 2017"). Off for
   * structured fields, where a prose date means the field is not what it claims.
   */
  prose?: boolean;
}

/**
 * Reads an ISO 8601 date or date-time ("2024-03-05", "2024-03-05T23:30:00-05:00",
 * Jekyll's "2024-03-05 10:00:00 +0100") — and with `prose`, an English date —
 * and returns its calendar date, yyyy-mm-dd.
 *
 * The date is taken as written, not converted to UTC: a story a paper dates
 * 5 March at 23:30 New York time is its 5 March story, though it is 6 March in
 * UTC. Impossible dates (2023-02-29, month 13) are rejected, not rolled over.
 */
export function parseDate(value: string, { prose = false }: DateReading = {}): string | undefined {
  const s = value.trim();
  const iso = ISO_DATE_TIME.exec(s);
  if (iso) return isoCalendarDate(iso);
  if (!prose) return undefined;
  let m = MONTH_FIRST.exec(s);
  if (m) return calendarDate(Number(m[3]), MONTHS.get((m[1] ?? "").toLowerCase()), Number(m[2]));
  m = DAY_FIRST.exec(s);
  if (m) return calendarDate(Number(m[3]), MONTHS.get((m[2] ?? "").toLowerCase()), Number(m[1]));
  return undefined;
}

function isoCalendarDate(match: RegExpExecArray): string | undefined {
  const [, y, m, d, hh, mm, ss, offH, offM] = match;
  if (hh !== undefined && (Number(hh) > 23 || Number(mm) > 59)) return undefined;
  if (ss !== undefined && Number(ss) > 60) return undefined;
  if (offH !== undefined && (Number(offH) > 23 || Number(offM ?? "0") > 59)) return undefined;
  return calendarDate(Number(y), Number(m), Number(d));
}

function calendarDate(year: number, month: number | undefined, day: number): string | undefined {
  if (month === undefined || year < 1 || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids DST gaps.
  const date = new Date(Date.UTC(2000, month, 0));
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/** Whether the text is exactly a real calendar date written yyyy-mm-dd (what date inputs send). */
export function isIsoDate(value: string): boolean {
  return parseDate(value) === value;
}
