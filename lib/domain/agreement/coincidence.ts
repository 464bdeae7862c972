import { toCountTable } from "./matrix";
import type { AgreementInput } from "./types";

/**
 * Krippendorff's coincidence matrix: o[c][k] counts the ordered pairs of values
 * (c, k) found within units, each unit's pairs weighted 1 / (m_u − 1) so that
 * every pairable value contributes exactly 1 to its row.
 */
export interface CoincidenceMatrix {
  readonly categoryCount: number;
  /** o[c][k] at index c * categoryCount + k. */
  readonly matrix: Float64Array;
  /** n_c, the pairable values in each category (whole numbers). */
  readonly marginals: Float64Array;
  /** Units with two or more values; the others cannot be paired and are left out. */
  readonly pairableUnits: number;
  /** n, the number of pairable values. */
  readonly pairableValues: number;
}

export function coincidenceMatrix(input: AgreementInput): CoincidenceMatrix {
  const { unitCount, categoryCount: K, counts } = toCountTable(input);
  // Summed per number of values m as whole numbers and divided by (m − 1)
  // once at the end: with at most a handful of distinct m the result is exact
  // to a few ulps, where dividing unit by unit would round 100,000 times.
  const byValues: Array<Float64Array | undefined> = [];
  const marginals = new Float64Array(K);
  const present = new Int32Array(K);
  let pairableUnits = 0;
  let pairableValues = 0;

  for (let u = 0; u < unitCount; u++) {
    const row = u * K;
    let m = 0;
    let used = 0;
    for (let k = 0; k < K; k++) {
      const n = counts[row + k] ?? 0;
      if (n > 0) {
        present[used++] = k;
        m += n;
      }
    }
    if (m < 2) continue;
    pairableUnits++;
    pairableValues += m;
    const sums = (byValues[m] ??= new Float64Array(K * K));
    for (let i = 0; i < used; i++) {
      const c = present[i] ?? 0;
      const nc = counts[row + c] ?? 0;
      marginals[c] = (marginals[c] ?? 0) + nc;
      for (let j = 0; j < used; j++) {
        const k = present[j] ?? 0;
        const nk = counts[row + k] ?? 0;
        const cell = c * K + k;
        sums[cell] = (sums[cell] ?? 0) + nc * (c === k ? nk - 1 : nk);
      }
    }
  }

  const matrix = new Float64Array(K * K);
  byValues.forEach((sums, m) => {
    if (sums === undefined) return;
    for (let cell = 0; cell < sums.length; cell++) {
      matrix[cell] = (matrix[cell] ?? 0) + (sums[cell] ?? 0) / (m - 1);
    }
  });
  return { categoryCount: K, matrix, marginals, pairableUnits, pairableValues };
}
