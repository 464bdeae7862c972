/**
 * A small multinomial naive Bayes label classifier over words, word pairs and
 * attribution features, trained in the app from a project's adjudicated gold
 * labels. The model is plain JSON so the server can store it and retrain it
 * when the gold set grows; nothing is downloaded.
 */
import { z } from "zod";
import { LABELS, type Label } from "../annotation/labels";
import type { Attribution } from "./types";
import { guessSourceType } from "./registry";

/** Below this many gold labels suggestLabel ignores the model. */
export const MIN_TRAINING_EXAMPLES = 30;
export const LABEL_MODEL_VERSION = 1;

export interface TrainingExample {
  sentence: string;
  attributions: readonly Attribution[];
  label: Label;
}

export interface LabelModel {
  version: typeof LABEL_MODEL_VERSION;
  examples: number;
  /** Training sentences per label. */
  classCounts: Record<Label, number>;
  /** Feature counts per label. */
  featureCounts: Record<Label, Record<string, number>>;
  /** Sum of feature counts per label. */
  totals: Record<Label, number>;
  vocabularySize: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const HEDGE = /\b(?:may|might|could|likely|reportedly|allegedly|possibly|perhaps|believed)\b/iu;
const MODAL = /\b(?:should|must|ought)\b/iu;

/** The features of one sentence: words, adjacent word pairs and attribution markers. */
export function labelFeatures(sentence: string, attributions: readonly Attribution[]): string[] {
  const words = (sentence.toLowerCase().match(WORD) ?? []).map((w) => w.replace(/['’]s$/u, ""));
  const features: string[] = [];
  for (let i = 0; i < words.length; i++) {
    features.push(`w:${words[i]}`);
    if (i > 0) features.push(`b:${words[i - 1]}_${words[i]}`);
  }
  features.push(attributions.length > 0 ? "attr:yes" : "attr:none");
  for (const a of attributions) {
    features.push(`kind:${a.kind}`);
    const type = a.source
      ? guessSourceType(a.source.text, { sentence, resolvedSource: a.resolvedSource })
      : a.kind === "quote-carried"
        ? guessSourceType(a.resolvedSource)
        : "NONE";
    features.push(`type:${type}`);
    if (a.cue) features.push(`cue:${a.cue.text.toLowerCase()}`);
  }
  if (HEDGE.test(sentence)) features.push("hedge");
  if (MODAL.test(sentence)) features.push("modal");
  if (sentence.trim().endsWith("?")) features.push("question");
  features.push(words.length <= 4 ? "len:short" : words.length <= 15 ? "len:mid" : "len:long");
  return features;
}

const emptyByLabel = <T>(make: () => T): Record<Label, T> => ({
  SOURCED_FACT: make(),
  UNVERIFIED_CLAIM: make(),
  OPINION: make(),
  NOT_A_CLAIM: make(),
});

export function trainLabelModel(examples: readonly TrainingExample[]): LabelModel {
  const classCounts = emptyByLabel(() => 0);
  const featureCounts = emptyByLabel<Record<string, number>>(() => ({}));
  const totals = emptyByLabel(() => 0);
  const vocabulary = new Set<string>();
  for (const example of examples) {
    classCounts[example.label] += 1;
    const counts = featureCounts[example.label];
    for (const f of labelFeatures(example.sentence, example.attributions)) {
      counts[f] = (counts[f] ?? 0) + 1;
      totals[example.label] += 1;
      vocabulary.add(f);
    }
  }
  return {
    version: LABEL_MODEL_VERSION,
    examples: examples.length,
    classCounts,
    featureCounts,
    totals,
    vocabularySize: vocabulary.size,
  };
}

export interface LabelPrediction {
  value: Label;
  confidence: number;
  distribution: Record<Label, number>;
}

/** Posterior over the labels with add-one smoothing; an untrained model gives the uniform prior. */
export function predictLabel(
  model: LabelModel,
  sentence: string,
  attributions: readonly Attribution[],
): LabelPrediction {
  const features = labelFeatures(sentence, attributions);
  const v = model.vocabularySize + 1;
  const logs = emptyByLabel(() => 0);
  for (const label of LABELS) {
    const counts = model.featureCounts[label];
    const denominator = Math.log(model.totals[label] + v);
    let score = Math.log((model.classCounts[label] + 1) / (model.examples + LABELS.length));
    for (const f of features) {
      if (!Object.hasOwn(counts, f) && !inVocabulary(model, f)) continue;
      score += Math.log((counts[f] ?? 0) + 1) - denominator;
    }
    logs[label] = score;
  }
  const max = Math.max(...LABELS.map((l) => logs[l]));
  const exp = emptyByLabel(() => 0);
  let sum = 0;
  for (const label of LABELS) {
    exp[label] = Math.exp(logs[label] - max);
    sum += exp[label];
  }
  let best: Label = LABELS[0];
  const distribution = emptyByLabel(() => 0);
  for (const label of LABELS) {
    distribution[label] = exp[label] / sum;
    if (distribution[label] > distribution[best]) best = label;
  }
  return { value: best, confidence: distribution[best], distribution };
}

/** Features never seen in training carry no evidence; they are skipped, not smoothed. */
function inVocabulary(model: LabelModel, feature: string): boolean {
  return LABELS.some((l) => Object.hasOwn(model.featureCounts[l], feature));
}

const byLabel = <T extends z.ZodType>(schema: T) =>
  z.object({
    SOURCED_FACT: schema,
    UNVERIFIED_CLAIM: schema,
    OPINION: schema,
    NOT_A_CLAIM: schema,
  });

const labelModelSchema = z.object({
  version: z.literal(LABEL_MODEL_VERSION),
  examples: z.number().int().nonnegative(),
  classCounts: byLabel(z.number().int().nonnegative()),
  featureCounts: byLabel(z.record(z.string(), z.number().int().positive())),
  totals: byLabel(z.number().int().nonnegative()),
  vocabularySize: z.number().int().nonnegative(),
});

/** A model read back from storage (JSON.parse output), checked; null when it is not one. */
export function parseLabelModel(value: unknown): LabelModel | null {
  const parsed = labelModelSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
