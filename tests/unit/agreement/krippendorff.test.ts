import { describe, expect, it } from "vitest";
import {
  MISSING,
  ReliabilityDataBuilder,
  coincidenceMatrix,
  countTable,
  krippendorffAlpha,
  reliabilityData,
  reliabilityDataFromCoders,
  reliabilityDataFromUnits,
  toCountTable,
} from "@/lib/domain/agreement";
import { expectExact, expectUndefined, letterRow, paperRow, valueOf } from "./helpers";

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §C:
// 4 observers × 12 units, values 1..5, "." missing.
const sectionC = reliabilityDataFromCoders(
  [
    paperRow("1 2 3 3 2 1 4 1 2 . . ."),
    paperRow("1 2 3 3 2 2 4 1 2 5 . 3"),
    paperRow(". 3 3 3 2 3 4 2 2 5 1 ."),
    paperRow("1 2 3 3 2 4 4 1 2 5 1 ."),
  ],
  5,
);
const sectionCValues = [1, 2, 3, 4, 5];

describe("Krippendorff (2011) §C: 4 observers, 12 units, missing values", () => {
  it("builds the published coincidence matrix (o_11 = 7, o_12 = 4/3, n_c = 9 13 10 5 3)", () => {
    const c = coincidenceMatrix(sectionC);
    expect(c.pairableUnits).toBe(11);
    expect(c.pairableValues).toBe(40);
    expect(Array.from(c.marginals)).toEqual([9, 13, 10, 5, 3]);
    expect(c.matrix[0]).toBeCloseTo(7, 12);
    expect(c.matrix[1]).toBeCloseTo(4 / 3, 12);
    for (let i = 0; i < 5; i++) {
      let row = 0;
      for (let k = 0; k < 5; k++) {
        row += c.matrix[i * 5 + k] ?? NaN;
        expect(c.matrix[i * 5 + k]).toBeCloseTo(c.matrix[k * 5 + i] ?? NaN, 12);
      }
      expect(row).toBeCloseTo(c.marginals[i] ?? NaN, 12);
    }
  });

  it("nominal α = 113/152 (published 0.743)", () => {
    const alpha = krippendorffAlpha(sectionC);
    expectExact(alpha, 113 / 152);
    expect(alpha).toMatchObject({ metric: "nominal", pairableUnits: 11, pairableValues: 40 });
  });

  it("interval α = 951/1120 (published 0.849)", () => {
    expectExact(
      krippendorffAlpha(sectionC, { metric: "interval", categoryValues: sectionCValues }),
      951 / 1120,
    );
  });

  it("interval α does not depend on where the scale starts or its unit", () => {
    expectExact(krippendorffAlpha(sectionC, { metric: "interval" }), 951 / 1120);
    expectExact(
      krippendorffAlpha(sectionC, { metric: "interval", categoryValues: [10, 30, 50, 70, 90] }),
      951 / 1120,
    );
  });

  it("ordinal α rounds to the published 0.815 (exactly 108577/133160, derived with rational arithmetic)", () => {
    const value = valueOf(krippendorffAlpha(sectionC, { metric: "ordinal" }));
    expect(value.toFixed(3)).toBe("0.815");
    expect(value).toBeCloseTo(108577 / 133160, 9);
  });

  it("ratio α rounds to the published 0.797 (exactly 18222619/22852465, derived with rational arithmetic)", () => {
    const value = valueOf(
      krippendorffAlpha(sectionC, { metric: "ratio", categoryValues: sectionCValues }),
    );
    expect(value.toFixed(3)).toBe("0.797");
    expect(value).toBeCloseTo(18222619 / 22852465, 9);
  });

  it("reports D_o and D_e consistent with α = 1 − D_o / D_e", () => {
    const alpha = krippendorffAlpha(sectionC);
    if (!alpha.defined) throw new Error(alpha.reason);
    expect(1 - alpha.observedDisagreement / alpha.expectedDisagreement).toBeCloseTo(
      alpha.value,
      12,
    );
  });
});

describe("Krippendorff (2011) §A and §B: two observers, no missing values", () => {
  it("§A binary data: α = 2/21 (published 0.095)", () => {
    // Derived by hand: o_00 = 10, o_01 = o_10 = 4, o_11 = 2; n_0 = 14, n_1 = 6,
    // n = 20; α = 1 − (n − 1)(o_01 + o_10) / (2 n_0 n_1) = 1 − 19 · 8 / 168 = 2/21.
    const data = reliabilityDataFromCoders(
      [
        [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
        [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
      ],
      2,
    );
    const alpha = valueOf(krippendorffAlpha(data));
    expect(alpha).toBeCloseTo(2 / 21, 9);
    expect(alpha.toFixed(3)).toBe("0.095");
  });

  it("§B nominal data: α = 155/224 (published 0.692)", () => {
    // Derived by hand: 3 of 12 units disagree, so Σ_{c≠k} o_ck = 6; n = 24 with
    // n_a..n_e = 4 6 6 6 2, so Σ_{c≠k} n_c n_k = 576 − 128 = 448;
    // α = 1 − 23 · 6 / 448 = 155/224.
    const data = reliabilityDataFromCoders(
      [letterRow("a a b b d c c c e d d a"), letterRow("b a b b b c c c e d d d")],
      5,
    );
    const alpha = valueOf(krippendorffAlpha(data));
    expect(alpha).toBeCloseTo(155 / 224, 9);
    expect(alpha.toFixed(3)).toBe("0.692");
  });

  it("irrCAC README (Gwet), cont3x3abstractors: krippen2.table α = 0.7972585 = 17216/21594", () => {
    const rows: Array<Array<number | null>> = [];
    const table = [
      [13, 0, 0],
      [0, 20, 7],
      [0, 4, 56],
    ];
    table.forEach((row, a) =>
      row.forEach((times, b) => {
        for (let i = 0; i < times; i++) rows.push([a, b]);
      }),
    );
    expectExact(krippendorffAlpha(reliabilityDataFromUnits(rows, 3)), 17216 / 21594);
  });
});

describe("alpha input shapes", () => {
  it("gives the same α from a matrix, a count table and a row builder", () => {
    const expected = valueOf(krippendorffAlpha(sectionC));
    expectExact(krippendorffAlpha(toCountTable(sectionC)), expected);

    const builder = new ReliabilityDataBuilder({ coderCount: 4, categoryCount: 5 });
    for (let u = 0; u < sectionC.unitCount; u++) {
      for (let c = 0; c < 4; c++) {
        const v = sectionC.values[u * 4 + c] ?? MISSING;
        if (v !== MISSING) builder.add(`sentence-${u}`, c, v);
      }
    }
    expectExact(krippendorffAlpha(builder.build()), expected);

    const flat = reliabilityData(Array.from(sectionC.values), { coderCount: 4, categoryCount: 5 });
    expectExact(krippendorffAlpha(flat), expected);
  });

  it("does not depend on the order of units or of coders", () => {
    const units: Array<Array<number | null>> = [];
    for (let u = sectionC.unitCount - 1; u >= 0; u--) {
      const row: Array<number | null> = [];
      for (let c = 3; c >= 0; c--) {
        const v = sectionC.values[u * 4 + c] ?? MISSING;
        row.push(v === MISSING ? null : v);
      }
      units.push(row);
    }
    expectExact(krippendorffAlpha(reliabilityDataFromUnits(units, 5)), 113 / 152);
  });

  it("ignores units with a single value, as unpairable", () => {
    const withExtra = reliabilityDataFromUnits(
      [
        ...Array.from({ length: 12 }, (_, u) =>
          Array.from({ length: 4 }, (_, c) => {
            const v = sectionC.values[u * 4 + c] ?? MISSING;
            return v === MISSING ? null : v;
          }),
        ),
        [4, null, null, null],
        [null, null, null, null],
      ],
      5,
    );
    const alpha = krippendorffAlpha(withExtra);
    expectExact(alpha, 113 / 152);
    expect(alpha.pairableUnits).toBe(11);
  });

  it("is 1 for perfect agreement and can be negative", () => {
    expect(
      valueOf(
        krippendorffAlpha(
          countTable([
            [2, 0],
            [0, 2],
            [2, 0],
          ]),
        ),
      ),
    ).toBe(1);
    // Every unit split: o_01 = o_10 = 2, n_0 = n_1 = 2, α = 1 − 3 · 4 / 8 = −1/2.
    expectExact(
      krippendorffAlpha(
        countTable([
          [1, 1],
          [1, 1],
        ]),
      ),
      -0.5,
    );
  });
});

describe("alpha undefined cases", () => {
  it("empty input", () => {
    const alpha = krippendorffAlpha(reliabilityDataFromUnits([], 4, 3));
    expectUndefined(alpha, /no units/);
    expect(alpha.pairableUnits).toBe(0);
  });

  it("a single coder", () => {
    expectUndefined(krippendorffAlpha(reliabilityDataFromUnits([[0], [1], [2]], 4)), /only one/);
  });

  it("no pairable units", () => {
    expectUndefined(
      krippendorffAlpha(
        reliabilityDataFromUnits(
          [
            [0, null],
            [null, 1],
            [null, null],
          ],
          4,
        ),
      ),
      /No unit has values from two or more coders/,
    );
  });

  it("a single category used", () => {
    const data = reliabilityDataFromUnits(
      [
        [2, 2, 2],
        [2, 2, null],
      ],
      4,
    );
    for (const metric of ["nominal", "ordinal", "interval"] as const) {
      const alpha = krippendorffAlpha(data, { metric });
      expectUndefined(alpha, /Every pairable value is the same/);
      expect(alpha.pairableUnits).toBe(2);
    }
  });

  it("a single category in the category list", () => {
    expectUndefined(
      krippendorffAlpha(
        reliabilityDataFromUnits(
          [
            [0, 0],
            [0, 0],
          ],
          1,
        ),
      ),
      /Every pairable value is the same/,
    );
  });
});

describe("alpha programmer errors throw", () => {
  it("a category out of range", () => {
    expect(() => reliabilityDataFromUnits([[0, 4]], 4)).toThrow(RangeError);
    expect(() => reliabilityData([0, 1.5], { coderCount: 2, categoryCount: 4 })).toThrow(
      RangeError,
    );
    const forged = { kind: "matrix", unitCount: 1, coderCount: 2, categoryCount: 2 } as const;
    expect(() => krippendorffAlpha({ ...forged, values: Int32Array.of(0, 7) })).toThrow(/outside/);
    expect(() => krippendorffAlpha({ ...forged, values: Int32Array.of(0) })).toThrow(/cells/);
  });

  it("metric options that cannot apply", () => {
    expect(() => krippendorffAlpha(sectionC, { metric: "ratio" })).toThrow(/categoryValues/);
    expect(() =>
      krippendorffAlpha(sectionC, { metric: "ratio", categoryValues: [-1, 0, 1, 2, 3] }),
    ).toThrow(/non-negative/);
    expect(() =>
      krippendorffAlpha(sectionC, { metric: "interval", categoryValues: [1, 2] }),
    ).toThrow(/categoryValues/);
  });
});
