import { z } from "zod";
import { MISSING } from "../agreement/types";

/*
 * The Admiralty grading system (NATO AJP-2.1, STANAG 2511): a letter for how
 * reliable a source is and, independently, a number for how credible one
 * piece of information is. The last point of each scale, F and 6, says that
 * no judgement is possible; it is stored as given, but it is not a point on
 * the scale, so statistics read it as a missing value.
 */

export const RELIABILITY_GRADES = ["A", "B", "C", "D", "E", "F"] as const;
export type ReliabilityGrade = (typeof RELIABILITY_GRADES)[number];

export const RELIABILITY_MEANINGS: Readonly<Record<ReliabilityGrade, string>> = {
  A: "Completely reliable",
  B: "Usually reliable",
  C: "Fairly reliable",
  D: "Not usually reliable",
  E: "Unreliable",
  F: "Reliability cannot be judged",
};

export const CREDIBILITY_VALUES = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof CREDIBILITY_VALUES)[number];

export const CREDIBILITY_MEANINGS: Readonly<Record<Credibility, string>> = {
  1: "Confirmed by other sources",
  2: "Probably true",
  3: "Possibly true",
  4: "Doubtful",
  5: "Improbable",
  6: "Truth cannot be judged",
};

/** The grade that means "no judgement possible" on each scale. */
export const RELIABILITY_CANNOT_BE_JUDGED = "F" satisfies ReliabilityGrade;
export const CREDIBILITY_CANNOT_BE_JUDGED = 6 satisfies Credibility;

/** Points of each scale that statistics use: A–E and 1–5. */
export const ORDINAL_SCALE_POINTS = 5;

export function isReliabilityGrade(value: unknown): value is ReliabilityGrade {
  return RELIABILITY_GRADES.some((grade) => grade === value);
}

export function isCredibility(value: unknown): value is Credibility {
  return CREDIBILITY_VALUES.some((n) => n === value);
}

const gradeList = "A (completely reliable) to F (reliability cannot be judged)";

export const reliabilityGradeSchema = z.enum(RELIABILITY_GRADES, {
  error: (issue) =>
    typeof issue.input === "string"
      ? `Unknown reliability grade "${issue.input}": choose ${gradeList}.`
      : `The reliability grade must be a letter from ${gradeList}.`,
});

const credibilityRange = "1 (confirmed by other sources) to 6 (truth cannot be judged)";

/** An annotation's information credibility: a whole number 1–6, or null for none given. */
export const credibilitySchema = z
  .number({ error: `Credibility must be a whole number from ${credibilityRange}, or empty.` })
  .int({ error: (issue) => `Credibility must be a whole number, not ${String(issue.input)}.` })
  .min(1, {
    error: (issue) => `Credibility ${String(issue.input)} is not a grade: use ${credibilityRange}.`,
  })
  .max(6, {
    error: (issue) => `Credibility ${String(issue.input)} is not a grade: use ${credibilityRange}.`,
  })
  // The checks above give the messages; the literal narrows the type to the scale points.
  .pipe(z.literal(CREDIBILITY_VALUES))
  .nullable();

/**
 * The value statistics use for a reliability grade: A–E as the ordinal scale
 * points 1–5, F as MISSING.
 */
export function reliabilityOrdinal(grade: ReliabilityGrade): number {
  return grade === RELIABILITY_CANNOT_BE_JUDGED ? MISSING : RELIABILITY_GRADES.indexOf(grade) + 1;
}

/** The value statistics use for a credibility grade: 1–5 as they are, 6 as MISSING. */
export function credibilityOrdinal(credibility: Credibility): number {
  return credibility === CREDIBILITY_CANNOT_BE_JUDGED ? MISSING : credibility;
}

export interface GradeDistribution<Point extends string | number> {
  /** How many values fall on each scale point, in scale order (A–E, or 1–5). */
  readonly counts: ReadonlyArray<{ readonly value: Point; readonly count: number }>;
  /** Values given as F or 6: judged, but not a point on the scale. */
  readonly cannotBeJudged: number;
  /** Values on a scale point: what statistics count. */
  readonly graded: number;
  /** Every value given, cannot-be-judged included. */
  readonly total: number;
}

function distribution<Point extends string | number>(
  points: ReadonlyArray<Point>,
  cannot: Point,
  values: ReadonlyArray<Point>,
): GradeDistribution<Point> {
  const tally = new Map<Point, number>(points.map((p) => [p, 0]));
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  const cannotBeJudged = tally.get(cannot) ?? 0;
  return {
    counts: points
      .filter((p) => p !== cannot)
      .map((value) => ({ value, count: tally.get(value) ?? 0 })),
    cannotBeJudged,
    graded: values.length - cannotBeJudged,
    total: values.length,
  };
}

export function reliabilityDistribution(
  grades: ReadonlyArray<ReliabilityGrade>,
): GradeDistribution<ReliabilityGrade> {
  return distribution(RELIABILITY_GRADES, RELIABILITY_CANNOT_BE_JUDGED, grades);
}

/** Null (no credibility given) is neither a grade nor "cannot be judged": it is counted in `notGiven`. */
export function credibilityDistribution(
  values: ReadonlyArray<Credibility | null>,
): GradeDistribution<Credibility> & { readonly notGiven: number } {
  const given = values.filter((v): v is Credibility => v !== null);
  return {
    ...distribution(CREDIBILITY_VALUES, CREDIBILITY_CANNOT_BE_JUDGED, given),
    notGiven: values.length - given.length,
  };
}
