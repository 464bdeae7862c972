import type { CoincidenceMatrix } from "./coincidence";
import {
  alphaFromCoincidences,
  krippendorffAlpha,
  resolveCategoryValues,
  type AlphaMetric,
  type AlphaOptions,
} from "./krippendorff";
import { toCountTable } from "./matrix";
import { undefinedResult, type AgreementInput, type Undefined } from "./types";

/*
 * Percentile bootstrap interval for Krippendorff's alpha.
 *
 * Method: units are resampled with replacement (a cluster bootstrap over the
 * pairable units), and alpha is recomputed from each resample, including the
 * ordinal metric's marginal-dependent differences. This is NOT Krippendorff's
 * own bootstrap, which resamples pairable values and their coincidences; unit
 * resampling is the common alternative, respects that a unit's values are
 * dependent, and gives wider intervals when units differ in difficulty.
 * Resamples in which alpha is undefined (every value in one category) are
 * dropped and counted in `undefinedSamples`.
 */

export const DEFAULT_BOOTSTRAP_SAMPLES = 1000;
export const DEFAULT_BOOTSTRAP_SEED = 1;
export const DEFAULT_CONFIDENCE_LEVEL = 0.95;

export interface BootstrapOptions extends AlphaOptions {
  /** Resamples to draw; default 1,000. */
  readonly samples?: number;
  /** Any integer in 0..2³²−1; the same seed and data give the same interval. */
  readonly seed?: number;
  /** Default 0.95. */
  readonly level?: number;
}

interface IntervalInfo {
  readonly metric: AlphaMetric;
  readonly level: number;
  readonly samples: number;
  readonly seed: number;
  readonly method: "percentile bootstrap, units resampled with replacement";
}

export type AlphaInterval =
  | (IntervalInfo & {
      readonly defined: true;
      readonly lower: number;
      readonly upper: number;
      /** Resamples in which alpha was undefined and which were left out. */
      readonly undefinedSamples: number;
    })
  | (IntervalInfo & Undefined);

/**
 * mulberry32 (Tommy Ettinger, public domain): 32 bits of state, fast, and
 * good enough for resampling. A class rather than a closure because V8
 * inlines the method in the resampling loop, which is most of the run time.
 */
export class Mulberry32 {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A whole number in 0..2³²−1. */
  next(): number {
    const s = (this.state = (this.state + 0x6d2b79f5) | 0);
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  }
}

/** Linear interpolation between order statistics (R's default, type 7). */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo] ?? 0;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)] ?? below;
  return below + (h - lo) * (above - below);
}

/**
 * The distinct count vectors ("profiles") of the pairable units, with how
 * often each occurs. A resample only changes how often each profile occurs,
 * so a resample costs one draw per unit plus work per profile, not per unit.
 */
interface Profiles {
  readonly count: number;
  /** Per profile, its contribution to the coincidence matrix (K × K). */
  readonly coincidences: Float64Array;
  /** Per profile, its values in each category (K). */
  readonly marginals: Float64Array;
  readonly sizes: Int32Array;
  /** Profile of the r-th pairable unit, in a canonical order of profiles. */
  readonly byRank: Int32Array;
}

function collectProfiles(input: AgreementInput): Profiles {
  const { unitCount, categoryCount: K, counts } = toCountTable(input);
  let maxValues = 0;
  for (let u = 0; u < unitCount; u++) {
    let m = 0;
    for (let k = 0; k < K; k++) m += counts[u * K + k] ?? 0;
    if (m > maxValues) maxValues = m;
  }
  // A count vector read as a number in base maxValues + 1 is a cheap exact key
  // while it stays below 2⁵³; beyond that the key is spelled out.
  const numericKeys = K * Math.log2(maxValues + 1) < 53;
  const ids = new Map<number | string, number>();
  const vectors: number[][] = [];
  const multiplicity: number[] = [];

  for (let u = 0; u < unitCount; u++) {
    const row = u * K;
    let m = 0;
    let key = 0;
    for (let k = K - 1; k >= 0; k--) {
      const n = counts[row + k] ?? 0;
      m += n;
      key = key * (maxValues + 1) + n;
    }
    if (m < 2) continue;
    const mapKey = numericKeys ? key : counts.subarray(row, row + K).join(",");
    const id = ids.get(mapKey);
    if (id === undefined) {
      ids.set(mapKey, vectors.length);
      vectors.push(Array.from(counts.subarray(row, row + K)));
      multiplicity.push(1);
    } else {
      multiplicity[id] = (multiplicity[id] ?? 0) + 1;
    }
  }

  // Ranks follow a canonical order of profiles, not the order of the units,
  // so the interval depends on the data alone, not on how rows were sorted.
  const order = vectors.map((_, i) => i);
  order.sort((a, b) => {
    const va = vectors[a] ?? [];
    const vb = vectors[b] ?? [];
    for (let k = 0; k < K; k++) {
      const diff = (va[k] ?? 0) - (vb[k] ?? 0);
      if (diff !== 0) return diff;
    }
    return 0;
  });

  const P = vectors.length;
  const coincidences = new Float64Array(P * K * K);
  const marginals = new Float64Array(P * K);
  const sizes = new Int32Array(P);
  const total = multiplicity.reduce((s, x) => s + x, 0);
  const byRank = new Int32Array(total);
  let rank = 0;
  order.forEach((source, p) => {
    const vector = vectors[source] ?? [];
    const m = vector.reduce((s, x) => s + x, 0);
    sizes[p] = m;
    for (let c = 0; c < K; c++) {
      const nc = vector[c] ?? 0;
      marginals[p * K + c] = nc;
      if (nc === 0) continue;
      for (let k = 0; k < K; k++) {
        const nk = vector[k] ?? 0;
        coincidences[(p * K + c) * K + k] = (nc * (c === k ? nk - 1 : nk)) / (m - 1);
      }
    }
    const times = multiplicity[source] ?? 0;
    byRank.fill(p, rank, rank + times);
    rank += times;
  });
  return { count: P, coincidences, marginals, sizes, byRank };
}

export function alphaBootstrap(
  input: AgreementInput,
  options: BootstrapOptions = {},
): AlphaInterval {
  const metric = options.metric ?? "nominal";
  const samples = options.samples ?? DEFAULT_BOOTSTRAP_SAMPLES;
  const seed = options.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const level = options.level ?? DEFAULT_CONFIDENCE_LEVEL;
  if (!Number.isSafeInteger(samples) || samples < 1) {
    throw new RangeError(`samples must be a positive integer, got ${samples}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer in 0..2^32-1, got ${seed}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`level must be between 0 and 1, got ${level}`);
  }
  const info: IntervalInfo = {
    metric,
    level,
    samples,
    seed,
    method: "percentile bootstrap, units resampled with replacement",
  };

  const point = krippendorffAlpha(input, options);
  if (!point.defined) {
    return { ...info, ...undefinedResult(`Alpha itself is undefined: ${point.reason}`) };
  }

  const values = resolveCategoryValues(metric, input.categoryCount, options.categoryValues);
  const K = input.categoryCount;
  const profiles = collectProfiles(input);
  const units = profiles.byRank.length;
  const random = new Mulberry32(seed);
  const drawn = new Int32Array(profiles.count);
  const matrix = new Float64Array(K * K);
  const marginals = new Float64Array(K);
  const estimates = new Float64Array(samples);
  let defined = 0;

  for (let s = 0; s < samples; s++) {
    drawn.fill(0);
    for (let i = 0; i < units; i++) {
      // Scaling a 32-bit draw (not taking it modulo) keeps the bias below units / 2³².
      const p = profiles.byRank[Math.floor((random.next() * units) / 4294967296)] ?? 0;
      drawn[p] = (drawn[p] ?? 0) + 1;
    }
    matrix.fill(0);
    marginals.fill(0);
    let pairableValues = 0;
    for (let p = 0; p < profiles.count; p++) {
      const times = drawn[p] ?? 0;
      if (times === 0) continue;
      pairableValues += times * (profiles.sizes[p] ?? 0);
      for (let c = 0; c < K; c++) {
        marginals[c] = (marginals[c] ?? 0) + times * (profiles.marginals[p * K + c] ?? 0);
      }
      const base = p * K * K;
      for (let cell = 0; cell < K * K; cell++) {
        matrix[cell] = (matrix[cell] ?? 0) + times * (profiles.coincidences[base + cell] ?? 0);
      }
    }
    const resample: CoincidenceMatrix = {
      categoryCount: K,
      matrix,
      marginals,
      pairableUnits: units,
      pairableValues,
    };
    const alpha = alphaFromCoincidences(resample, metric, values);
    if (alpha.defined) estimates[defined++] = alpha.value;
  }

  if (defined === 0) {
    return {
      ...info,
      ...undefinedResult("Alpha was undefined in every resample: too few units differ."),
    };
  }
  const sorted = estimates.subarray(0, defined).sort();
  const tail = (1 - level) / 2;
  return {
    ...info,
    defined: true,
    lower: quantile(sorted, tail),
    upper: quantile(sorted, 1 - tail),
    undefinedSamples: samples - defined,
  };
}
