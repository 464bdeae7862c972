import { describe, expect, it } from "vitest";
import { planChunks, type ChunkDocument } from "@/lib/server/export/chunks";

const doc = (id: string, span: number, annotations: number): ChunkDocument => ({
  id,
  span,
  annotations,
});

/** Every (document, index) the chunks cover, in order. */
function covered(chunks: ReturnType<typeof planChunks>): string[] {
  return chunks.flatMap((c) =>
    c.documentIds.flatMap((id, i) => {
      const out: string[] = [];
      for (let x = c.lo[i] ?? 0; x <= (c.hi[i] ?? -1); x++) out.push(`${id}:${x}`);
      return out;
    }),
  );
}

describe("planChunks", () => {
  it("covers every sentence of every document once, in export order", () => {
    const docs = [doc("a", 30, 60), doc("b", 0, 0), doc("c", 7, 0), doc("d", 95, 190)];
    const chunks = planChunks(docs, { firstRows: 10, rows: 50 });
    const all = docs.flatMap((d) => Array.from({ length: d.span }, (_, x) => `${d.id}:${x}`));
    expect(covered(chunks)).toEqual(all);
  });

  it("bounds each chunk's estimated rows, cutting a long document into index ranges", () => {
    const chunks = planChunks([doc("long", 1000, 3000)], { firstRows: 300, rows: 1200 });
    // Three annotations a sentence: 100 sentences first, then 400 a chunk.
    expect(chunks.map((c) => [c.lo, c.hi])).toEqual([
      [[0], [99]],
      [[100], [499]],
      [[500], [899]],
      [[900], [999]],
    ]);
    expect(chunks.map((c) => c.starting)).toEqual([["long"], [], [], []]);
    expect(chunks.map((c) => c.ending)).toEqual([[], [], [], ["long"]]);
  });

  it("puts short documents together and says which start and end in each chunk", () => {
    const chunks = planChunks([doc("a", 2, 4), doc("b", 2, 4), doc("c", 2, 4)], {
      firstRows: 6,
      rows: 6,
    });
    expect(chunks).toEqual([
      { documentIds: ["a", "b"], lo: [0, 0], hi: [1, 0], starting: ["a", "b"], ending: ["a"] },
      { documentIds: ["b", "c"], lo: [1, 0], hi: [1, 1], starting: ["c"], ending: ["b", "c"] },
    ]);
  });

  it("counts a sentence nobody annotated as one row", () => {
    const chunks = planChunks([doc("a", 10, 0)], { firstRows: 4, rows: 4 });
    expect(chunks.map((c) => [c.lo[0], c.hi[0]])).toEqual([
      [0, 3],
      [4, 7],
      [8, 9],
    ]);
  });

  it("plans nothing for an export without sentences", () => {
    expect(planChunks([doc("a", 0, 0)], { firstRows: 10, rows: 10 })).toEqual([]);
  });
});
