import { toCountTable } from "./matrix";
import { undefinedResult, type AgreementInput, type Result } from "./types";

/*
 * Gwet's AC1 for any number of raters with missing ratings, Gwet (2008),
 * "Computing inter-rater reliability and its variance in the presence of high
 * agreement", BJMSP 61, as implemented in Gwet's irrCAC (gwet.ac1.raw):
 *
 *   p_a = mean over units with m_u ≥ 2 of Σ_k n_uk (n_uk − 1) / (m_u (m_u − 1))
 *   π_k = mean over units with m_u ≥ 1 of n_uk / m_u
 *   p_e = Σ_k π_k (1 − π_k) / (K − 1)
 *   AC1 = (p_a − p_e) / (1 − p_e)
 *
 * K is the full category list, used or not, as with irrCAC's categ.labels:
 * chance agreement depends on how many categories the raters could choose.
 */

export type AC1Result = Result<
  { readonly observedAgreement: number; readonly expectedAgreement: number },
  {
    /** Units with two or more ratings, over which p_a is taken. */
    readonly pairableUnits: number;
    /** Units with at least one rating, over which π_k is taken. */
    readonly ratedUnits: number;
  }
>;

export function gwetAC1(input: AgreementInput): AC1Result {
  const { unitCount, categoryCount: K, counts } = toCountTable(input);
  const shares = new Float64Array(K);
  let agreement = 0;
  let pairableUnits = 0;
  let ratedUnits = 0;
  for (let u = 0; u < unitCount; u++) {
    const row = u * K;
    let m = 0;
    let agreeingPairs = 0;
    for (let k = 0; k < K; k++) {
      const n = counts[row + k] ?? 0;
      m += n;
      agreeingPairs += n * (n - 1);
    }
    if (m === 0) continue;
    ratedUnits++;
    for (let k = 0; k < K; k++) shares[k] = (shares[k] ?? 0) + (counts[row + k] ?? 0) / m;
    if (m < 2) continue;
    pairableUnits++;
    agreement += agreeingPairs / (m * (m - 1));
  }
  const always = { pairableUnits, ratedUnits };
  if (K < 2) {
    return {
      ...always,
      ...undefinedResult("AC1 needs at least two categories to choose from."),
    };
  }
  if (pairableUnits === 0) {
    return {
      ...always,
      ...undefinedResult(
        unitCount === 0 ? "There are no units." : "No unit was rated by two or more raters.",
      ),
    };
  }
  let spread = 0;
  for (const share of shares) {
    const pi = share / ratedUnits;
    spread += pi * (1 - pi);
  }
  const observed = agreement / pairableUnits;
  // p_e ≤ 1/K < 1, so the division is always defined.
  const expected = spread / (K - 1);
  return {
    ...always,
    defined: true,
    value: (observed - expected) / (1 - expected),
    observedAgreement: observed,
    expectedAgreement: expected,
  };
}
