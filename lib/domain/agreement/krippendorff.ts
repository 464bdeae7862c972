import { coincidenceMatrix, type CoincidenceMatrix } from "./coincidence";
import { undefinedResult, type AgreementInput, type Result } from "./types";

/*
 * Krippendorff's alpha via the coincidence matrix, after Krippendorff (2011),
 * "Computing Krippendorff's Alpha-Reliability":
 *
 *   α = 1 − D_o / D_e = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck
 */

export type AlphaMetric = "nominal" | "ordinal" | "interval" | "ratio";

export interface AlphaOptions {
  /** Default nominal. */
  readonly metric?: AlphaMetric;
  /**
   * The number each category stands for, for the interval and ratio metrics
   * (index order for ordinal). Interval defaults to the category index, which
   * is right for equally spaced categories; ratio has a meaningful zero, so it
   * must be given and be non-negative. Nominal and ordinal ignore it.
   */
  readonly categoryValues?: ReadonlyArray<number>;
}

export type AlphaResult = Result<
  {
    /** D_o, the mean squared difference between values paired within units. */
    readonly observedDisagreement: number;
    /** D_e, the same over all pairs of pairable values, as if paired by chance. */
    readonly expectedDisagreement: number;
  },
  { readonly metric: AlphaMetric; readonly pairableUnits: number; readonly pairableValues: number }
>;

export function krippendorffAlpha(input: AgreementInput, options: AlphaOptions = {}): AlphaResult {
  const metric = options.metric ?? "nominal";
  const values = resolveCategoryValues(metric, input.categoryCount, options.categoryValues);
  const coincidences = coincidenceMatrix(input);
  if (coincidences.pairableUnits === 0) {
    const reason =
      input.unitCount === 0
        ? "There are no units to compare."
        : input.kind === "matrix" && input.coderCount < 2
          ? "Alpha compares coders, and there is only one."
          : "No unit has values from two or more coders, so no values can be paired.";
    return { metric, pairableUnits: 0, pairableValues: 0, ...undefinedResult(reason) };
  }
  return alphaFromCoincidences(coincidences, metric, values);
}

/** Alpha of a coincidence matrix; `values` as returned by resolveCategoryValues. */
export function alphaFromCoincidences(
  coincidences: CoincidenceMatrix,
  metric: AlphaMetric,
  values: Float64Array,
): AlphaResult {
  const { categoryCount: K, matrix, marginals, pairableUnits, pairableValues: n } = coincidences;
  const always = { metric, pairableUnits, pairableValues: n };
  if (pairableUnits === 0) {
    return { ...always, ...undefinedResult("No unit has two or more values to pair.") };
  }
  const delta = differenceMatrix(metric, marginals, values);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < K; c++) {
    const nc = marginals[c] ?? 0;
    for (let k = 0; k < K; k++) {
      const d = delta[c * K + k] ?? 0;
      if (d === 0) continue;
      observed += (matrix[c * K + k] ?? 0) * d;
      expected += nc * (marginals[k] ?? 0) * d;
    }
  }
  if (expected === 0) {
    return {
      ...always,
      ...undefinedResult(
        "Every pairable value is the same, so there is no disagreement to expect by chance and alpha is undefined.",
      ),
    };
  }
  return {
    ...always,
    defined: true,
    value: 1 - ((n - 1) * observed) / expected,
    observedDisagreement: observed / n,
    expectedDisagreement: expected / (n * (n - 1)),
  };
}

/**
 * δ²_ck for every pair of categories, at index c * K + k. The ordinal metric
 * depends on how many values fall in and between the two ranks, so it needs
 * the marginals; the others only need the category values.
 */
export function differenceMatrix(
  metric: AlphaMetric,
  marginals: Float64Array,
  values: Float64Array,
): Float64Array {
  const K = marginals.length;
  const delta = new Float64Array(K * K);
  // cumulative[g] = n_0 + … + n_(g−1), so a rank range sums in O(1).
  const cumulative = new Float64Array(K + 1);
  for (let g = 0; g < K; g++) cumulative[g + 1] = (cumulative[g] ?? 0) + (marginals[g] ?? 0);

  for (let c = 0; c < K; c++) {
    for (let k = c + 1; k < K; k++) {
      let d: number;
      switch (metric) {
        case "nominal":
          d = 1;
          break;
        case "ordinal": {
          const between = (cumulative[k + 1] ?? 0) - (cumulative[c] ?? 0);
          const s = between - ((marginals[c] ?? 0) + (marginals[k] ?? 0)) / 2;
          d = s * s;
          break;
        }
        case "interval": {
          const s = (values[c] ?? 0) - (values[k] ?? 0);
          d = s * s;
          break;
        }
        case "ratio": {
          const vc = values[c] ?? 0;
          const vk = values[k] ?? 0;
          const s = vc + vk === 0 ? 0 : (vc - vk) / (vc + vk);
          d = s * s;
          break;
        }
      }
      delta[c * K + k] = d;
      delta[k * K + c] = d;
    }
  }
  return delta;
}

/** The numbers the categories stand for; throws on a caller's mistake. */
export function resolveCategoryValues(
  metric: AlphaMetric,
  categoryCount: number,
  given: ReadonlyArray<number> | undefined,
): Float64Array {
  if (given === undefined) {
    if (metric === "ratio") {
      throw new Error("The ratio metric needs categoryValues: its zero is not a category index.");
    }
    return Float64Array.from({ length: categoryCount }, (_, c) => c);
  }
  if (given.length !== categoryCount) {
    throw new RangeError(
      `categoryValues has ${given.length} entries for ${categoryCount} categories`,
    );
  }
  for (const v of given) {
    if (!Number.isFinite(v)) throw new RangeError(`category value ${v} is not finite`);
    if (metric === "ratio" && v < 0) {
      throw new RangeError(`the ratio metric needs non-negative values, got ${v}`);
    }
  }
  return Float64Array.from(given);
}
