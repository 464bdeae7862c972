import { checkShape, toCountTable, unitTotals } from "./matrix";
import {
  MISSING,
  undefinedResult,
  type AgreementInput,
  type ReliabilityData,
  type Result,
} from "./types";

/* ------------------------------------------------------------------------ */
/* Fleiss' kappa (Fleiss 1971)                                              */
/* ------------------------------------------------------------------------ */

export interface FleissOptions {
  /**
   * Use the units with exactly this many ratings. By default the most common
   * count among units with two or more ratings (on a tie, the larger count,
   * which keeps more ratings).
   */
  readonly raters?: number;
}

export type CategoryKappa = Result<
  object,
  {
    readonly category: number;
    /** p_j, the share of the used ratings that are in this category. */
    readonly proportion: number;
  }
>;

export type FleissResult = Result<
  {
    /** P̄, the mean share of agreeing rater pairs per unit. */
    readonly observedAgreement: number;
    /** P̄_e = Σ p_j². */
    readonly expectedAgreement: number;
    /** Fleiss (1971) kappa of each category against all others. */
    readonly perCategory: ReadonlyArray<CategoryKappa>;
  },
  {
    /** The number of ratings a unit must have to count (0 if there is none). */
    readonly raters: number;
    readonly unitsUsed: number;
    /** Units with at least one rating but a different number than `raters`. */
    readonly unitsExcluded: number;
  }
>;

export function fleissKappa(input: AgreementInput, options: FleissOptions = {}): FleissResult {
  const table = toCountTable(input);
  const { unitCount, categoryCount: K, counts } = table;
  const totals = unitTotals(table);
  if (
    options.raters !== undefined &&
    (!Number.isSafeInteger(options.raters) || options.raters < 2)
  ) {
    throw new RangeError(`raters must be an integer ≥ 2, got ${options.raters}`);
  }
  const raters = options.raters ?? modalRaterCount(totals);

  let unitsUsed = 0;
  let unitsExcluded = 0;
  for (const m of totals) {
    if (m === raters) unitsUsed++;
    else if (m > 0) unitsExcluded++;
  }
  const always = { raters, unitsUsed, unitsExcluded };
  if (raters === 0) {
    return {
      ...always,
      ...undefinedResult(
        unitCount === 0 ? "There are no units." : "No unit was rated by two or more raters.",
      ),
    };
  }
  if (unitsUsed === 0) {
    return { ...always, ...undefinedResult(`No unit has exactly ${raters} ratings.`) };
  }

  // Whole-number sums, so that kappa below is one division of exact integers.
  const n = raters;
  const T = unitsUsed * n;
  const columns = new Float64Array(K);
  const disagreeing = new Float64Array(K);
  let squares = 0;
  for (let u = 0; u < unitCount; u++) {
    if (totals[u] !== n) continue;
    for (let k = 0; k < K; k++) {
      const x = counts[u * K + k] ?? 0;
      squares += x * x;
      columns[k] = (columns[k] ?? 0) + x;
      disagreeing[k] = (disagreeing[k] ?? 0) + x * (n - x);
    }
  }
  let columnSquares = 0;
  for (const c of columns) columnSquares += c * c;
  if (columnSquares === T * T) {
    return {
      ...always,
      ...undefinedResult(
        "Every rating is in the same category, so chance agreement is 1 and kappa is undefined.",
      ),
    };
  }

  const perCategory: CategoryKappa[] = Array.from(columns, (c, k) => {
    const head = { category: k, proportion: c / T };
    if (c === 0) return { ...head, ...undefinedResult("No rating is in this category.") };
    if (c === T) return { ...head, ...undefinedResult("Every rating is in this category.") };
    const value = 1 - ((disagreeing[k] ?? 0) * T) / ((n - 1) * c * (T - c));
    return { ...head, defined: true, value };
  });

  // κ = (P̄ − P̄_e) / (1 − P̄_e) with P̄ = (S − T) / (T(n − 1)) and P̄_e = Σc² / T²,
  // both sides multiplied by T²(n − 1).
  const value = ((squares - T) * T - (n - 1) * columnSquares) / ((n - 1) * (T * T - columnSquares));
  return {
    ...always,
    defined: true,
    value,
    observedAgreement: (squares - T) / (T * (n - 1)),
    expectedAgreement: columnSquares / (T * T),
    perCategory,
  };
}

function modalRaterCount(totals: Int32Array): number {
  const frequency = new Map<number, number>();
  for (const m of totals) if (m >= 2) frequency.set(m, (frequency.get(m) ?? 0) + 1);
  let best = 0;
  let bestFrequency = 0;
  for (const [m, f] of frequency) {
    if (f > bestFrequency || (f === bestFrequency && m > best)) {
      best = m;
      bestFrequency = f;
    }
  }
  return best;
}

/* ------------------------------------------------------------------------ */
/* Cohen's kappa (Cohen 1960; weighted, Cohen 1968)                         */
/* ------------------------------------------------------------------------ */

/**
 * Disagreement weights by distance between category indices: linear |i − j|,
 * quadratic (i − j)². Distances are between indices of the full category
 * list, used or not (scikit-learn spaces only the labels present, which
 * differs when a middle category is unused).
 */
export type KappaWeights = "unweighted" | "linear" | "quadratic";

export interface KappaOptions {
  readonly weights?: KappaWeights;
}

export type KappaResult = Result<
  {
    /** p_o, weighted by agreement weights 1 − v_ij / v_max when weighted. */
    readonly observedAgreement: number;
    /** p_e, weighted likewise. */
    readonly expectedAgreement: number;
  },
  { readonly weights: KappaWeights; readonly units: number }
>;

export interface ConfusionMatrix {
  readonly coderA: number;
  readonly coderB: number;
  /** Units both coders rated. */
  readonly units: number;
  /** counts[i][j]: units coder A put in category i and coder B in category j. */
  readonly counts: number[][];
}

export interface PairwiseKappa {
  readonly coderA: number;
  readonly coderB: number;
  readonly kappa: KappaResult;
}

/** Kappa of a two-rater contingency table (rows: first rater). */
export function cohenKappaFromTable(
  table: ReadonlyArray<ReadonlyArray<number>>,
  options: KappaOptions = {},
): KappaResult {
  const K = table.length;
  if (K < 1) throw new RangeError("the table needs at least one category");
  const flat = new Float64Array(K * K);
  table.forEach((row, i) => {
    if (row.length !== K) throw new RangeError(`row ${i} has ${row.length} cells, expected ${K}`);
    row.forEach((x, j) => {
      if (!Number.isSafeInteger(x) || x < 0) {
        throw new RangeError(`cell (${i}, ${j}) must be a count, got ${x}`);
      }
      flat[i * K + j] = x;
    });
  });
  return kappaOfCounts(flat, K, options.weights ?? "unweighted");
}

export function confusionMatrix(
  data: ReliabilityData,
  coderA: number,
  coderB: number,
): ConfusionMatrix {
  checkShape(data);
  const { unitCount, coderCount: M, categoryCount: K, values } = data;
  checkCoder(coderA, M);
  checkCoder(coderB, M);
  if (coderA === coderB) throw new RangeError("a confusion matrix needs two different coders");
  const flat = new Float64Array(K * K);
  let units = 0;
  for (let u = 0; u < unitCount; u++) {
    const a = values[u * M + coderA] ?? MISSING;
    const b = values[u * M + coderB] ?? MISSING;
    if (a === MISSING || b === MISSING) continue;
    checkValue(a, K, u, coderA);
    checkValue(b, K, u, coderB);
    flat[a * K + b] = (flat[a * K + b] ?? 0) + 1;
    units++;
  }
  return { coderA, coderB, units, counts: toRows(flat, K) };
}

export function cohenKappa(
  data: ReliabilityData,
  coderA: number,
  coderB: number,
  options: KappaOptions = {},
): KappaResult {
  const { counts } = confusionMatrix(data, coderA, coderB);
  return cohenKappaFromTable(counts, options);
}

/**
 * Kappa for every pair of coders (a < b) on the units both rated, in one
 * pass over the units: the work is Σ m_u² rather than coders² × units, which
 * matters when many annotators each rate a few units.
 */
export function pairwiseCohenKappa(
  data: ReliabilityData,
  options: KappaOptions = {},
): PairwiseKappa[] {
  checkShape(data);
  const { unitCount, coderCount: M, categoryCount: K, values } = data;
  const weights = options.weights ?? "unweighted";
  const tables: Array<Float64Array | undefined> = new Array<Float64Array | undefined>(M * M);
  const present = new Int32Array(M);
  for (let u = 0; u < unitCount; u++) {
    const row = u * M;
    let used = 0;
    for (let c = 0; c < M; c++) {
      const v = values[row + c] ?? MISSING;
      if (v === MISSING) continue;
      checkValue(v, K, u, c);
      present[used++] = c;
    }
    for (let i = 0; i < used; i++) {
      const a = present[i] ?? 0;
      const va = values[row + a] ?? 0;
      for (let j = i + 1; j < used; j++) {
        const b = present[j] ?? 0;
        const vb = values[row + b] ?? 0;
        const table = (tables[a * M + b] ??= new Float64Array(K * K));
        table[va * K + vb] = (table[va * K + vb] ?? 0) + 1;
      }
    }
  }
  const pairs: PairwiseKappa[] = [];
  for (let a = 0; a < M; a++) {
    for (let b = a + 1; b < M; b++) {
      const table = tables[a * M + b];
      pairs.push({
        coderA: a,
        coderB: b,
        kappa:
          table === undefined
            ? { weights, units: 0, ...undefinedResult("The two coders rated no unit in common.") }
            : kappaOfCounts(table, K, weights),
      });
    }
  }
  return pairs;
}

/**
 * κ_w = 1 − n Σ v_ij o_ij / Σ v_ij r_i c_j with whole-number disagreement
 * weights v, so kappa is one division of exact integers; unweighted kappa is
 * the case v_ij = [i ≠ j].
 */
function kappaOfCounts(flat: Float64Array, K: number, weights: KappaWeights): KappaResult {
  const rows = new Float64Array(K);
  const columns = new Float64Array(K);
  let n = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const x = flat[i * K + j] ?? 0;
      rows[i] = (rows[i] ?? 0) + x;
      columns[j] = (columns[j] ?? 0) + x;
      n += x;
    }
  }
  if (n === 0) {
    return { weights, units: 0, ...undefinedResult("The two coders rated no unit in common.") };
  }
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const v = disagreementWeight(weights, i, j);
      if (v === 0) continue;
      observed += v * (flat[i * K + j] ?? 0);
      expected += v * (rows[i] ?? 0) * (columns[j] ?? 0);
    }
  }
  if (expected === 0) {
    return {
      weights,
      units: n,
      ...undefinedResult(
        "Both coders used one and the same category throughout, so chance agreement is 1 and kappa is undefined.",
      ),
    };
  }
  const maxWeight = disagreementWeight(weights, 0, K - 1);
  return {
    weights,
    units: n,
    defined: true,
    value: 1 - (n * observed) / expected,
    observedAgreement: 1 - observed / (n * maxWeight),
    expectedAgreement: 1 - expected / (n * n * maxWeight),
  };
}

function disagreementWeight(weights: KappaWeights, i: number, j: number): number {
  switch (weights) {
    case "unweighted":
      return i === j ? 0 : 1;
    case "linear":
      return Math.abs(i - j);
    case "quadratic":
      return (i - j) * (i - j);
  }
}

function toRows(flat: Float64Array, K: number): number[][] {
  return Array.from({ length: K }, (_, i) => Array.from(flat.subarray(i * K, i * K + K)));
}

function checkCoder(coder: number, coderCount: number): void {
  if (!Number.isInteger(coder) || coder < 0 || coder >= coderCount) {
    throw new RangeError(`coder ${coder} is outside 0..${coderCount - 1}`);
  }
}

function checkValue(v: number, K: number, unit: number, coder: number): void {
  if (v < 0 || v >= K) {
    throw new RangeError(`unit ${unit}, coder ${coder}: category ${v} is outside 0..${K - 1}`);
  }
}
