import { describe, expect, it } from "vitest";
import { MISSING } from "@/lib/domain/agreement";
import {
  CREDIBILITY_MEANINGS,
  RELIABILITY_GRADES,
  RELIABILITY_MEANINGS,
  credibilityDistribution,
  credibilityOrdinal,
  credibilitySchema,
  reliabilityDistribution,
  reliabilityGradeSchema,
  reliabilityOrdinal,
} from "@/lib/domain/sources";

function messageOf(result: { success: boolean; error?: { issues: Array<{ message: string }> } }) {
  expect(result.success).toBe(false);
  return result.error?.issues.map((i) => i.message).join(" ") ?? "";
}

describe("Admiralty scales", () => {
  it("carry the official meanings", () => {
    expect(RELIABILITY_MEANINGS).toEqual({
      A: "Completely reliable",
      B: "Usually reliable",
      C: "Fairly reliable",
      D: "Not usually reliable",
      E: "Unreliable",
      F: "Reliability cannot be judged",
    });
    expect(CREDIBILITY_MEANINGS).toEqual({
      1: "Confirmed by other sources",
      2: "Probably true",
      3: "Possibly true",
      4: "Doubtful",
      5: "Improbable",
      6: "Truth cannot be judged",
    });
  });

  it("encode A–E and 1–5 as ordinal 1–5, and F and 6 as missing", () => {
    expect(RELIABILITY_GRADES.map(reliabilityOrdinal)).toEqual([1, 2, 3, 4, 5, MISSING]);
    expect(([1, 2, 3, 4, 5, 6] as const).map(credibilityOrdinal)).toEqual([1, 2, 3, 4, 5, MISSING]);
  });
});

describe("reliabilityGradeSchema", () => {
  it("accepts A–F", () => {
    for (const grade of RELIABILITY_GRADES) expect(reliabilityGradeSchema.parse(grade)).toBe(grade);
  });

  it("names an unknown grade and the choices", () => {
    expect(messageOf(reliabilityGradeSchema.safeParse("G"))).toBe(
      'Unknown reliability grade "G": choose A (completely reliable) to F (reliability cannot be judged).',
    );
    expect(messageOf(reliabilityGradeSchema.safeParse(3))).toMatch(/must be a letter from A/);
  });
});

describe("credibilitySchema", () => {
  it("accepts 1–6 and null", () => {
    for (const n of [1, 2, 3, 4, 5, 6, null]) expect(credibilitySchema.parse(n)).toBe(n);
  });

  it("refuses 0, 7, 2.5 and text with a clear message", () => {
    expect(messageOf(credibilitySchema.safeParse(0))).toBe(
      "Credibility 0 is not a grade: use 1 (confirmed by other sources) to 6 (truth cannot be judged).",
    );
    expect(messageOf(credibilitySchema.safeParse(7))).toMatch(/^Credibility 7 is not a grade/);
    expect(messageOf(credibilitySchema.safeParse(2.5))).toBe(
      "Credibility must be a whole number, not 2.5.",
    );
    expect(messageOf(credibilitySchema.safeParse("3"))).toMatch(/whole number from 1/);
  });
});

describe("distributions", () => {
  it("count each reliability grade, F apart as cannot be judged", () => {
    expect(reliabilityDistribution(["B", "B", "F", "E", "B"])).toEqual({
      counts: [
        { value: "A", count: 0 },
        { value: "B", count: 3 },
        { value: "C", count: 0 },
        { value: "D", count: 0 },
        { value: "E", count: 1 },
      ],
      cannotBeJudged: 1,
      graded: 4,
      total: 5,
    });
  });

  it("count each credibility value, 6 apart, and none given apart again", () => {
    expect(credibilityDistribution([3, null, 6, 3, 1, null])).toEqual({
      counts: [
        { value: 1, count: 1 },
        { value: 2, count: 0 },
        { value: 3, count: 2 },
        { value: 4, count: 0 },
        { value: 5, count: 0 },
      ],
      cannotBeJudged: 1,
      graded: 3,
      total: 4,
      notGiven: 2,
    });
    expect(credibilityDistribution([])).toMatchObject({ graded: 0, total: 0, notGiven: 0 });
  });
});
