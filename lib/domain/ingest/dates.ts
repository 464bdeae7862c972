const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)? ?(?:Z|[+-](\d{2})(?::?(\d{2}))?)?)?$/i;

/**
 * Reads an ISO 8601 date or date-time ("2024-03-05", "2024-03-05T23:30:00-05:00",
 * Jekyll's "2024-03-05 10:00:00 +0100") and returns its calendar date, yyyy-mm-dd.
 *
 * The date is taken as written, not converted to UTC: a story a paper dates
 * 5 March at 23:30 New York time is its 5 March story, though it is 6 March in
 * UTC. Impossible dates (2023-02-29, month 13) are rejected, not rolled over.
 */
export function toIsoDate(value: string): string | undefined {
  const match = ISO_DATE_TIME.exec(value.trim());
  if (!match) return undefined;
  const [, y, m, d, hh, mm, ss, offH, offM] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return undefined;
  if (hh !== undefined && (Number(hh) > 23 || Number(mm) > 59)) return undefined;
  if (ss !== undefined && Number(ss) > 60) return undefined;
  if (offH !== undefined && (Number(offH) > 23 || Number(offM ?? "0") > 59)) return undefined;
  return `${y}-${m}-${d}`;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids DST gaps.
  const date = new Date(Date.UTC(2000, month, 0));
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}
