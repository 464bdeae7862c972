import { describe, expect, it } from "vitest";
import { Utf8Chunks } from "@/lib/server/export/utf8-chunks";

const joined = (parts: Buffer[]) => Buffer.concat(parts).toString("utf8");

describe("Utf8Chunks", () => {
  it("hands on full buffers only, and the rest at the end, losing and reordering nothing", () => {
    const chunks = new Utf8Chunks(16);
    const pieces = ["abc", "défg€", "🙂🙂", "x".repeat(15), "", "tail"];
    const out: Buffer[] = [];
    for (const p of pieces) {
      chunks.write(p);
      const full = chunks.takeFull();
      for (const b of full) expect(b.length).toBeLessThanOrEqual(16);
      out.push(...full);
    }
    out.push(...chunks.takeAll());
    expect(joined(out)).toBe(pieces.join(""));
    expect(chunks.takeAll()).toEqual([]);
  });

  it("never splits a character between buffers", () => {
    const chunks = new Utf8Chunks(8);
    for (let i = 0; i < 50; i++) chunks.write(i % 2 ? "€" : "🙂a");
    const parts = chunks.takeAll();
    for (const p of parts)
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(p)).not.toThrow();
    expect(joined(parts)).toBe(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? "€" : "🙂a")).join(""),
    );
  });

  it("passes a piece larger than a buffer on whole, after what came before it", () => {
    const chunks = new Utf8Chunks(8);
    chunks.write("ab");
    const big = "ü".repeat(100);
    chunks.write(big);
    chunks.write("cd");
    const parts = chunks.takeAll();
    expect(parts.map((p) => p.toString("utf8"))).toEqual(["ab", big, "cd"]);
  });
});
