import { describe, expect, it } from "vitest";
import { ChunkPlanner, type ChunkDocument, type ExportChunk } from "@/lib/server/export/chunks";

const doc = (id: string, span: number): ChunkDocument => ({ id, span });

/** Every chunk of an export at a fixed size and rows per sentence. */
function all(docs: ChunkDocument[], rows: number, perSentence: number): ExportChunk[] {
  const planner = new ChunkPlanner(docs);
  const chunks: ExportChunk[] = [];
  for (let c = planner.next(rows, perSentence); c; c = planner.next(rows, perSentence)) {
    chunks.push(c);
  }
  return chunks;
}

/** Every (document, index) the chunks cover, in order. */
function covered(chunks: ExportChunk[]): string[] {
  return chunks.flatMap((c) =>
    c.documentIds.flatMap((id, i) => {
      const out: string[] = [];
      for (let x = c.lo[i] ?? 0; x <= (c.hi[i] ?? -1); x++) out.push(`${id}:${x}`);
      return out;
    }),
  );
}

describe("ChunkPlanner", () => {
  it("covers every sentence of every document once, in export order", () => {
    const docs = [doc("a", 30), doc("b", 0), doc("c", 7), doc("d", 95)];
    const expected = docs.flatMap((d) => Array.from({ length: d.span }, (_, x) => `${d.id}:${x}`));
    expect(covered(all(docs, 50, 2))).toEqual(expected);
    expect(covered(all(docs, 7, 3))).toEqual(expected);
  });

  it("bounds each chunk's rows by the estimate, cutting a long document into index ranges", () => {
    const chunks = all([doc("long", 1000)], 1200, 3);
    expect(chunks.map((c) => [c.lo, c.hi, c.sentences])).toEqual([
      [[0], [399], 400],
      [[400], [799], 400],
      [[800], [999], 200],
    ]);
    expect(chunks.map((c) => c.starting)).toEqual([["long"], [], []]);
    expect(chunks.map((c) => c.ending)).toEqual([[], [], ["long"]]);
  });

  it("sizes each chunk with the estimate given for it", () => {
    const planner = new ChunkPlanner([doc("a", 100)]);
    expect(planner.next(10, 1)?.hi).toEqual([9]);
    expect(planner.next(10, 5)).toMatchObject({ lo: [10], hi: [11], sentences: 2 });
    // Under one row a sentence still counts as one: a sentence nobody annotated is a row.
    expect(planner.next(10, 0.1)).toMatchObject({ lo: [12], hi: [21] });
  });

  it("puts short documents together and says which start and end in each chunk", () => {
    expect(all([doc("a", 2), doc("b", 2), doc("c", 2)], 6, 2)).toEqual([
      {
        documentIds: ["a", "b"],
        lo: [0, 0],
        hi: [1, 0],
        sentences: 3,
        starting: ["a", "b"],
        ending: ["a"],
      },
      {
        documentIds: ["b", "c"],
        lo: [1, 0],
        hi: [1, 1],
        sentences: 3,
        starting: ["c"],
        ending: ["b", "c"],
      },
    ]);
  });

  it("plans nothing for an export without sentences", () => {
    expect(all([doc("a", 0)], 10, 1)).toEqual([]);
  });
});
