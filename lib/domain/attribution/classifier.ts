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

/**
 * The model's log-probabilities, computed once per model object: prediction
 * then costs one Map lookup per feature instead of a scan of every label's
 * counts, which on a 2,000-sentence document was most of the suggestion time.
 */
interface CompiledModel {
  prior: number[];
  denominator: number[];
  /** Per feature seen in training: log(count + 1) for each label, in LABELS order. */
  logCounts: Map<string, number[]>;
}

const compiledModels = new WeakMap<LabelModel, CompiledModel>();

function compile(model: LabelModel): CompiledModel {
  let compiled = compiledModels.get(model);
  if (compiled) return compiled;
  const v = model.vocabularySize + 1;
  const logCounts = new Map<string, number[]>();
  for (const label of LABELS) {
    for (const feature of Object.keys(model.featureCounts[label])) {
      if (!logCounts.has(feature)) {
        logCounts.set(
          feature,
          LABELS.map((l) => Math.log((model.featureCounts[l][feature] ?? 0) + 1)),
        );
      }
    }
  }
  compiled = {
    prior: LABELS.map((l) =>
      Math.log((model.classCounts[l] + 1) / (model.examples + LABELS.length)),
    ),
    denominator: LABELS.map((l) => Math.log(model.totals[l] + v)),
    logCounts,
  };
  compiledModels.set(model, compiled);
  return compiled;
}

/**
 * Posterior over the labels with add-one smoothing; an untrained model gives
 * the uniform prior. Features never seen in training carry no evidence; they
 * are skipped, not smoothed.
 */
export function predictLabel(
  model: LabelModel,
  sentence: string,
  attributions: readonly Attribution[],
): LabelPrediction {
  const { prior, denominator, logCounts } = compile(model);
  const logs = [...prior];
  for (const f of labelFeatures(sentence, attributions)) {
    const counts = logCounts.get(f);
    if (!counts) continue;
    for (let k = 0; k < LABELS.length; k++) logs[k]! += counts[k]! - denominator[k]!;
  }
  const max = Math.max(...logs);
  const exp = logs.map((x) => Math.exp(x - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  let best: Label = LABELS[0];
  const distribution = emptyByLabel(() => 0);
  LABELS.forEach((label, k) => {
    distribution[label] = exp[k]! / sum;
    if (distribution[label] > distribution[best]) best = label;
  });
  return { value: best, confidence: distribution[best], distribution };
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
