import {
  credibilityOrdinal,
  ORDINAL_SCALE_POINTS,
  reliabilityOrdinal,
  type Credibility,
  type ReliabilityGrade,
} from "../sources/grades";
import { alphaBootstrap, type AlphaInterval, type BootstrapOptions } from "./bootstrap";
import { krippendorffAlpha, type AlphaResult } from "./krippendorff";
import { reliabilityDataFromUnits } from "./matrix";
import { MISSING, type Result } from "./types";

/*
 * Agreement on Admiralty grades: ordinal Krippendorff's alpha over the five
 * scale points (A–E, or credibility 1–5). "Cannot be judged" (F, 6) is a
 * missing value, so a unit graded B, C and F is a unit with two values; it is
 * never a sixth, worst point of the scale.
 */

export interface GradeRating<Value> {
  /** The thing graded: a source (reliability) or a sentence (credibility). */
  readonly unit: string;
  readonly coder: string;
  readonly value: Value;
}

export interface GradeAgreementOptions {
  readonly bootstrap?: Pick<BootstrapOptions, "samples" | "seed" | "level">;
}

export interface GradeAgreement {
  readonly alpha: AlphaResult;
  readonly interval: AlphaInterval;
  /** Units with at least one rating, cannot-be-judged included. */
  readonly units: number;
  /** Units with two or more scale-point values: the only ones alpha uses. */
  readonly pairableUnits: number;
  /** Scale-point values in pairable units. */
  readonly pairable: number;
  readonly ratings: number;
  /** Ratings given as "cannot be judged", and so left out as missing. */
  readonly cannotBeJudged: number;
}

interface Wording {
  /** Plural of the unit: "sources", "sentences". */
  readonly units: string;
  /** The scale's cannot-be-judged value as shown to people. */
  readonly cannot: string;
}

function gradeAgreement<Value>(
  ratings: ReadonlyArray<GradeRating<Value>>,
  ordinal: (value: Value) => number,
  wording: Wording,
  options: GradeAgreementOptions,
): GradeAgreement {
  // Sorted by UTF-16 code units, as encodeAnnotations does, so the data (and
  // with it the bootstrap) does not depend on the order rows arrive in.
  const coders = [...new Set(ratings.map((r) => r.coder))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const coderIndex = new Map(coders.map((coder, i) => [coder, i]));
  const rows = new Map<string, Array<number | null>>();
  // Checked apart from the cells: a cannot-be-judged grade leaves its cell empty.
  const graded = new Set<string>();
  let cannotBeJudged = 0;
  for (const { unit, coder, value } of ratings) {
    const key = JSON.stringify([unit, coder]);
    if (graded.has(key)) throw new Error(`"${coder}" graded "${unit}" twice`);
    graded.add(key);
    let row = rows.get(unit);
    if (row === undefined) {
      row = new Array<number | null>(coders.length).fill(null);
      rows.set(unit, row);
    }
    const point = ordinal(value);
    if (point === MISSING) cannotBeJudged++;
    else row[coderIndex.get(coder) ?? 0] = point - 1;
  }
  const data = reliabilityDataFromUnits(
    [...rows.values()],
    ORDINAL_SCALE_POINTS,
    Math.max(1, coders.length),
  );
  const computed = krippendorffAlpha(data, { metric: "ordinal" });
  const alpha: AlphaResult = computed.defined
    ? computed
    : {
        ...computed,
        reason: whyUndefined(computed, ratings.length, cannotBeJudged, coders.length, wording),
      };
  const bootstrap = alphaBootstrap(data, { metric: "ordinal", ...options.bootstrap });
  // Undefined whenever alpha is; it then gives the grading reason, not the generic one.
  const interval: AlphaInterval =
    alpha.defined || bootstrap.defined
      ? bootstrap
      : { ...bootstrap, reason: `Alpha itself is undefined: ${alpha.reason}` };
  return {
    alpha,
    interval,
    units: rows.size,
    pairableUnits: alpha.pairableUnits,
    pairable: alpha.pairableValues,
    ratings: ratings.length,
    cannotBeJudged,
  };
}

function whyUndefined(
  computed: AlphaResult & { readonly defined: false },
  ratings: number,
  cannotBeJudged: number,
  coders: number,
  wording: Wording,
): string {
  if (ratings === 0) return `No ${wording.units} have been graded yet.`;
  if (cannotBeJudged === ratings) {
    return `Every grade given is ${wording.cannot}, which statistics read as no grade.`;
  }
  if (coders < 2) return `Alpha compares annotators, and only one has graded ${wording.units}.`;
  if (computed.pairableUnits === 0) {
    return `None of the ${wording.units} has grades from two or more annotators (${wording.cannot} counts as no grade), so no grades can be paired.`;
  }
  return computed.reason;
}

/** Ordinal alpha on source reliability: units are sources, A–E the scale, F missing. */
export function reliabilityGradeAgreement(
  ratings: ReadonlyArray<GradeRating<ReliabilityGrade>>,
  options: GradeAgreementOptions = {},
): GradeAgreement {
  return gradeAgreement(
    ratings,
    reliabilityOrdinal,
    { units: "sources", cannot: "F (cannot be judged)" },
    options,
  );
}

/** Ordinal alpha on information credibility: units are sentences, 1–5 the scale, 6 missing. */
export function credibilityAgreement(
  ratings: ReadonlyArray<GradeRating<Credibility>>,
  options: GradeAgreementOptions = {},
): GradeAgreement {
  return gradeAgreement(
    ratings,
    credibilityOrdinal,
    { units: "sentences", cannot: "6 (cannot be judged)" },
    options,
  );
}

/** A figure as the JSON API spells it: the number, or `{ "undefined": "<reason>" }`. */
export function alphaOrReason(result: Result): number | { readonly undefined: string } {
  return result.defined ? result.value : { undefined: result.reason };
}
