import { describe, expect, it } from "vitest";
import {
  cohenKappa,
  cohenKappaFromTable,
  confusionMatrix,
  countTable,
  fleissKappa,
  pairwiseCohenKappa,
  reliabilityDataFromUnits,
  type FleissResult,
} from "@/lib/domain/agreement";
import { expectExact, expectUndefined, valueOf } from "./helpers";

// Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
const wikipedia = countTable([
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
]);

function defined(result: FleissResult): Extract<FleissResult, { defined: true }> {
  if (!result.defined) throw new Error(result.reason);
  return result;
}

describe("Fleiss' kappa", () => {
  it("Wikipedia example: κ = 4211/20059 (0.210), P̄ = 172/455 (0.378), P̄_e = 417/1960 (0.213)", () => {
    const kappa = defined(fleissKappa(wikipedia));
    expect(kappa.value).toBeCloseTo(4211 / 20059, 9);
    expect(kappa.observedAgreement).toBeCloseTo(172 / 455, 9);
    expect(kappa.expectedAgreement).toBeCloseTo(417 / 1960, 9);
    expect(kappa).toMatchObject({ raters: 14, unitsUsed: 10, unitsExcluded: 0 });
    // p_j as printed in the example: 0.143 0.200 0.279 0.150 0.229.
    const proportions = kappa.perCategory.map((c) => c.proportion);
    [1 / 7, 1 / 5, 39 / 140, 3 / 20, 8 / 35].forEach((p, j) =>
      expect(proportions[j]).toBeCloseTo(p, 12),
    );
  });

  it("per-category kappas (Fleiss 1971) average to κ with weights p_j q_j", () => {
    const kappa = defined(fleissKappa(wikipedia));
    // Exact values derived with rational arithmetic from Fleiss' formula
    // κ_j = 1 − Σ_i n_ij (n − n_ij) / (N n (n − 1) p_j q_j).
    const expected = [157 / 780, 29 / 364, 29 / 169, 47 / 1547, 2851 / 5616];
    let weighted = 0;
    let weights = 0;
    kappa.perCategory.forEach((category, j) => {
      expectExact(category, expected[j] ?? NaN);
      const pq = category.proportion * (1 - category.proportion);
      weighted += pq * valueOf(category);
      weights += pq;
    });
    expect(weighted / weights).toBeCloseTo(kappa.value, 12);
  });

  it("with two categories, both per-category kappas equal κ", () => {
    const kappa = defined(
      fleissKappa(
        countTable([
          [3, 0],
          [2, 1],
          [1, 2],
          [0, 3],
          [3, 0],
        ]),
      ),
    );
    for (const category of kappa.perCategory)
      expect(valueOf(category)).toBeCloseTo(kappa.value, 12);
  });

  it("uses the modal number of ratings and reports the units left out", () => {
    const data = reliabilityDataFromUnits(
      [
        [0, 0, 0],
        [1, 1, 0],
        [2, 2, 2],
        [0, 1, null],
        [1, null, null],
        [null, null, null],
      ],
      3,
    );
    const modal = fleissKappa(data);
    expect(modal).toMatchObject({ raters: 3, unitsUsed: 3, unitsExcluded: 2 });
    expectExact(
      modal,
      valueOf(
        fleissKappa(
          countTable([
            [3, 0, 0],
            [1, 2, 0],
            [0, 0, 3],
          ]),
        ),
      ),
    );

    const chosen = fleissKappa(data, { raters: 2 });
    expect(chosen).toMatchObject({ raters: 2, unitsUsed: 1, unitsExcluded: 4 });
    // One unit, split 1–1 between two categories: P̄ = 0, P̄_e = 1/2, κ = −1.
    expectExact(chosen, -1);
  });

  it("breaks a tie between rater counts towards the larger count", () => {
    const data = reliabilityDataFromUnits(
      [
        [0, 0, null],
        [0, 1, null],
        [0, 0, 1],
        [1, 1, 1],
      ],
      2,
    );
    expect(fleissKappa(data)).toMatchObject({ raters: 3, unitsUsed: 2, unitsExcluded: 2 });
  });

  it("is undefined when every rating is in one category", () => {
    const kappa = fleissKappa(
      countTable([
        [0, 3, 0],
        [0, 3, 0],
      ]),
    );
    expectUndefined(kappa, /same category/);
    expect(kappa).toMatchObject({ raters: 3, unitsUsed: 2 });
  });

  it("is undefined without units, without pairable units, or without units of the chosen size", () => {
    expectUndefined(fleissKappa(countTable([], 3)), /no units/);
    expectUndefined(
      fleissKappa(
        countTable([
          [1, 0],
          [0, 1],
        ]),
      ),
      /two or more/,
    );
    expectUndefined(
      fleissKappa(
        countTable([
          [1, 1],
          [0, 2],
        ]),
        { raters: 5 },
      ),
      /exactly 5/,
    );
  });

  it("leaves a category undefined that nobody or everybody used", () => {
    const kappa = defined(
      fleissKappa(
        countTable([
          [2, 0, 0],
          [1, 1, 0],
        ]),
      ),
    );
    expectUndefined(kappa.perCategory[2] ?? { defined: false, reason: "" }, /No rating/);
  });

  it("throws for a rater count that cannot be meant", () => {
    expect(() => fleissKappa(wikipedia, { raters: 1 })).toThrow(RangeError);
    expect(() => countTable([[1, -1]])).toThrow(RangeError);
    expect(() => countTable([[1, 1], [1]])).toThrow(RangeError);
  });
});

describe("Cohen's kappa", () => {
  it("2 × 2 textbook example (yes/yes 20, yes/no 5, no/yes 10, no/no 15): κ = 0.4", () => {
    const kappa = cohenKappaFromTable([
      [20, 5],
      [10, 15],
    ]);
    expectExact(kappa, 0.4);
    expect(kappa).toMatchObject({ observedAgreement: 0.7, expectedAgreement: 0.5, units: 50 });
  });

  it("scikit-learn test_cohen_kappa, Artstein & Poesio (2008) tables 1 and 4: 8/23 (0.348), 121/151 (0.8013)", () => {
    expectExact(
      cohenKappaFromTable([
        [20, 20],
        [10, 50],
      ]),
      8 / 23,
    );
    expectExact(
      cohenKappaFromTable([
        [46, 0, 0],
        [6, 32, 6],
        [0, 0, 10],
      ]),
      121 / 151,
    );
  });

  describe("scikit-learn test_cohen_kappa weighting example (y1 = 46×0 44×1 10×2, y2 = 50×0 40×1 10×2)", () => {
    const table = [
      [46, 0, 0],
      [4, 40, 0],
      [0, 0, 10],
    ];
    it("unweighted: 68/73 (sklearn 0.9315)", () => {
      expectExact(cohenKappaFromTable(table), 68 / 73);
    });
    it("linear: 16/17 (sklearn 0.9412)", () => {
      expectExact(cohenKappaFromTable(table, { weights: "linear" }), 16 / 17);
    });
    it("quadratic: 104/109 (sklearn 0.9541)", () => {
      expectExact(cohenKappaFromTable(table, { weights: "quadratic" }), 104 / 109);
    });
  });

  it("irrCAC README (Gwet), cont3x3abstractors: kappa2.table 0.7964094 = 4303/5403", () => {
    expectExact(
      cohenKappaFromTable([
        [13, 0, 0],
        [0, 20, 7],
        [0, 4, 56],
      ]),
      4303 / 5403,
    );
  });

  it("weighted and unweighted kappa agree on two categories", () => {
    const table = [
      [20, 5],
      [10, 15],
    ];
    expectExact(cohenKappaFromTable(table, { weights: "linear" }), 0.4);
    expectExact(cohenKappaFromTable(table, { weights: "quadratic" }), 0.4);
  });

  it("is undefined when both coders used one and the same category", () => {
    for (const weights of ["unweighted", "linear", "quadratic"] as const) {
      expectUndefined(
        cohenKappaFromTable(
          [
            [0, 0],
            [0, 9],
          ],
          { weights },
        ),
        /one and the same category/,
      );
    }
    expectUndefined(cohenKappaFromTable([[4]]), /one and the same category/);
  });

  it("is 0, not undefined, when each coder used a different single category", () => {
    expect(
      valueOf(
        cohenKappaFromTable([
          [0, 9],
          [0, 0],
        ]),
      ),
    ).toBe(0);
  });

  it("is undefined for an empty table", () => {
    expectUndefined(
      cohenKappaFromTable([
        [0, 0],
        [0, 0],
      ]),
      /no unit in common/,
    );
  });
});

describe("pairwise Cohen's kappa and confusion matrices", () => {
  // Four coders; coder 3 shares no unit with coder 0.
  const data = reliabilityDataFromUnits(
    [
      [0, 0, 0, null],
      [1, 1, 0, null],
      [0, 1, 1, null],
      [2, 2, 2, null],
      [1, 1, null, null],
      [null, 0, 0, 0],
      [null, 2, 1, 2],
    ],
    3,
  );

  it("counts the units both coders rated, rows for the first coder", () => {
    expect(confusionMatrix(data, 0, 1)).toEqual({
      coderA: 0,
      coderB: 1,
      units: 5,
      counts: [
        [1, 1, 0],
        [0, 2, 0],
        [0, 0, 1],
      ],
    });
    expect(confusionMatrix(data, 1, 0).counts).toEqual([
      [1, 0, 0],
      [1, 2, 0],
      [0, 0, 1],
    ]);
  });

  it("covers every pair once, matching the single-pair computation", () => {
    const pairs = pairwiseCohenKappa(data);
    expect(pairs.map((p) => [p.coderA, p.coderB])).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    for (const { coderA, coderB, kappa } of pairs) {
      expect(kappa).toEqual(cohenKappa(data, coderA, coderB));
      expect(kappa.units).toBe(confusionMatrix(data, coderA, coderB).units);
    }
    const zeroThree = pairs[2]?.kappa ?? { defined: false, reason: "" };
    expectUndefined(zeroThree, /no unit in common/);
  });

  it("coders 0 and 1: n = 5, p_o = 4/5, p_e = 9/25, κ = 11/16", () => {
    // rows (coder 0) 2 2 1, columns (coder 1) 1 3 1: p_e = (2 + 6 + 1) / 25.
    expectExact(cohenKappa(data, 0, 1), 11 / 16);
  });

  it("passes weights through", () => {
    for (const { coderA, coderB, kappa } of pairwiseCohenKappa(data, { weights: "quadratic" })) {
      expect(kappa).toEqual(cohenKappa(data, coderA, coderB, { weights: "quadratic" }));
      expect(kappa.weights).toBe("quadratic");
    }
  });

  it("returns no pairs for a single coder", () => {
    expect(pairwiseCohenKappa(reliabilityDataFromUnits([[0], [1]], 2))).toEqual([]);
  });

  it("throws for a coder that does not exist or a coder paired with itself", () => {
    expect(() => confusionMatrix(data, 0, 4)).toThrow(RangeError);
    expect(() => cohenKappa(data, 2, 2)).toThrow(RangeError);
    expect(() => cohenKappaFromTable([[1, 2]])).toThrow(RangeError);
    expect(() =>
      cohenKappaFromTable([
        [1, -2],
        [0, 1],
      ]),
    ).toThrow(RangeError);
  });
});
