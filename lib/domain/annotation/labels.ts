/**
 * The four labels and the source types, with the words and cues the workspace
 * shows. Each label has a colour AND a symbol so no one depends on colour.
 */
export const LABELS = ["SOURCED_FACT", "UNVERIFIED_CLAIM", "OPINION", "NOT_A_CLAIM"] as const;
export type Label = (typeof LABELS)[number];

export interface LabelInfo {
  label: Label;
  key: string;
  name: string;
  symbol: string;
  definition: string;
}

export const LABEL_INFO: Readonly<Record<Label, LabelInfo>> = {
  SOURCED_FACT: {
    label: "SOURCED_FACT",
    key: "1",
    name: "Sourced fact",
    symbol: "✓",
    definition:
      "A factual statement attributed to an identifiable source, or verifiable from a cited document.",
  },
  UNVERIFIED_CLAIM: {
    label: "UNVERIFIED_CLAIM",
    key: "2",
    name: "Unverified claim",
    symbol: "?",
    definition:
      "A factual statement with no source, a vague source, or one the text does not support.",
  },
  OPINION: {
    label: "OPINION",
    key: "3",
    name: "Opinion",
    symbol: "◆",
    definition:
      "A judgement, evaluation, prediction or loaded characterisation rather than a checkable fact.",
  },
  NOT_A_CLAIM: {
    label: "NOT_A_CLAIM",
    key: "4",
    name: "Not a claim",
    symbol: "–",
    definition: "Headlines, bylines, questions and other text that asserts nothing.",
  },
};

export const SOURCE_TYPES = [
  "NAMED_PERSON",
  "NAMED_ORGANISATION",
  "OFFICIAL_BODY",
  "ANONYMOUS",
  "MEDIA_OUTLET",
  "DOCUMENT",
  "SOCIAL_MEDIA",
  "OUTLET_ITSELF",
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const SOURCE_TYPE_NAMES: Readonly<Record<SourceType, string>> = {
  NAMED_PERSON: "Named person",
  NAMED_ORGANISATION: "Named organisation",
  OFFICIAL_BODY: "Official body",
  ANONYMOUS: "Unnamed / anonymous source",
  MEDIA_OUTLET: "Media outlet",
  DOCUMENT: "Document or report",
  SOCIAL_MEDIA: "Social media",
  OUTLET_ITSELF: "The outlet itself",
};

export function isLabel(value: string): value is Label {
  return (LABELS as readonly string[]).includes(value);
}
