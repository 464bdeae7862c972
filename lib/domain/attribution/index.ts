export type {
  Attribution,
  AttributionKind,
  DocumentDetector,
  GoldDocument,
  GoldSentence,
  TextSpan,
} from "./types";
export { detectDocumentAttributions } from "./detect";
export {
  guessSourceType,
  matchRegistrySource,
  normaliseName,
  type RegistryEntry,
  type RegistryMatch,
  type SourceTypeContext,
} from "./registry";
export {
  distributionOf,
  ruleLabel,
  suggestLabel,
  type LabelDistribution,
  type LabelSuggestion,
  type SuggestOptions,
} from "./label";
export {
  LABEL_MODEL_VERSION,
  MIN_TRAINING_EXAMPLES,
  labelFeatures,
  parseLabelModel,
  predictLabel,
  trainLabelModel,
  type LabelModel,
  type LabelPrediction,
  type TrainingExample,
} from "./classifier";
