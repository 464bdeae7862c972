import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { assignmentChangeSchema, distributeAssignments, seededRandom } from "@/lib/domain/workflow";

const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, "0")}`);

function loads(plan: Array<{ annotatorId: string }>, annotators: string[]) {
  const m = new Map(annotators.map((a) => [a, 0]));
  for (const p of plan) m.set(p.annotatorId, (m.get(p.annotatorId) ?? 0) + 1);
  return [...m.values()];
}

describe("distributeAssignments", () => {
  it("gives every document N distinct annotators and keeps loads within one", () => {
    const documentIds = ids("doc", 25);
    const annotatorIds = ids("ann", 4);
    const plan = distributeAssignments({ documentIds, annotatorIds, perDocument: 2, seed: 7 });
    expect(plan).toHaveLength(50);
    for (const d of documentIds) {
      const who = plan.filter((p) => p.documentId === d).map((p) => p.annotatorId);
      expect(new Set(who).size).toBe(2);
    }
    const l = loads(plan, annotatorIds);
    expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(1);
    expect(l.reduce((a, b) => a + b, 0)).toBe(50);
  });

  it("plans the same overlap for the same seed whatever the input order, and another for another seed", () => {
    const documentIds = ids("doc", 12);
    const annotatorIds = ids("ann", 5);
    const a = distributeAssignments({ documentIds, annotatorIds, perDocument: 2, seed: 42 });
    const b = distributeAssignments({
      documentIds: [...documentIds].reverse(),
      annotatorIds: [...annotatorIds].reverse(),
      perDocument: 2,
      seed: 42,
    });
    const c = distributeAssignments({ documentIds, annotatorIds, perDocument: 2, seed: 43 });
    const key = (plan: typeof a) =>
      plan
        .map((p) => `${p.documentId}>${p.annotatorId}`)
        .sort()
        .join(",");
    expect(key(b)).toBe(key(a));
    expect(key(c)).not.toBe(key(a));
  });

  it("counts existing assignments: a document that has its N gets nobody, a loaded annotator gets less", () => {
    const annotatorIds = ["a", "b", "c"];
    const existing = [
      { documentId: "d1", annotatorId: "a" },
      { documentId: "d1", annotatorId: "b" },
      { documentId: "d0", annotatorId: "a" },
    ];
    const plan = distributeAssignments({
      documentIds: ["d0", "d1", "d2", "d3"],
      annotatorIds,
      perDocument: 2,
      seed: 1,
      existing,
    });
    expect(plan.filter((p) => p.documentId === "d1")).toEqual([]);
    // d0 already has a: one more, never a again.
    const d0 = plan.filter((p) => p.documentId === "d0").map((p) => p.annotatorId);
    expect(d0).toHaveLength(1);
    expect(d0).not.toContain("a");
    const total = loads([...existing, ...plan], annotatorIds);
    expect(Math.max(...total) - Math.min(...total)).toBeLessThanOrEqual(1);
  });

  it("refuses more annotators per document than were chosen", () => {
    expect(() =>
      distributeAssignments({ documentIds: ["d"], annotatorIds: ["a"], perDocument: 2, seed: 1 }),
    ).toThrow(AppError);
  });
});

describe("seededRandom", () => {
  it("repeats for a seed and stays in [0, 1)", () => {
    const a = seededRandom(5);
    const b = seededRandom(5);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("assignmentChangeSchema", () => {
  const uuid = "7b0d3a4e-1c1f-4a53-9f4e-6d3c2b1a0f9e";
  it("takes documents by id or by filter, not both or neither", () => {
    expect(
      assignmentChangeSchema.safeParse({
        action: "assign",
        documents: { documentIds: [uuid] },
        annotatorIds: [uuid],
      }).success,
    ).toBe(true);
    const batch = assignmentChangeSchema.parse({
      action: "assign",
      documents: { filter: { q: " army " } },
      annotatorIds: [uuid],
      dueOn: "2026-12-24",
    });
    expect(batch).toMatchObject({ documents: { filter: { q: "army", unassigned: false } } });
    expect(
      assignmentChangeSchema.safeParse({
        action: "assign",
        documents: { documentIds: [uuid], filter: {} },
        annotatorIds: [uuid],
      }).success,
    ).toBe(false);
    expect(
      assignmentChangeSchema.safeParse({ action: "assign", documents: {}, annotatorIds: [uuid] })
        .success,
    ).toBe(false);
  });

  it("refuses bad due dates, ids, counts and unknown actions", () => {
    const base = { documents: { documentIds: [uuid] }, annotatorIds: [uuid] };
    expect(
      assignmentChangeSchema.safeParse({ ...base, action: "assign", dueOn: "24/12/2026" }).success,
    ).toBe(false);
    expect(
      assignmentChangeSchema.safeParse({ ...base, action: "assign", dueOn: "2026-13-40" }).success,
    ).toBe(false);
    expect(
      assignmentChangeSchema.safeParse({ ...base, action: "assign", annotatorIds: ["x"] }).success,
    ).toBe(false);
    expect(
      assignmentChangeSchema.safeParse({ ...base, action: "distribute", perDocument: 0 }).success,
    ).toBe(false);
    expect(assignmentChangeSchema.safeParse({ action: "reclaim", olderThanDays: 0 }).success).toBe(
      false,
    );
    expect(assignmentChangeSchema.safeParse({ action: "steal" }).success).toBe(false);
  });
});
