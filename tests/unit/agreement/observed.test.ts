import { describe, expect, it } from "vitest";
import {
  countTable,
  percentAgreement,
  reliabilityDataFromCoders,
  reliabilityDataFromUnits,
  specificAgreement,
  unitAgreement,
} from "@/lib/domain/agreement";
import { expectExact, expectUndefined, paperRow } from "./helpers";

describe("percent agreement", () => {
  it("irrCAC README (Gwet), pa.coeff.raw(cac.raw4raters): 0.8181818 = 9/11", () => {
    const data = reliabilityDataFromCoders(
      [
        paperRow("1 2 3 3 2 1 4 1 2 . . ."),
        paperRow("1 2 3 3 2 2 4 1 2 5 . 3"),
        paperRow(". 3 3 3 2 3 4 2 2 5 1 ."),
        paperRow("1 2 3 3 2 4 4 1 2 5 1 ."),
      ],
      5,
    );
    const agreement = percentAgreement(data);
    expectExact(agreement, 9 / 11);
    expect(agreement.pairableUnits).toBe(11);
  });

  it("two raters: the share of units agreed on (irrCAC pa2.table(cont3x3abstractors) 0.89)", () => {
    // 89 agreeing units of 100, from the table [[13,0,0],[0,20,7],[0,4,56]].
    const units = [
      ...Array.from({ length: 89 }, () => [1, 1]),
      ...Array.from({ length: 11 }, () => [1, 2]),
    ];
    expectExact(percentAgreement(reliabilityDataFromUnits(units, 3)), 0.89);
  });

  it("weighs every unit the same, whatever its number of raters", () => {
    // Unit 1: 1 of 6 pairs agree; unit 2: 1 of 1. Mean (1/6 + 1) / 2 = 7/12.
    expectExact(
      percentAgreement(
        countTable([
          [2, 1, 1],
          [0, 2, 0],
        ]),
      ),
      7 / 12,
    );
  });

  it("is undefined without pairable units", () => {
    expectUndefined(percentAgreement(countTable([], 2)), /no units/);
    expectUndefined(percentAgreement(countTable([[1, 0]])), /two or more/);
  });
});

describe("specific (per-label) agreement", () => {
  it("two raters: 2a / (2a + b + c) per category (cont3x3abstractors: 1, 40/51, 112/123)", () => {
    const units: number[][] = [];
    [
      [13, 0, 0],
      [0, 20, 7],
      [0, 4, 56],
    ].forEach((row, a) =>
      row.forEach((times, b) => {
        for (let i = 0; i < times; i++) units.push([a, b]);
      }),
    );
    const perLabel = specificAgreement(reliabilityDataFromUnits(units, 3));
    [1, 40 / 51, 112 / 123].forEach((expected, k) => {
      const label = perLabel[k];
      if (label === undefined) throw new Error(`no entry for category ${k}`);
      expectExact(label, expected);
    });
    expect(perLabel.map((p) => p.ratings)).toEqual([26, 51, 123]);
  });

  it("many raters: agreeing pairs over pairs involving the category; unused labels undefined", () => {
    // Derived by hand. Category 0: Σ n(n−1) = 2 + 6 = 8 over Σ n(m−1) = 4 + 6 = 10.
    // Category 1: 0 + 2 = 2 over 2 + 2 = 4. The single rating of unit 4 is unpairable.
    const perLabel = specificAgreement(
      reliabilityDataFromUnits(
        [
          [0, 0, 1],
          [0, 0, 0],
          [1, 1, null],
          [null, 2, null],
        ],
        3,
      ),
    );
    expect(perLabel.map((p) => p.category)).toEqual([0, 1, 2]);
    const [zero, one, two] = perLabel;
    if (zero === undefined || one === undefined || two === undefined) throw new Error("missing");
    expectExact(zero, 0.8);
    expectExact(one, 0.5);
    expectUndefined(two, /two or more raters/);
    expect(two.ratings).toBe(0);
  });
});

describe("per-unit agreement", () => {
  it("gives each unit's share of agreeing pairs, majority label and tie", () => {
    const units = unitAgreement(
      reliabilityDataFromUnits(
        [
          [0, 0, 1],
          [0, 1, null],
          [2, null, null],
          [null, null, null],
          [1, 1, 1],
          [3, 2, 3, 2],
        ],
        4,
      ),
    );
    expect(units).toHaveLength(6);
    const [split, tied, single, unrated, unanimous, twoTwo] = units;
    if (!split || !tied || !single || !unrated || !unanimous || !twoTwo) throw new Error("missing");

    expectExact(split.agreement, 1 / 3);
    expect(split).toMatchObject({ ratings: 3, majority: [0], majorityCount: 2, tie: false });

    expectExact(tied.agreement, 0);
    expect(tied).toMatchObject({ ratings: 2, majority: [0, 1], majorityCount: 1, tie: true });

    expectUndefined(single.agreement, /Only one rater/);
    expect(single).toMatchObject({ ratings: 1, majority: [2], tie: false });

    expectUndefined(unrated.agreement, /Nobody/);
    expect(unrated).toMatchObject({ ratings: 0, majority: [], majorityCount: 0, tie: false });

    expectExact(unanimous.agreement, 1);

    // 2 of 6 pairs agree.
    expectExact(twoTwo.agreement, 1 / 3);
    expect(twoTwo).toMatchObject({ majority: [2, 3], tie: true });
  });
});
