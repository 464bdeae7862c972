/**
 * Inter-annotator agreement: Krippendorff's alpha (with a bootstrap interval),
 * Fleiss' and Cohen's kappa, Gwet's AC1, and observed agreement overall, per
 * label and per unit; ordinal alpha on Admiralty grades. Pure functions over
 * in-memory data, no I/O.
 */
export { MISSING, undefinedResult } from "./types";
export type { AgreementInput, CountTable, ReliabilityData, Result, Undefined } from "./types";
export {
  ReliabilityDataBuilder,
  countTable,
  reliabilityData,
  reliabilityDataFromCoders,
  reliabilityDataFromUnits,
  toCountTable,
} from "./matrix";
export { coincidenceMatrix, type CoincidenceMatrix } from "./coincidence";
export {
  differenceMatrix,
  krippendorffAlpha,
  type AlphaMetric,
  type AlphaOptions,
  type AlphaResult,
} from "./krippendorff";
export {
  DEFAULT_BOOTSTRAP_SAMPLES,
  DEFAULT_BOOTSTRAP_SEED,
  DEFAULT_CONFIDENCE_LEVEL,
  alphaBootstrap,
  Mulberry32,
  type AlphaInterval,
  type BootstrapOptions,
} from "./bootstrap";
export {
  cohenKappa,
  cohenKappaFromTable,
  confusionMatrix,
  fleissKappa,
  pairwiseCohenKappa,
  type CategoryKappa,
  type ConfusionMatrix,
  type FleissOptions,
  type FleissResult,
  type KappaOptions,
  type KappaResult,
  type KappaWeights,
  type PairwiseKappa,
} from "./kappa";
export {
  alphaOrReason,
  credibilityAgreement,
  reliabilityGradeAgreement,
  type GradeAgreement,
  type GradeAgreementOptions,
  type GradeRating,
} from "./grades";
export { gwetAC1, type AC1Result } from "./gwet";
export {
  percentAgreement,
  specificAgreement,
  unitAgreement,
  type PercentAgreementResult,
  type SpecificAgreementResult,
  type UnitAgreement,
} from "./observed";
export {
  agreementReport,
  encodeAnnotations,
  type AgreementReport,
  type CoderPairKappa,
  type EncodedAnnotations,
  type LabelAgreement,
  type LabelledAnnotation,
  type LabelledUnitAgreement,
  type ReportOptions,
} from "./report";
