import { toCountTable } from "./matrix";
import { undefinedResult, type AgreementInput, type Result } from "./types";

/*
 * Agreement as observed, without a chance correction: what the per-sentence
 * badge and the per-label breakdown show next to the coefficients.
 */

export type PercentAgreementResult = Result<object, { readonly pairableUnits: number }>;

/**
 * The share of agreeing rater pairs within a unit, averaged over the units
 * with two or more ratings, each unit weighing the same. This is Fleiss' P̄
 * and Gwet's p_a; for two raters it is the plain share of units agreed on.
 */
export function percentAgreement(input: AgreementInput): PercentAgreementResult {
  const { unitCount, categoryCount: K, counts } = toCountTable(input);
  let sum = 0;
  let pairableUnits = 0;
  for (let u = 0; u < unitCount; u++) {
    let m = 0;
    let agreeing = 0;
    for (let k = 0; k < K; k++) {
      const n = counts[u * K + k] ?? 0;
      m += n;
      agreeing += n * (n - 1);
    }
    if (m < 2) continue;
    pairableUnits++;
    sum += agreeing / (m * (m - 1));
  }
  if (pairableUnits === 0) {
    return {
      pairableUnits,
      ...undefinedResult(
        unitCount === 0 ? "There are no units." : "No unit was rated by two or more raters.",
      ),
    };
  }
  return { pairableUnits, defined: true, value: sum / pairableUnits };
}

export type SpecificAgreementResult = Result<
  object,
  {
    readonly category: number;
    /** Ratings in this category on units with two or more ratings. */
    readonly ratings: number;
  }
>;

/**
 * Specific agreement for each category (Uebersax 1982; Fleiss 1971): of the
 * rater pairs in which at least one rater chose the category, the share in
 * which both did, Σ_u n_uk (n_uk − 1) / Σ_u n_uk (m_u − 1). For two raters it
 * is the familiar 2a / (2a + b + c), e.g. positive agreement for "yes".
 */
export function specificAgreement(input: AgreementInput): SpecificAgreementResult[] {
  const { unitCount, categoryCount: K, counts } = toCountTable(input);
  const agreeing = new Float64Array(K);
  const involving = new Float64Array(K);
  const ratings = new Float64Array(K);
  for (let u = 0; u < unitCount; u++) {
    const row = u * K;
    let m = 0;
    for (let k = 0; k < K; k++) m += counts[row + k] ?? 0;
    if (m < 2) continue;
    for (let k = 0; k < K; k++) {
      const n = counts[row + k] ?? 0;
      agreeing[k] = (agreeing[k] ?? 0) + n * (n - 1);
      involving[k] = (involving[k] ?? 0) + n * (m - 1);
      ratings[k] = (ratings[k] ?? 0) + n;
    }
  }
  return Array.from(involving, (pairs, k) => {
    const head = { category: k, ratings: ratings[k] ?? 0 };
    if (pairs === 0) {
      return {
        ...head,
        ...undefinedResult("No unit rated by two or more raters was put in this category."),
      };
    }
    return { ...head, defined: true, value: (agreeing[k] ?? 0) / pairs };
  });
}

export interface UnitAgreement {
  readonly ratings: number;
  /** The share of agreeing rater pairs in this unit. */
  readonly agreement: Result;
  /** The categories with the most ratings, ascending; empty if unrated. */
  readonly majority: number[];
  readonly majorityCount: number;
  /** More than one category shares the most ratings. */
  readonly tie: boolean;
}

/** One entry per unit, in unit order, for a per-sentence badge. */
export function unitAgreement(input: AgreementInput): UnitAgreement[] {
  const { unitCount, categoryCount: K, counts } = toCountTable(input);
  const result: UnitAgreement[] = new Array<UnitAgreement>(unitCount);
  for (let u = 0; u < unitCount; u++) {
    const row = u * K;
    let m = 0;
    let agreeing = 0;
    let majorityCount = 0;
    let majority: number[] = [];
    for (let k = 0; k < K; k++) {
      const n = counts[row + k] ?? 0;
      m += n;
      agreeing += n * (n - 1);
      if (n === 0) continue;
      if (n > majorityCount) {
        majorityCount = n;
        majority = [k];
      } else if (n === majorityCount) {
        majority.push(k);
      }
    }
    const agreement: Result =
      m === 0
        ? undefinedResult("Nobody has rated this unit.")
        : m === 1
          ? undefinedResult("Only one rater has rated this unit.")
          : { defined: true, value: agreeing / (m * (m - 1)) };
    result[u] = { ratings: m, agreement, majority, majorityCount, tie: majority.length > 1 };
  }
  return result;
}
