import { z } from "zod";
import { LABELS, SOURCE_TYPES, type SourceType } from "./labels";
import { SUGGESTION_OUTCOMES } from "./suggestion-outcome";

/**
 * The local save queue: the edits an annotator made that the server has not
 * acknowledged yet. It is pure data (kept in localStorage by the workspace) so
 * it survives a reload, and these functions are the whole of its logic.
 *
 * One entry per sentence: a newer edit replaces the older one (only the latest
 * state matters) but keeps `baseVersion`, the server version the chain of
 * edits started from, so a change made elsewhere meanwhile is still detected.
 */
export const annotationFieldsSchema = z.object({
  label: z.enum(LABELS),
  sourceText: z.string().nullable(),
  sourceStart: z.number().int().nullable(),
  sourceEnd: z.number().int().nullable(),
  sourceId: z.string().nullable(),
  sourceType: z.enum(SOURCE_TYPES).nullable(),
  note: z.string().nullable(),
  unsure: z.boolean(),
  /**
   * The assistant's outcome, decided by the workspace on every edit while the
   * assistant is on; absent, the server keeps what it holds. Optional so
   * queues stored before it existed still load.
   */
  suggestion: z.enum(SUGGESTION_OUTCOMES).nullable().optional(),
  /** Admiralty information credibility 1–6; optional so a save without it keeps the stored value. */
  credibility: z.number().int().min(1).max(6).nullable().optional(),
});
export type AnnotationFields = z.infer<typeof annotationFieldsSchema>;

const changeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("save"), fields: annotationFieldsSchema }),
  z.object({ kind: z.literal("clear") }),
]);
export type Change = z.infer<typeof changeSchema>;

/** What the server holds for a sentence when a save was refused as stale. */
const serverStateSchema = z
  .object({ id: z.string(), version: z.number().int(), fields: annotationFieldsSchema })
  .nullable();
export type ServerState = z.infer<typeof serverStateSchema>;

/** One annotation as the workspace holds it. */
export interface AnnotationView {
  id: string;
  sentenceId: string;
  version: number;
  fields: AnnotationFields;
}

/** A source registry entry as autocomplete and the sources page show it. */
export interface SourceView {
  id: string;
  name: string;
  aliases: string[];
  type: SourceType;
  affiliation: string | null;
  side: string | null;
  description: string;
}

const pendingSchema = z.object({
  sentenceId: z.string(),
  change: changeSchema,
  baseVersion: z.number().int().min(0),
  seq: z.number().int(),
  attempts: z.number().int().min(0),
  nextAttemptAt: z.number(),
  error: z.string().nullable(),
  /**
   * The last attempt found the server or its database away (offline, 503):
   * the edit waits to reconnect rather than failing. Optional so queues
   * stored before it existed still load.
   */
  reconnecting: z.boolean().optional(),
  conflict: z.object({ current: serverStateSchema }).nullable(),
});
export type PendingEdit = z.infer<typeof pendingSchema>;

const queueSchema = z.object({ seq: z.number().int(), entries: z.array(pendingSchema) });
export type SaveQueue = z.infer<typeof queueSchema>;

export const emptyQueue = (): SaveQueue => ({ seq: 0, entries: [] });

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 30_000;

/** Exponential backoff after `attempts` failures; `jitter` in [0, 1) spreads retries of many clients. */
export function backoffDelay(attempts: number, jitter = 0): number {
  const raw = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.75 + 0.5 * jitter));
}

export function entryFor(queue: SaveQueue, sentenceId: string): PendingEdit | undefined {
  return queue.entries.find((e) => e.sentenceId === sentenceId);
}

/** Adds an edit (replacing any pending one for the sentence) and returns the new queue and the edit's seq. */
export function enqueue(
  queue: SaveQueue,
  sentenceId: string,
  change: Change,
  baseVersion: number,
  now: number,
): SaveQueue {
  const seq = queue.seq + 1;
  const existing = entryFor(queue, sentenceId);
  const entry: PendingEdit = {
    sentenceId,
    change,
    // A pending edit already carries the version its chain started from; a
    // conflict being resolved by "keep mine" passes the server's version in.
    baseVersion: existing && !existing.conflict ? existing.baseVersion : baseVersion,
    seq,
    attempts: 0,
    nextAttemptAt: now,
    error: null,
    conflict: null,
  };
  return { seq, entries: [...queue.entries.filter((e) => e.sentenceId !== sentenceId), entry] };
}

/** Entries to send now: not waiting out a backoff, not in flight, not held by a conflict. */
export function dueEntries(
  queue: SaveQueue,
  now: number,
  inFlight: ReadonlySet<string>,
): PendingEdit[] {
  return queue.entries.filter(
    (e) => !e.conflict && e.nextAttemptAt <= now && !inFlight.has(e.sentenceId),
  );
}

/** When the next entry becomes due, or null when nothing waits. */
export function nextWake(queue: SaveQueue): number | null {
  const times = queue.entries.filter((e) => !e.conflict).map((e) => e.nextAttemptAt);
  return times.length ? Math.min(...times) : null;
}

/**
 * The server accepted the edit with `seq` and now holds `version`. If the
 * annotator edited the sentence again meanwhile, that newer edit stays queued,
 * rebased on the version this save produced.
 */
export function acknowledge(
  queue: SaveQueue,
  sentenceId: string,
  seq: number,
  version: number,
): SaveQueue {
  return {
    seq: queue.seq,
    entries: queue.entries.flatMap((e) => {
      if (e.sentenceId !== sentenceId) return [e];
      if (e.seq === seq) return [];
      return [{ ...e, baseVersion: version }];
    }),
  };
}

/** Every waiting entry becomes due now: the page was (re)loaded, the browser came back online, "Retry now". */
export function resumeAll(queue: SaveQueue, now: number): SaveQueue {
  return {
    seq: queue.seq,
    entries: queue.entries.map((e) => (e.nextAttemptAt <= now ? e : { ...e, nextAttemptAt: now })),
  };
}

/** A save failed for a reason worth retrying (network, server busy): wait longer each time. */
export function fail(
  queue: SaveQueue,
  sentenceId: string,
  seq: number,
  now: number,
  error: string,
  jitter = 0,
): SaveQueue {
  return {
    seq: queue.seq,
    entries: queue.entries.map((e) => {
      if (e.sentenceId !== sentenceId || e.seq !== seq) return e;
      const attempts = e.attempts + 1;
      return {
        ...e,
        attempts,
        error,
        reconnecting: false,
        nextAttemptAt: now + backoffDelay(attempts, jitter),
      };
    }),
  };
}

/**
 * The server, or its database, is away: the edit stays queued, marked as
 * reconnecting, and is tried again once `retryAfterMs` (the server's
 * Retry-After, or the backoff when the server could not be reached at all)
 * has passed — never sooner; `jitter` in [0, 1) spreads many clients over a
 * quarter of that wait so they do not all return at once.
 */
export function waitToReconnect(
  queue: SaveQueue,
  sentenceId: string,
  seq: number,
  now: number,
  message: string,
  retryAfterMs: number | null,
  jitter = 0,
): SaveQueue {
  return {
    seq: queue.seq,
    entries: queue.entries.map((e) => {
      if (e.sentenceId !== sentenceId || e.seq !== seq) return e;
      const attempts = e.attempts + 1;
      const wait =
        retryAfterMs === null
          ? backoffDelay(attempts, jitter)
          : Math.round(retryAfterMs * (1 + 0.25 * jitter));
      return { ...e, attempts, error: message, reconnecting: true, nextAttemptAt: now + wait };
    }),
  };
}

const trimmed = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/**
 * Whether the server already holds exactly what this change asks for. The
 * server normalises as it stores (trimmed text; the quote and the type taken
 * from the span or the registry when the client left them out), so those are
 * compared as it would store them. Fields a change leaves out (credibility,
 * the suggestion outcome) keep the server's value and cannot differ.
 */
export function serverHoldsChange(change: Change, current: ServerState): boolean {
  if (change.kind === "clear") return current === null;
  if (current === null) return false;
  const mine = change.fields;
  const theirs = current.fields;
  const derivedText = mine.sourceId !== null || mine.sourceStart !== null;
  return (
    mine.label === theirs.label &&
    (trimmed(mine.sourceText) ?? (derivedText ? theirs.sourceText : null)) === theirs.sourceText &&
    mine.sourceStart === theirs.sourceStart &&
    mine.sourceEnd === theirs.sourceEnd &&
    mine.sourceId === theirs.sourceId &&
    (mine.sourceType ?? (mine.sourceId !== null ? theirs.sourceType : null)) ===
      theirs.sourceType &&
    trimmed(mine.note) === theirs.note &&
    mine.unsure === theirs.unsure &&
    (mine.credibility === undefined || mine.credibility === theirs.credibility) &&
    (mine.suggestion === undefined || mine.suggestion === theirs.suggestion)
  );
}

/**
 * A save refused as stale. When the server already holds exactly this change
 * — the edit was saved before, but its acknowledgement was lost to a reload or
 * a dropped connection, and it was sent again — the refusal is the
 * acknowledgement: the entry is done (a newer edit is rebased on the server's
 * version). Otherwise the edit waits for the annotator to choose.
 */
export function settleConflict(
  queue: SaveQueue,
  sentenceId: string,
  seq: number,
  current: ServerState,
): { queue: SaveQueue; acknowledged: boolean } {
  const entry = queue.entries.find((e) => e.sentenceId === sentenceId && e.seq === seq);
  if (entry && serverHoldsChange(entry.change, current)) {
    return {
      queue: acknowledge(queue, sentenceId, seq, current?.version ?? 0),
      acknowledged: true,
    };
  }
  return { queue: markConflict(queue, sentenceId, seq, current), acknowledged: false };
}

/** The server holds a different version: park the edit until the annotator chooses. */
export function markConflict(
  queue: SaveQueue,
  sentenceId: string,
  seq: number,
  current: ServerState,
): SaveQueue {
  return {
    seq: queue.seq,
    entries: queue.entries.map((e) =>
      e.sentenceId === sentenceId && e.seq === seq
        ? { ...e, conflict: { current }, error: null, reconnecting: false }
        : e,
    ),
  };
}

/** Drops the pending edit of a sentence ("take theirs", or a refusal no retry can fix). */
export function discard(queue: SaveQueue, sentenceId: string): SaveQueue {
  return { seq: queue.seq, entries: queue.entries.filter((e) => e.sentenceId !== sentenceId) };
}

/** "Keep mine": send my edit again, now based on the version the server holds. */
export function keepMine(queue: SaveQueue, sentenceId: string, now: number): SaveQueue {
  const entry = entryFor(queue, sentenceId);
  if (!entry?.conflict) return queue;
  const serverVersion = entry.conflict.current?.version ?? 0;
  return enqueue(queue, sentenceId, entry.change, serverVersion, now);
}

/** Reads a stored queue; anything unreadable is reported as null so the caller can keep it aside instead of losing it. */
export function parseQueue(stored: string | null): SaveQueue | null {
  if (stored == null) return emptyQueue();
  try {
    const result = queueSchema.safeParse(JSON.parse(stored));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
