import { alphaBootstrap, type AlphaInterval } from "./bootstrap";
import { gwetAC1, type AC1Result } from "./gwet";
import {
  fleissKappa,
  pairwiseCohenKappa,
  type FleissResult,
  type KappaResult,
  type KappaWeights,
} from "./kappa";
import { krippendorffAlpha, type AlphaOptions, type AlphaResult } from "./krippendorff";
import { toCountTable } from "./matrix";
import {
  percentAgreement,
  specificAgreement,
  unitAgreement,
  type PercentAgreementResult,
} from "./observed";
import { MISSING, undefinedResult, type ReliabilityData, type Result } from "./types";

/*
 * The one-call entry for the API and the dashboard: labelled annotations in,
 * every figure out, as plain JSON.
 */

export interface LabelledAnnotation {
  readonly unit: string;
  readonly coder: string;
  readonly value: string;
}

export interface EncodedAnnotations {
  readonly data: ReliabilityData;
  /** Unit keys in row order (first appearance). */
  readonly units: string[];
  /** Coder keys in column order (sorted by UTF-16 code units, so stable across locales). */
  readonly coders: string[];
}

/** Turns labelled annotations into a reliability matrix over `categories`. */
export function encodeAnnotations(
  annotations: ReadonlyArray<LabelledAnnotation>,
  categories: ReadonlyArray<string>,
): EncodedAnnotations {
  if (categories.length === 0) throw new RangeError("the category list is empty");
  const categoryIndex = new Map<string, number>();
  categories.forEach((category, i) => {
    if (categoryIndex.has(category)) throw new RangeError(`category "${category}" is listed twice`);
    categoryIndex.set(category, i);
  });

  const unitIndex = new Map<string, number>();
  const coderSet = new Set<string>();
  for (const { unit, coder } of annotations) {
    if (!unitIndex.has(unit)) unitIndex.set(unit, unitIndex.size);
    coderSet.add(coder);
  }
  const coders = [...coderSet].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const coderIndex = new Map(coders.map((coder, i) => [coder, i]));
  const M = Math.max(1, coders.length);
  const values = new Int32Array(unitIndex.size * M).fill(MISSING);

  for (const { unit, coder, value } of annotations) {
    const category = categoryIndex.get(value);
    if (category === undefined) {
      throw new RangeError(
        `annotation of unit "${unit}" by "${coder}": "${value}" is not a category`,
      );
    }
    const cell = (unitIndex.get(unit) ?? 0) * M + (coderIndex.get(coder) ?? 0);
    if (values[cell] !== MISSING) {
      throw new Error(`"${coder}" annotated unit "${unit}" twice`);
    }
    values[cell] = category;
  }
  return {
    data: {
      kind: "matrix",
      unitCount: unitIndex.size,
      coderCount: M,
      categoryCount: categories.length,
      values,
    },
    units: [...unitIndex.keys()],
    coders,
  };
}

export interface ReportOptions {
  /** Metric and category values for alpha; default nominal. */
  readonly alpha?: AlphaOptions;
  readonly bootstrap?: {
    readonly samples?: number;
    readonly seed?: number;
    readonly level?: number;
  };
  /** See FleissOptions.raters; default the most common number of ratings. */
  readonly fleissRaters?: number;
  /** Weights for the pairwise Cohen's kappa; default unweighted. */
  readonly kappaWeights?: KappaWeights;
  /** Add one agreement entry per unit (large for large projects); default false. */
  readonly includeUnits?: boolean;
}

export interface LabelAgreement {
  readonly label: string;
  /** Annotations with this label, on any unit. */
  readonly annotations: number;
  readonly specificAgreement: Result;
  readonly fleissKappa: Result;
}

export interface CoderPairKappa {
  readonly coderA: string;
  readonly coderB: string;
  readonly kappa: KappaResult;
}

export interface LabelledUnitAgreement {
  readonly unit: string;
  readonly ratings: number;
  readonly agreement: Result;
  readonly majority: string[];
  readonly tie: boolean;
}

export interface AgreementReport {
  readonly categories: string[];
  readonly coders: string[];
  readonly annotations: number;
  readonly units: number;
  /** Units with two or more annotations: the only ones any figure can use. */
  readonly pairableUnits: number;
  readonly alpha: AlphaResult & { readonly interval: AlphaInterval };
  readonly fleiss: FleissResult;
  readonly percentAgreement: PercentAgreementResult;
  readonly ac1: AC1Result;
  readonly perLabel: LabelAgreement[];
  readonly cohen: CoderPairKappa[];
  readonly unitAgreement?: LabelledUnitAgreement[];
}

function plain(result: Result): Result {
  return result.defined
    ? { defined: true, value: result.value }
    : { defined: false, reason: result.reason };
}

export function agreementReport(
  annotations: ReadonlyArray<LabelledAnnotation>,
  categories: ReadonlyArray<string>,
  options: ReportOptions = {},
): AgreementReport {
  const { data, units, coders } = encodeAnnotations(annotations, categories);
  // Counted once and shared: every multi-coder figure needs only the counts.
  const table = toCountTable(data);
  const alphaOptions = options.alpha ?? {};
  const alpha = krippendorffAlpha(data, alphaOptions);
  const interval = alphaBootstrap(table, { ...alphaOptions, ...options.bootstrap });
  const fleiss = fleissKappa(
    table,
    options.fleissRaters === undefined ? {} : { raters: options.fleissRaters },
  );
  const specific = specificAgreement(table);

  const labelTotals = new Array<number>(categories.length).fill(0);
  for (let i = 0; i < table.counts.length; i++) {
    const k = i % categories.length;
    labelTotals[k] = (labelTotals[k] ?? 0) + (table.counts[i] ?? 0);
  }
  const perLabel = categories.map((label, k): LabelAgreement => {
    const agreement = specific[k];
    const kappa = fleiss.defined ? fleiss.perCategory[k] : undefined;
    return {
      label,
      annotations: labelTotals[k] ?? 0,
      specificAgreement:
        agreement === undefined ? undefinedResult("No such category.") : plain(agreement),
      fleissKappa:
        kappa !== undefined
          ? plain(kappa)
          : undefinedResult(fleiss.defined ? "No such category." : fleiss.reason),
    };
  });

  const cohen = pairwiseCohenKappa(
    data,
    options.kappaWeights === undefined ? {} : { weights: options.kappaWeights },
  ).map(({ coderA, coderB, kappa }): CoderPairKappa => ({
    coderA: coders[coderA] ?? "",
    coderB: coders[coderB] ?? "",
    kappa,
  }));

  const report: AgreementReport = {
    categories: [...categories],
    coders,
    annotations: annotations.length,
    units: units.length,
    pairableUnits: alpha.pairableUnits,
    alpha: { ...alpha, interval },
    fleiss,
    percentAgreement: percentAgreement(table),
    ac1: gwetAC1(table),
    perLabel,
    cohen,
  };
  if (!options.includeUnits) return report;
  return {
    ...report,
    unitAgreement: unitAgreement(table).map((entry, u): LabelledUnitAgreement => ({
      unit: units[u] ?? "",
      ratings: entry.ratings,
      agreement: entry.agreement,
      majority: entry.majority.map((k) => categories[k] ?? ""),
      tie: entry.tie,
    })),
  };
}
