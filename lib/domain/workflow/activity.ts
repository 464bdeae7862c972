import { z } from "zod";

/*
 * Active annotation time. The workspace keeps an ActivityClock: the time
 * between two moments of activity (a key, a click, a scroll) counts while the
 * window has focus, unless the gap is longer than IDLE_LIMIT_MS — someone who
 * stopped for more than two minutes was not annotating, so none of that gap
 * counts. Losing focus closes the interval; regaining it starts a new one.
 * The clock's pending time is reported in heartbeats; the server credits at
 * most the wall-clock time since the previous report (creditableMs), so a
 * forged or doubled report cannot add more time than passed.
 */

export const IDLE_LIMIT_MS = 2 * 60_000;
/** How often the workspace reports; a report of more than MAX_REPORT_MS is refused outright. */
export const HEARTBEAT_MS = 30_000;
export const MAX_REPORT_MS = 10 * 60_000;

export interface ActivityClock {
  focused: boolean;
  /** The last moment of activity while focused; null before the first or after a blur. */
  lastActivityAt: number | null;
  /** Active time counted and not yet reported. */
  pendingMs: number;
}

export function startClock(now: number, focused: boolean): ActivityClock {
  return { focused, lastActivityAt: focused ? now : null, pendingMs: 0 };
}

/** Counts the gap since the last activity when it is short enough, and moves the mark to `now`. */
function close(clock: ActivityClock, now: number): number {
  if (!clock.focused || clock.lastActivityAt === null) return clock.pendingMs;
  const gap = now - clock.lastActivityAt;
  // A clock that went backwards (a changed system time) counts nothing.
  return gap > 0 && gap <= IDLE_LIMIT_MS ? clock.pendingMs + gap : clock.pendingMs;
}

/** A key, click or scroll at `now`. Activity while unfocused (a scroll in a background tab) is ignored. */
export function recordActivity(clock: ActivityClock, now: number): ActivityClock {
  if (!clock.focused) return clock;
  return { focused: true, lastActivityAt: now, pendingMs: close(clock, now) };
}

/** The window lost focus (or the tab was hidden) at `now`. */
export function recordBlur(clock: ActivityClock, now: number): ActivityClock {
  return { focused: false, lastActivityAt: null, pendingMs: close(clock, now) };
}

/** The window regained focus at `now`: a new interval starts. */
export function recordFocus(clock: ActivityClock, now: number): ActivityClock {
  if (clock.focused) return clock;
  return { focused: true, lastActivityAt: now, pendingMs: clock.pendingMs };
}

/**
 * What to report now (whole milliseconds, at most MAX_REPORT_MS) and the
 * clock without it. The open interval stays open: it is counted at the next
 * activity, so a report never counts time that then turns out to be idle.
 */
export function takePending(clock: ActivityClock): { reportMs: number; clock: ActivityClock } {
  const reportMs = Math.min(MAX_REPORT_MS, Math.floor(clock.pendingMs));
  return { reportMs, clock: { ...clock, pendingMs: clock.pendingMs - reportMs } };
}

/** One heartbeat: the active time the workspace counted on a document since its last report. */
export const activeTimeReportSchema = z.object({
  documentId: z.uuid({ message: "Not a valid document id." }),
  activeMs: z
    .number({ message: "Give the active time in milliseconds." })
    .int("Give the active time in whole milliseconds.")
    .min(1, "Report at least one millisecond.")
    .max(
      MAX_REPORT_MS,
      `A report covers at most ${MAX_REPORT_MS / 60_000} minutes; report more often.`,
    ),
});
export type ActiveTimeReport = z.infer<typeof activeTimeReportSchema>;

/**
 * The part of a report the server credits: never more than the wall-clock
 * time since the previous report of the same annotator on the same document
 * (none yet: the report as sent, already capped by the schema).
 */
export function creditableMs(args: {
  reportedMs: number;
  lastReportAt: Date | null;
  now: Date;
}): number {
  if (!args.lastReportAt) return args.reportedMs;
  const elapsed = args.now.getTime() - args.lastReportAt.getTime();
  return Math.max(0, Math.min(args.reportedMs, elapsed));
}

/**
 * Median seconds per sentence of one annotator: each document's active time
 * over the sentences they tagged in it, then the median across documents, so
 * one long session does not dominate. Null when no document has both.
 */
export function medianSecondsPerSentence(
  documents: ReadonlyArray<{ activeMs: number; sentences: number }>,
): number | null {
  const rates = documents
    .filter((d) => d.activeMs > 0 && d.sentences > 0)
    .map((d) => d.activeMs / 1000 / d.sentences)
    .sort((a, b) => a - b);
  if (rates.length === 0) return null;
  const mid = Math.floor(rates.length / 2);
  return rates.length % 2 === 1
    ? (rates[mid] ?? null)
    : ((rates[mid - 1] ?? 0) + (rates[mid] ?? 0)) / 2;
}
