"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  acknowledge,
  dueEntries,
  emptyQueue,
  enqueue,
  entryFor,
  fail,
  keepMine,
  parseQueue,
  resumeAll,
  settleConflict,
  waitToReconnect,
  discard,
  type AnnotationFields,
  type AnnotationView,
  type Change,
  type PendingEdit,
  type SaveQueue,
} from "@/lib/domain/annotation";
import {
  clearAnnotationAction,
  saveAnnotationAction,
  type ClearReply,
  type SaveReply,
} from "@/lib/actions/annotate";

export type SaveStatus = "saved" | "saving" | "failed" | "reconnecting" | "conflict";

export interface Rejection {
  sentenceId: string;
  message: string;
}

const HEARTBEAT_MS = 5_000;
const ORPHAN_AFTER_MS = 20_000;

function tabId(): string {
  const existing = sessionStorage.getItem("sourcelight:tab");
  if (existing) return existing;
  const id = crypto.randomUUID();
  sessionStorage.setItem("sourcelight:tab", id);
  return id;
}

/** Folds another queue's entries into ours, keeping ours where both have an edit of the same sentence. */
function adopt(into: SaveQueue, from: SaveQueue, now: number): SaveQueue {
  let merged = into;
  for (const e of from.entries) {
    if (entryFor(merged, e.sentenceId)) continue;
    merged = enqueue(merged, e.sentenceId, e.change, e.baseVersion, now);
  }
  return merged;
}

/**
 * The workspace's save machinery: the server's acknowledged annotations, the
 * local queue of unacknowledged edits (in localStorage, one key per tab so
 * two tabs never clobber each other; a closed tab's queue is adopted by the
 * next tab that opens the document), and the loop that sends due edits.
 */
export function useSaveQueue(args: {
  projectSlug: string;
  userId: string;
  documentId: string;
  initial: AnnotationView[];
}) {
  const { projectSlug, userId, documentId } = args;
  const [server, setServer] = useState(() => new Map(args.initial.map((a) => [a.sentenceId, a])));
  // The send loop and `change` run outside render and need the latest acknowledged
  // annotations. The ref is updated with the state, not after the render: an edit
  // made between an acknowledgement and its render is replayed by React after the
  // acknowledgement, and must find the acknowledged annotation then.
  const serverRef = useRef(server);
  const updateServer = useCallback(
    (edit: (m: Map<string, AnnotationView>) => Map<string, AnnotationView>) => {
      const next = edit(serverRef.current);
      serverRef.current = next;
      setServer(next);
    },
    [],
  );
  const [queue, setQueue] = useState<SaveQueue>(emptyQueue);
  const [loaded, setLoaded] = useState(false);
  const [rejections, setRejections] = useState<Rejection[]>([]);
  const [storageProblem, setStorageProblem] = useState<string | null>(null);
  const inFlight = useRef(new Set<string>());
  const [tick, setTick] = useState(0);
  const keyRef = useRef<string | null>(null);

  // Load this tab's queue and adopt those of closed tabs, once, in the browser.
  useEffect(() => {
    const prefix = `sourcelight:queue:${userId}:${documentId}:`;
    const key = `${prefix}${tabId()}`;
    keyRef.current = key;
    const now = Date.now();
    let q = parseQueue(localStorage.getItem(key));
    if (!q) {
      // Unreadable: set it aside rather than overwrite it.
      localStorage.setItem(`${key}:unreadable:${now}`, localStorage.getItem(key) ?? "");
      // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only in the browser, after hydration
      setStorageProblem(
        "Some unsaved edits stored in this browser could not be read; they were kept aside.",
      );
      q = emptyQueue();
    }
    for (let i = 0; i < localStorage.length; i++) {
      const other = localStorage.key(i);
      if (
        !other ||
        !other.startsWith(prefix) ||
        other === key ||
        other.includes(":hb") ||
        other.includes(":unreadable")
      )
        continue;
      const beat = Number(localStorage.getItem(`${other}:hb`) ?? 0);
      if (now - beat < ORPHAN_AFTER_MS) continue;
      const theirs = parseQueue(localStorage.getItem(other));
      if (theirs) {
        q = adopt(q, theirs, now);
        localStorage.removeItem(other);
        localStorage.removeItem(`${other}:hb`);
        i = -1; // keys shifted
      }
    }
    // Edits that were in flight or waiting when the page went away are sent again at once.
    setQueue(resumeAll(q, now));
    setLoaded(true);
    const beat = () => localStorage.setItem(`${key}:hb`, String(Date.now()));
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    const online = () => setQueue((current) => resumeAll(current, Date.now()));
    window.addEventListener("online", online);
    return () => {
      clearInterval(timer);
      window.removeEventListener("online", online);
    };
  }, [userId, documentId]);

  // Persist every change of the queue before anything else can lose it.
  useEffect(() => {
    const key = keyRef.current;
    if (!loaded || !key) return;
    try {
      if (queue.entries.length === 0) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(queue));
    } catch {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- reporting that the browser refused to store the queue
      setStorageProblem(
        "This browser refused to store unsaved edits; keep this tab open until they are saved.",
      );
    }
  }, [queue, loaded]);

  const send = useCallback(
    async (entry: PendingEdit) => {
      const sid = entry.sentenceId;
      inFlight.current.add(sid);
      let reply: SaveReply | ClearReply | "network";
      try {
        if (entry.change.kind === "save") {
          reply = await saveAnnotationAction(projectSlug, {
            sentenceId: sid,
            ...entry.change.fields,
            expectedVersion: entry.baseVersion,
          });
        } else {
          const known = serverRef.current.get(sid);
          reply =
            known && entry.baseVersion > 0
              ? await clearAnnotationAction(projectSlug, {
                  annotationId: known.id,
                  expectedVersion: entry.baseVersion,
                })
              : { ok: true, data: { sentenceId: sid } };
        }
      } catch {
        reply = "network";
      } finally {
        inFlight.current.delete(sid);
      }
      if (reply === "network") {
        const jitter = Math.random();
        setQueue((q) =>
          waitToReconnect(
            q,
            sid,
            entry.seq,
            Date.now(),
            "No connection to the server",
            null,
            jitter,
          ),
        );
      } else if (reply.ok) {
        const data = reply.data;
        if ("version" in data) {
          updateServer((m) => new Map(m).set(sid, data));
          setQueue((q) => acknowledge(q, sid, entry.seq, data.version));
        } else {
          updateServer((m) => {
            const next = new Map(m);
            next.delete(sid);
            return next;
          });
          setQueue((q) => acknowledge(q, sid, entry.seq, 0));
        }
      } else if (reply.kind === "conflict") {
        const current = reply.current;
        updateServer((m) => {
          const next = new Map(m);
          if (current) next.set(sid, { ...current, sentenceId: sid });
          else next.delete(sid);
          return next;
        });
        // A resent edit the server already holds (its first acknowledgement was lost) is saved, not a conflict.
        setQueue((q) => settleConflict(q, sid, entry.seq, current).queue);
      } else if (reply.kind === "unavailable") {
        const { message, retryAfterMs } = reply;
        const jitter = Math.random();
        setQueue((q) =>
          waitToReconnect(q, sid, entry.seq, Date.now(), message, retryAfterMs, jitter),
        );
      } else if (reply.retry) {
        const message = reply.message;
        setQueue((q) => fail(q, sid, entry.seq, Date.now(), message, Math.random()));
      } else {
        // Refused input cannot succeed by retrying: say so, keep any newer edit.
        const message = reply.message;
        setRejections((r) => [
          ...r.filter((x) => x.sentenceId !== sid),
          { sentenceId: sid, message },
        ]);
        setQueue((q) => acknowledge(q, sid, entry.seq, entry.baseVersion));
      }
      setTick((t) => t + 1);
    },
    [projectSlug, updateServer],
  );

  // Send what is due; wake up when the next retry is due.
  useEffect(() => {
    if (!loaded) return;
    const now = Date.now();
    for (const entry of dueEntries(queue, now, inFlight.current)) void send(entry);
    const later = queue.entries
      .filter((e) => !e.conflict && e.nextAttemptAt > now && !inFlight.current.has(e.sentenceId))
      .map((e) => e.nextAttemptAt);
    if (!later.length) return;
    const timer = setTimeout(() => setTick((t) => t + 1), Math.min(...later) - now);
    return () => clearTimeout(timer);
  }, [queue, loaded, tick, send]);

  const change = useCallback(
    (
      sentenceIds: readonly string[],
      make: (current: AnnotationFields | null, sentenceId: string) => Change | null,
    ) => {
      setRejections((r) => r.filter((x) => !sentenceIds.includes(x.sentenceId)));
      setQueue((q) => {
        let next = q;
        for (const sid of sentenceIds) {
          const pending = entryFor(next, sid);
          const known = serverRef.current.get(sid);
          const current = pending
            ? pending.change.kind === "save"
              ? pending.change.fields
              : null
            : (known?.fields ?? null);
          const c = make(current, sid);
          if (c) next = enqueue(next, sid, c, known?.version ?? 0, Date.now());
        }
        return next;
      });
    },
    [],
  );

  const resolveConflict = useCallback((sentenceId: string, choice: "mine" | "theirs") => {
    setQueue((q) =>
      choice === "mine" ? keepMine(q, sentenceId, Date.now()) : discard(q, sentenceId),
    );
  }, []);

  const retryNow = useCallback(() => {
    setQueue((q) => resumeAll(q, Date.now()));
  }, []);

  /** What the annotator sees: the server's annotations with their own unsaved edits on top. */
  const display = useMemo(() => {
    const m = new Map<string, AnnotationFields>();
    for (const [sid, a] of server) m.set(sid, a.fields);
    for (const e of queue.entries) {
      if (e.change.kind === "save") m.set(e.sentenceId, e.change.fields);
      else m.delete(e.sentenceId);
    }
    return m;
  }, [server, queue]);

  const statuses = useMemo(() => {
    const m = new Map<string, SaveStatus>();
    for (const e of queue.entries)
      m.set(
        e.sentenceId,
        e.conflict ? "conflict" : e.reconnecting ? "reconnecting" : e.error ? "failed" : "saving",
      );
    return m;
  }, [queue]);

  return {
    display,
    statuses,
    queue,
    server,
    loaded,
    rejections,
    storageProblem,
    change,
    resolveConflict,
    retryNow,
  };
}
