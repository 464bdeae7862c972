import { describe, expect, it } from "vitest";
import {
  acknowledge,
  backoffDelay,
  BACKOFF_MAX_MS,
  dueEntries,
  emptyQueue,
  enqueue,
  entryFor,
  fail,
  keepMine,
  markConflict,
  nextWake,
  parseQueue,
  type AnnotationFields,
} from "@/lib/domain/annotation";

const fields = (label: AnnotationFields["label"]): AnnotationFields => ({
  label,
  sourceText: null,
  sourceStart: null,
  sourceEnd: null,
  sourceId: null,
  sourceType: null,
  note: null,
  unsure: false,
});

describe("the save queue", () => {
  it("keeps one entry per sentence, the latest edit, based on the version the chain started from", () => {
    let q = enqueue(emptyQueue(), "s1", { kind: "save", fields: fields("OPINION") }, 3, 0);
    q = enqueue(q, "s1", { kind: "save", fields: fields("SOURCED_FACT") }, 9, 1);
    expect(q.entries).toHaveLength(1);
    expect(entryFor(q, "s1")).toMatchObject({
      baseVersion: 3,
      seq: 2,
      change: { kind: "save", fields: { label: "SOURCED_FACT" } },
    });
  });

  it("removes an acknowledged edit, but keeps and rebases one made while the save was in flight", () => {
    let q = enqueue(emptyQueue(), "s1", { kind: "save", fields: fields("OPINION") }, 0, 0);
    const sent = entryFor(q, "s1")?.seq ?? -1;
    expect(acknowledge(q, "s1", sent, 1).entries).toEqual([]);
    q = enqueue(q, "s1", { kind: "clear" }, 0, 5);
    q = acknowledge(q, "s1", sent, 1);
    expect(entryFor(q, "s1")).toMatchObject({ change: { kind: "clear" }, baseVersion: 1 });
  });

  it("backs off exponentially up to a ceiling and only offers due, idle, unconflicted entries", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 0.5))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(30, 0.5)).toBe(BACKOFF_MAX_MS);
    let q = enqueue(emptyQueue(), "s1", { kind: "save", fields: fields("OPINION") }, 0, 0);
    q = enqueue(q, "s2", { kind: "save", fields: fields("OPINION") }, 0, 0);
    q = fail(q, "s1", 1, 100, "offline", 0.5);
    expect(entryFor(q, "s1")).toMatchObject({ attempts: 1, error: "offline", nextAttemptAt: 600 });
    expect(dueEntries(q, 200, new Set()).map((e) => e.sentenceId)).toEqual(["s2"]);
    expect(dueEntries(q, 200, new Set(["s2"]))).toEqual([]);
    expect(dueEntries(q, 600, new Set()).map((e) => e.sentenceId)).toEqual(["s1", "s2"]);
    expect(nextWake(q)).toBe(0);
    // A failure of an older, superseded send does not delay the newer edit.
    q = enqueue(q, "s2", { kind: "clear" }, 0, 300);
    expect(entryFor(fail(q, "s2", 2, 300, "x"), "s2")).toMatchObject({ attempts: 0 });
  });

  it("parks a conflict until the annotator chooses; keeping mine resends on the server's version", () => {
    let q = enqueue(emptyQueue(), "s1", { kind: "save", fields: fields("OPINION") }, 1, 0);
    q = markConflict(q, "s1", 1, { id: "a", version: 4, fields: fields("SOURCED_FACT") });
    expect(dueEntries(q, 10, new Set())).toEqual([]);
    expect(nextWake(q)).toBeNull();
    q = keepMine(q, "s1", 20);
    expect(entryFor(q, "s1")).toMatchObject({
      baseVersion: 4,
      conflict: null,
      change: { kind: "save", fields: { label: "OPINION" } },
    });
    expect(dueEntries(q, 20, new Set())).toHaveLength(1);
  });

  it("round-trips through storage and reports unreadable data instead of dropping it silently", () => {
    const q = enqueue(emptyQueue(), "s1", { kind: "save", fields: fields("NOT_A_CLAIM") }, 0, 0);
    expect(parseQueue(JSON.stringify(q))).toEqual(q);
    expect(parseQueue(null)).toEqual(emptyQueue());
    expect(parseQueue("{not json")).toBeNull();
    expect(parseQueue(JSON.stringify({ seq: 1, entries: [{ sentenceId: 3 }] }))).toBeNull();
  });
});
