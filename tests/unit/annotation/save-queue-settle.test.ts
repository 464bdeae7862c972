import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  emptyQueue,
  enqueue,
  entryFor,
  fail,
  resumeAll,
  serverHoldsChange,
  settleConflict,
  waitToReconnect,
  type AnnotationFields,
  type ServerState,
} from "@/lib/domain/annotation";

const fields = (over: Partial<AnnotationFields> = {}): AnnotationFields => ({
  label: "OPINION",
  sourceText: null,
  sourceStart: null,
  sourceEnd: null,
  sourceId: null,
  sourceType: null,
  note: null,
  unsure: false,
  ...over,
});

const server = (version: number, over: Partial<AnnotationFields> = {}): ServerState => ({
  id: "a1",
  version,
  fields: { ...fields(over), credibility: null, suggestion: null },
});

describe("a stale-version refusal of a resent edit", () => {
  it("is an acknowledgement when the server already holds exactly that edit", () => {
    const q = enqueue(
      emptyQueue(),
      "s1",
      { kind: "save", fields: fields({ note: " seen " }) },
      0,
      0,
    );
    const seq = entryFor(q, "s1")?.seq ?? -1;
    const settled = settleConflict(q, "s1", seq, server(1, { note: "seen" }));
    expect(settled.acknowledged).toBe(true);
    expect(settled.queue.entries).toEqual([]);
  });

  it("keeps a newer edit made meanwhile, rebased on the server's version", () => {
    let q = enqueue(emptyQueue(), "s1", { kind: "save", fields: fields() }, 0, 0);
    const sent = entryFor(q, "s1")?.seq ?? -1;
    q = enqueue(q, "s1", { kind: "save", fields: fields({ label: "SOURCED_FACT" }) }, 0, 1);
    // The newer edit is the one the server now compares with: it differs, so it is a real conflict…
    expect(settleConflict(q, "s1", entryFor(q, "s1")?.seq ?? -1, server(1)).acknowledged).toBe(
      false,
    );
    // …while the refusal of the older send, which the server holds, rebases the newer one.
    const settled = settleConflict(q, "s1", sent, server(1));
    expect(settled.queue.entries).toHaveLength(1);
    expect(entryFor(settled.queue, "s1")).toMatchObject({ baseVersion: 0, conflict: null });
  });

  it("is a conflict when any stored field differs, and parks the edit with the server's value", () => {
    const mine = fields({ label: "SOURCED_FACT", sourceText: "the army" });
    const q = enqueue(emptyQueue(), "s1", { kind: "save", fields: mine }, 0, 0);
    const seq = entryFor(q, "s1")?.seq ?? -1;
    for (const theirs of [
      server(2, { label: "OPINION", sourceText: "the army" }),
      server(2, { label: "SOURCED_FACT", sourceText: "the navy" }),
      server(2, { label: "SOURCED_FACT", sourceText: "the army", unsure: true }),
      null,
    ]) {
      const settled = settleConflict(q, "s1", seq, theirs);
      expect(settled.acknowledged).toBe(false);
      expect(entryFor(settled.queue, "s1")?.conflict).toEqual({ current: theirs });
    }
  });

  it("accepts the quote and type the server derived from the span or the registry", () => {
    const span = fields({ sourceStart: 4, sourceEnd: 12 });
    expect(
      serverHoldsChange(
        { kind: "save", fields: span },
        server(3, { sourceStart: 4, sourceEnd: 12, sourceText: "the army" }),
      ),
    ).toBe(true);
    const registry = fields({ sourceId: "r1" });
    expect(
      serverHoldsChange(
        { kind: "save", fields: registry },
        server(3, { sourceId: "r1", sourceText: "Iraqi army", sourceType: "OFFICIAL_BODY" }),
      ),
    ).toBe(true);
    // Without a span or a registry entry the server derives nothing: a quote there is someone else's.
    expect(
      serverHoldsChange({ kind: "save", fields: fields() }, server(3, { sourceText: "the army" })),
    ).toBe(false);
  });

  it("compares credibility and the suggestion outcome only when the edit sets them", () => {
    const theirs = server(2);
    expect(serverHoldsChange({ kind: "save", fields: fields() }, theirs)).toBe(true);
    expect(serverHoldsChange({ kind: "save", fields: fields({ credibility: 2 }) }, theirs)).toBe(
      false,
    );
    expect(
      serverHoldsChange({ kind: "save", fields: fields({ suggestion: "ACCEPTED" }) }, theirs),
    ).toBe(false);
  });

  it("acknowledges a clear when the annotation is already gone, and not when it is still there", () => {
    const q = enqueue(emptyQueue(), "s1", { kind: "clear" }, 2, 0);
    const seq = entryFor(q, "s1")?.seq ?? -1;
    expect(settleConflict(q, "s1", seq, null)).toMatchObject({
      acknowledged: true,
      queue: { entries: [] },
    });
    expect(settleConflict(q, "s1", seq, server(3)).acknowledged).toBe(false);
  });
});

describe("waiting for the server to come back", () => {
  it("keeps the edit, marks it reconnecting, and retries no sooner than Retry-After", () => {
    const q = enqueue(emptyQueue(), "s1", { kind: "save", fields: fields() }, 0, 1_000);
    const seq = entryFor(q, "s1")?.seq ?? -1;
    const early = waitToReconnect(q, "s1", seq, 1_000, "Database away", 5_000, 0);
    expect(entryFor(early, "s1")).toMatchObject({
      reconnecting: true,
      error: "Database away",
      attempts: 1,
      nextAttemptAt: 6_000,
    });
    const spread = waitToReconnect(q, "s1", seq, 1_000, "Database away", 5_000, 0.99);
    expect(entryFor(spread, "s1")?.nextAttemptAt).toBeGreaterThan(6_000);
    expect(entryFor(spread, "s1")?.nextAttemptAt).toBeLessThanOrEqual(7_250);
    // With no server answer at all (offline) it backs off as any failure does.
    expect(entryFor(waitToReconnect(q, "s1", seq, 1_000, "Offline", null, 0), "s1")).toMatchObject({
      reconnecting: true,
      nextAttemptAt: 1_000 + backoffDelay(1, 0),
    });
  });

  it("stops saying reconnecting once a failure is of another kind", () => {
    const q = enqueue(emptyQueue(), "s1", { kind: "save", fields: fields() }, 0, 0);
    const seq = entryFor(q, "s1")?.seq ?? -1;
    const away = waitToReconnect(q, "s1", seq, 0, "Database away", 5_000);
    expect(entryFor(fail(away, "s1", seq, 0, "Something went wrong"), "s1")?.reconnecting).toBe(
      false,
    );
  });

  it("makes every waiting entry due at once on reload, and leaves due ones as they are", () => {
    let q = enqueue(emptyQueue(), "s1", { kind: "save", fields: fields() }, 0, 0);
    q = enqueue(q, "s2", { kind: "save", fields: fields() }, 0, 0);
    q = waitToReconnect(q, "s1", entryFor(q, "s1")?.seq ?? -1, 0, "away", 30_000);
    const resumed = resumeAll(q, 100);
    expect(resumed.entries.map((e) => e.nextAttemptAt)).toEqual([100, 0]);
  });
});
