import { describe, expect, it } from "vitest";
import {
  MISSING,
  ReliabilityDataBuilder,
  countTable,
  reliabilityData,
  reliabilityDataFromCoders,
  reliabilityDataFromUnits,
  toCountTable,
} from "@/lib/domain/agreement";

describe("reliability data", () => {
  it("lays out units × coders flat, MISSING for no value", () => {
    const data = reliabilityDataFromUnits([[0, null, 2], [1], []], 3);
    expect(data).toMatchObject({ kind: "matrix", unitCount: 3, coderCount: 3, categoryCount: 3 });
    expect(Array.from(data.values)).toEqual([
      0,
      MISSING,
      2,
      1,
      MISSING,
      MISSING,
      MISSING,
      MISSING,
      MISSING,
    ]);
  });

  it("reads Krippendorff's coders × units layout", () => {
    const data = reliabilityDataFromCoders(
      [
        [0, 1, null],
        [0, null, 1],
      ],
      2,
    );
    expect(data.unitCount).toBe(3);
    expect(Array.from(data.values)).toEqual([0, 0, 1, MISSING, MISSING, 1]);
  });

  it("counts categories per unit", () => {
    const table = toCountTable(
      reliabilityDataFromUnits(
        [
          [0, 0, 2],
          [null, 1, null],
        ],
        3,
      ),
    );
    expect(Array.from(table.counts)).toEqual([2, 0, 1, 0, 1, 0]);
    expect(toCountTable(table)).toBe(table);
  });

  it("rejects cells that are not category indices", () => {
    expect(() => reliabilityData([0, 3], { coderCount: 2, categoryCount: 3 })).toThrow(/outside/);
    expect(() => reliabilityData([0, -2], { coderCount: 2, categoryCount: 3 })).toThrow(/outside/);
    expect(() => reliabilityData([0, 2 ** 32], { coderCount: 2, categoryCount: 3 })).toThrow(
      /outside/,
    );
    expect(() => reliabilityData([0, 1, 2], { coderCount: 2, categoryCount: 3 })).toThrow(
      /multiple/,
    );
    expect(() => reliabilityData([0], { coderCount: 0, categoryCount: 3 })).toThrow(/coderCount/);
    expect(() => reliabilityDataFromUnits([[0, 1, 2]], 3, 2)).toThrow(/coderCount/);
    expect(() => countTable([[1, 0.5]])).toThrow(RangeError);
  });
});

describe("ReliabilityDataBuilder", () => {
  it("groups consecutive rows of a unit, as from ORDER BY unit", () => {
    const builder = new ReliabilityDataBuilder({ coderCount: 3, categoryCount: 4 });
    builder.add("s1", 0, 3).add("s1", 2, 1).add("s2", 1, 0).add(17, 0, 2);
    expect(builder.unitKeys).toEqual(["s1", "s2", 17]);
    const data = builder.build();
    expect(data.unitCount).toBe(3);
    expect(Array.from(data.values)).toEqual([
      3,
      MISSING,
      1,
      MISSING,
      0,
      MISSING,
      2,
      MISSING,
      MISSING,
    ]);
  });

  it("grows past its initial capacity", () => {
    const builder = new ReliabilityDataBuilder({ coderCount: 2, categoryCount: 2 });
    for (let u = 0; u < 5000; u++) builder.add(u, u % 2, u % 2);
    const data = builder.build();
    expect(data.unitCount).toBe(5000);
    expect(data.values[2 * 4999 + 1]).toBe(1);
    expect(data.values[2 * 4999]).toBe(MISSING);
  });

  it("throws when a unit comes back after another, or a coder rates a unit twice", () => {
    const builder = new ReliabilityDataBuilder({ coderCount: 2, categoryCount: 2 });
    builder.add("s1", 0, 0).add("s2", 0, 1);
    expect(() => builder.add("s1", 1, 1)).toThrow(/order rows by unit/);
    expect(() => builder.add("s2", 0, 0)).toThrow(/twice/);
    expect(() => builder.add("s3", 2, 0)).toThrow(RangeError);
    expect(() => builder.add("s3", 0, 2)).toThrow(RangeError);
  });
});
