import { describe, expect, it } from "vitest";
import {
  countTable,
  gwetAC1,
  krippendorffAlpha,
  reliabilityDataFromCoders,
  reliabilityDataFromUnits,
} from "@/lib/domain/agreement";
import { expectExact, expectUndefined, paperRow } from "./helpers";

// irrCAC's cac.raw4raters (Gwet 2014, Handbook of Inter-Rater Reliability,
// p. 120) is Krippendorff's (2011) §C data: 4 raters, 12 units, values 1..5.
const raw4raters = reliabilityDataFromCoders(
  [
    paperRow("1 2 3 3 2 1 4 1 2 . . ."),
    paperRow("1 2 3 3 2 2 4 1 2 5 . 3"),
    paperRow(". 3 3 3 2 3 4 2 2 5 1 ."),
    paperRow("1 2 3 3 2 4 4 1 2 5 1 ."),
  ],
  5,
);

describe("Gwet's AC1", () => {
  it("irrCAC README (Gwet), gwet.ac1.raw(cac.raw4raters): AC1 0.77544, pa 0.8181818, pe 0.1903212", () => {
    // Exactly: p_a = 9/11; π = (3, 3.25, 3.5, 1.25, 1)/12 over the 12 rated
    // units, so p_e = (1 − Σπ²)/4 = 877/4608; AC1 = 31825/41041.
    const ac1 = gwetAC1(raw4raters);
    expectExact(ac1, 31825 / 41041);
    if (!ac1.defined) return;
    expect(ac1.observedAgreement).toBeCloseTo(9 / 11, 12);
    expect(ac1.expectedAgreement).toBeCloseTo(877 / 4608, 12);
    expect(ac1).toMatchObject({ pairableUnits: 11, ratedUnits: 12 });
  });

  it("irrCAC README (Gwet), gwet.ac1.table(cont3x3abstractors), two raters: AC1 0.8493305 = 24803/29203", () => {
    const units: Array<Array<number | null>> = [];
    [
      [13, 0, 0],
      [0, 20, 7],
      [0, 4, 56],
    ].forEach((row, a) =>
      row.forEach((times, b) => {
        for (let i = 0; i < times; i++) units.push([a, b]);
      }),
    );
    expectExact(gwetAC1(reliabilityDataFromUnits(units, 3)), 24803 / 29203);
  });

  it("stays defined, at 1, when every rating is in one category (where alpha and kappa are not)", () => {
    const data = countTable([
      [0, 3, 0, 0],
      [0, 2, 0, 0],
    ]);
    expectExact(gwetAC1(data), 1);
    expect(krippendorffAlpha(data).defined).toBe(false);
  });

  it("depends on the full category list, used or not", () => {
    const three = countTable([
      [2, 0, 0],
      [1, 1, 0],
      [0, 2, 0],
    ]);
    const two = countTable([
      [2, 0],
      [1, 1],
      [0, 2],
    ]);
    // p_a = 2/3 both ways; π = (1/2, 1/2, 0): p_e = 1/4 with K = 3, 1/2 with K = 2.
    expectExact(gwetAC1(three), (2 / 3 - 1 / 4) / (3 / 4));
    expectExact(gwetAC1(two), (2 / 3 - 1 / 2) / (1 / 2));
  });

  it("is undefined with one category, without units, or without pairable units", () => {
    expectUndefined(gwetAC1(countTable([[2], [3]])), /two categories/);
    expectUndefined(gwetAC1(countTable([], 4)), /no units/);
    expectUndefined(
      gwetAC1(
        countTable([
          [1, 0],
          [0, 1],
        ]),
      ),
      /two or more raters/,
    );
  });
});
