import { describe, expect, it } from "vitest";
import {
  alphaOrReason,
  credibilityAgreement,
  reliabilityGradeAgreement,
  type GradeRating,
} from "@/lib/domain/agreement";
import { type Credibility, type ReliabilityGrade } from "@/lib/domain/sources";
import { expectExact, expectUndefined } from "./helpers";

/** Coders' rows as printed in the papers ("." no value) into (unit, coder, value) ratings. */
function ratingsFrom<Value>(
  rows: ReadonlyArray<string>,
  toValue: (cell: string) => Value,
): Array<GradeRating<Value>> {
  return rows.flatMap((row, c) =>
    row
      .split(" ")
      .flatMap((cell, u) =>
        cell === "."
          ? []
          : [{ unit: `unit-${u + 1}`, coder: `coder-${c + 1}`, value: toValue(cell) }],
      ),
  );
}

const letter = (cell: string): ReliabilityGrade => {
  const grade = ({ "1": "A", "2": "B", "3": "C", "4": "D", "5": "E", F: "F" } as const)[cell];
  if (grade === undefined) throw new Error(`no grade for ${cell}`);
  return grade;
};
const number = (cell: string): Credibility => {
  const n = Number(cell);
  if (n !== 1 && n !== 2 && n !== 3 && n !== 4 && n !== 5 && n !== 6) throw new Error(cell);
  return n;
};

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §C: 4
// observers × 12 units, values 1–5. Published ordinal α = 0.815; exactly
// 108577/133160 (n = 40, n_c = 9 13 10 5 3), checked with rational arithmetic.
const sectionC = [
  "1 2 3 3 2 1 4 1 2 . . .",
  "1 2 3 3 2 2 4 1 2 5 . 3",
  ". 3 3 3 2 3 4 2 2 5 1 .",
  "1 2 3 3 2 4 4 1 2 5 1 .",
];
const SECTION_C_ORDINAL = 108577 / 133160;

// The computational example of Wikipedia's "Krippendorff's alpha" article, also
// the reliability data of fast-krippendorff's tests (3 coders × 15 units,
// values 1–4; published nominal 0.691, interval 0.811). Its ordinal α,
// 112173/139048 ≈ 0.8067, is not printed there: derived with rational arithmetic
// from the coincidence matrix (n = 22, n_c = 6 4 8 4).
const wikipedia = [
  ". . . . . 3 4 1 2 1 1 3 3 . 3",
  "1 . 2 1 3 3 4 3 . . . . . . .",
  ". . 2 1 3 4 4 . 2 1 1 3 3 . 4",
];
const WIKIPEDIA_ORDINAL = 112173 / 139048;

const fast = { bootstrap: { samples: 200 } };

describe("ordinal alpha on reliability grades (A–E as 1–5)", () => {
  it("reproduces Krippendorff (2011) §C: α = 108577/133160 (published 0.815)", () => {
    const result = reliabilityGradeAgreement(ratingsFrom(sectionC, letter), fast);
    expectExact(result.alpha, SECTION_C_ORDINAL);
    expect(result.alpha.metric).toBe("ordinal");
    expect(result).toMatchObject({
      units: 12,
      pairableUnits: 11,
      pairable: 40,
      ratings: 41,
      cannotBeJudged: 0,
    });
    if (!result.alpha.defined) throw new Error(result.alpha.reason);
    expect(result.alpha.value.toFixed(3)).toBe("0.815");
  });

  it("gives the Wikipedia example's ordinal α = 112173/139048 with grades A–D", () => {
    expectExact(
      reliabilityGradeAgreement(ratingsFrom(wikipedia, letter), fast).alpha,
      WIKIPEDIA_ORDINAL,
    );
  });

  it("has a bootstrap interval around the estimate, reproducible by seed", () => {
    const ratings = ratingsFrom(sectionC, letter);
    const first = reliabilityGradeAgreement(ratings, { bootstrap: { samples: 500, seed: 9 } });
    const again = reliabilityGradeAgreement([...ratings].reverse(), {
      bootstrap: { samples: 500, seed: 9 },
    });
    expect(again.interval).toEqual(first.interval);
    if (!first.interval.defined) throw new Error(first.interval.reason);
    expect(first.interval).toMatchObject({ metric: "ordinal", samples: 500, seed: 9, level: 0.95 });
    expect(first.interval.lower).toBeLessThan(SECTION_C_ORDINAL);
    expect(first.interval.upper).toBeGreaterThanOrEqual(SECTION_C_ORDINAL);
  });
});

describe("ordinal alpha on credibility (1–5)", () => {
  it("reproduces Krippendorff (2011) §C with credibility 1–5", () => {
    const result = credibilityAgreement(ratingsFrom(sectionC, number), fast);
    expectExact(result.alpha, SECTION_C_ORDINAL);
    expect(result.pairable).toBe(40);
  });

  it("gives the Wikipedia example's ordinal α with credibility 1–4", () => {
    expectExact(
      credibilityAgreement(ratingsFrom(wikipedia, number), fast).alpha,
      WIKIPEDIA_ORDINAL,
    );
  });
});

describe("F and 6 are missing values, not scale points", () => {
  // Unit 11 of §C has two values (1, 1); coder 1 gave none, and unit 12 has one.
  const withCell = (cell: string): string[] => [
    "1 2 3 3 2 1 4 1 2 . " + cell + " .",
    ...sectionC.slice(1),
  ];

  it("an F on a unit changes nothing; an E there does", () => {
    const withF = reliabilityGradeAgreement(ratingsFrom(withCell("F"), letter), fast);
    expectExact(withF.alpha, SECTION_C_ORDINAL);
    expect(withF).toMatchObject({ pairable: 40, ratings: 42, cannotBeJudged: 1 });
    expect(withF.interval).toEqual(
      reliabilityGradeAgreement(ratingsFrom(sectionC, letter), fast).interval,
    );

    // 271981/442841: the same data with coder 1 grading unit 11 E, by rational arithmetic.
    const withE = reliabilityGradeAgreement(ratingsFrom(withCell("5"), letter), fast);
    expectExact(withE.alpha, 271981 / 442841);
    expect(withE.pairable).toBe(41);
  });

  it("a 6 on a unit changes nothing; a 5 there does", () => {
    const with6 = credibilityAgreement(ratingsFrom(withCell("6"), number), fast);
    expectExact(with6.alpha, SECTION_C_ORDINAL);
    expect(with6.cannotBeJudged).toBe(1);
    expectExact(
      credibilityAgreement(ratingsFrom(withCell("5"), number), fast).alpha,
      271981 / 442841,
    );
  });

  it("an F makes no unit pairable: F beside one grade leaves that unit out", () => {
    const result = reliabilityGradeAgreement([
      { unit: "south-front", coder: "ann", value: "C" },
      { unit: "south-front", coder: "ben", value: "F" },
    ]);
    expectUndefined(result.alpha, /None of the sources has grades from two or more annotators/);
    expect(result).toMatchObject({ units: 1, pairableUnits: 0, pairable: 0, cannotBeJudged: 1 });
  });
});

describe("grade agreement that cannot be computed says why", () => {
  it("no grades", () => {
    const result = reliabilityGradeAgreement([]);
    expectUndefined(result.alpha, /No sources have been graded yet/);
    expectUndefined(result.interval, /Alpha itself is undefined: No sources have been graded/);
    expect(alphaOrReason(result.alpha)).toEqual({
      undefined: "No sources have been graded yet.",
    });
  });

  it("only cannot-be-judged grades", () => {
    expectUndefined(
      credibilityAgreement([
        { unit: "s1", coder: "ann", value: 6 },
        { unit: "s1", coder: "ben", value: 6 },
      ]).alpha,
      /Every grade given is 6 \(cannot be judged\)/,
    );
  });

  it("one annotator", () => {
    expectUndefined(
      reliabilityGradeAgreement([
        { unit: "pmu", coder: "ann", value: "B" },
        { unit: "iraqi-military", coder: "ann", value: "D" },
      ]).alpha,
      /only one has graded sources/,
    );
  });

  it("every paired grade the same", () => {
    const result = credibilityAgreement([
      { unit: "s1", coder: "ann", value: 2 },
      { unit: "s1", coder: "ben", value: 2 },
      { unit: "s2", coder: "ann", value: 2 },
      { unit: "s2", coder: "ben", value: 6 },
    ]);
    expectUndefined(result.alpha, /Every pairable value is the same/);
    expect(result).toMatchObject({ pairableUnits: 1, pairable: 2 });
  });

  it("a defined alpha is a plain number for the API", () => {
    const result = reliabilityGradeAgreement(ratingsFrom(sectionC, letter), fast);
    expect(alphaOrReason(result.alpha)).toBeCloseTo(SECTION_C_ORDINAL, 9);
  });

  it("a coder grading a unit twice is the caller's bug and throws", () => {
    expect(() =>
      reliabilityGradeAgreement([
        { unit: "pmu", coder: "ann", value: "F" },
        { unit: "pmu", coder: "ann", value: "B" },
      ]),
    ).toThrow(/graded "pmu" twice/);
  });
});
