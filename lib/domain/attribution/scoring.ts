/**
 * How well a detector's attributions match the gold set.
 *
 * - Cue spans and source spans, exact: a predicted span counts when a gold
 *   span of the same kind in the same sentence has the same start and end;
 *   each gold span is matched at most once.
 * - Source spans, token overlap (partial credit as in the quote-extraction
 *   literature, e.g. Pareti's PARC 3.0 and BBC R&D's Citron): within a
 *   sentence predicted and gold spans are paired one-to-one, largest shared
 *   token count first; precision = Σ shared tokens over the pairs / Σ tokens
 *   of all predicted spans, recall = Σ shared tokens / Σ tokens of all gold
 *   spans. Tokens are runs of letters and digits (inner apostrophes and
 *   hyphens kept), so punctuation earns nothing; a token belongs to a span
 *   when it overlaps it.
 * - Resolution accuracy: over gold attributions with a resolvedSource, the
 *   share whose predicted counterpart (same cue span; for a carried quote, a
 *   predicted attribution without cue) names the same entity: its
 *   resolvedSource, or else its source text, equals the gold name after
 *   normalisation, or the words of one contain the other's ("Al-Hamdani" and
 *   "Abu Karrar al-Hamdani").
 * - Label accuracy with a confusion matrix; a detector that offers no label
 *   for a sentence lands in the "none" column.
 *
 * A ratio with nothing to divide by is 0, so an empty run never looks perfect.
 */
import type { Label } from "../annotation/labels";

import type { Attribution, GoldDocument, GoldSentence, TextSpan } from "./types";

export type PredictedAttribution = Pick<Attribution, "cue" | "source" | "resolvedSource">;

export interface PredictedSentence {
  attributions: readonly PredictedAttribution[];
  label: Label | null;
}

export interface Prf {
  /** Matched spans (exact) or shared tokens (overlap). */
  matched: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Accuracy {
  correct: number;
  total: number;
  accuracy: number;
}

export type ConfusionMatrix = Record<Label, Record<Label | "none", number>>;

export interface QualityReport {
  cue: Prf;
  sourceExact: Prf;
  sourceOverlap: Prf;
  resolution: Accuracy;
  label: Accuracy & { confusion: ConfusionMatrix };
}

const ratio = (numerator: number, denominator: number) =>
  denominator === 0 ? 0 : numerator / denominator;

export function prf(matched: number, predicted: number, gold: number): Prf {
  const precision = ratio(matched, predicted);
  const recall = ratio(matched, gold);
  return {
    matched,
    predicted,
    gold,
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
  };
}

const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Word tokens of a sentence as [start, end) offsets. */
export function tokenize(text: string): Array<{ start: number; end: number }> {
  return [...text.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function tokensIn(
  tokens: ReadonlyArray<{ start: number; end: number }>,
  span: TextSpan,
): Set<number> {
  const inside = new Set<number>();
  tokens.forEach((token, index) => {
    if (token.start < span.end && span.start < token.end) inside.add(index);
  });
  return inside;
}

/** Exact matches between two multisets of spans. */
export function exactMatches(predicted: readonly TextSpan[], gold: readonly TextSpan[]): number {
  const unmatched = [...gold];
  let matched = 0;
  for (const span of predicted) {
    const at = unmatched.findIndex((g) => g.start === span.start && g.end === span.end);
    if (at === -1) continue;
    unmatched.splice(at, 1);
    matched++;
  }
  return matched;
}

/** Shared tokens over a one-to-one pairing, largest overlaps first, and the token totals. */
export function tokenOverlap(
  sentence: string,
  predicted: readonly TextSpan[],
  gold: readonly TextSpan[],
): { matched: number; predicted: number; gold: number } {
  const tokens = tokenize(sentence);
  const p = predicted.map((span) => tokensIn(tokens, span));
  const g = gold.map((span) => tokensIn(tokens, span));
  const pairs: Array<{ i: number; j: number; shared: number }> = [];
  p.forEach((pt, i) =>
    g.forEach((gt, j) => {
      const shared = [...pt].filter((t) => gt.has(t)).length;
      if (shared > 0) pairs.push({ i, j, shared });
    }),
  );
  pairs.sort((x, y) => y.shared - x.shared || x.i - y.i || x.j - y.j);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  let matched = 0;
  for (const pair of pairs) {
    if (usedP.has(pair.i) || usedG.has(pair.j)) continue;
    usedP.add(pair.i);
    usedG.add(pair.j);
    matched += pair.shared;
  }
  const size = (sets: Set<number>[]) => sets.reduce((sum, set) => sum + set.size, 0);
  return { matched, predicted: size(p), gold: size(g) };
}

function words(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/['’]s\b/g, "")
    .split(/[^\p{L}\p{N}-]+/u)
    .filter((w) => w !== "" && w !== "the");
}

/** Whether two names denote the same entity, leniently: equal words, or one's words within the other's. */
export function sameEntity(a: string, b: string): boolean {
  const x = words(a);
  const y = words(b);
  if (x.length === 0 || y.length === 0) return false;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  return shorter.every((w) => longer.includes(w));
}

const sameSpan = (a: TextSpan | null, b: TextSpan | null) =>
  a !== null && b !== null && a.start === b.start && a.end === b.end;

function resolutionIn(gold: GoldSentence, predicted: PredictedSentence): Accuracy {
  let correct = 0;
  let total = 0;
  for (const g of gold.attributions) {
    if (g.resolvedSource === null) continue;
    total++;
    const counterpart = predicted.attributions.find((p) =>
      g.cue === null ? p.cue === null : sameSpan(p.cue, g.cue),
    );
    const name = counterpart?.resolvedSource ?? counterpart?.source?.text;
    if (name && sameEntity(name, g.resolvedSource)) correct++;
  }
  return { correct, total, accuracy: ratio(correct, total) };
}

export function emptyConfusion(): ConfusionMatrix {
  const row = () => ({ SOURCED_FACT: 0, UNVERIFIED_CLAIM: 0, OPINION: 0, NOT_A_CLAIM: 0, none: 0 });
  return { SOURCED_FACT: row(), UNVERIFIED_CLAIM: row(), OPINION: row(), NOT_A_CLAIM: row() };
}

/** Scores predictions given per document and sentence, in the gold set's order. */
export function scoreGoldSet(
  gold: readonly GoldDocument[],
  predicted: readonly (readonly PredictedSentence[])[],
): QualityReport {
  if (predicted.length !== gold.length) {
    throw new Error(`${predicted.length} predicted documents for ${gold.length} gold documents`);
  }
  const cue = { matched: 0, predicted: 0, gold: 0 };
  const exact = { matched: 0, predicted: 0, gold: 0 };
  const overlap = { matched: 0, predicted: 0, gold: 0 };
  const resolution = { correct: 0, total: 0 };
  const confusion = emptyConfusion();
  let labelsCorrect = 0;
  let sentences = 0;

  gold.forEach((document, d) => {
    const predictedSentences = predicted[d] ?? [];
    if (predictedSentences.length !== document.sentences.length) {
      throw new Error(
        `${document.id}: ${predictedSentences.length} predicted sentences for ${document.sentences.length}`,
      );
    }
    document.sentences.forEach((sentence, s) => {
      const prediction = predictedSentences[s] ?? { attributions: [], label: null };
      const spans = (list: readonly PredictedAttribution[], key: "cue" | "source") =>
        list.flatMap((a) => (a[key] ? [a[key]] : []));

      const goldCues = spans(sentence.attributions, "cue");
      const predictedCues = spans(prediction.attributions, "cue");
      cue.matched += exactMatches(predictedCues, goldCues);
      cue.predicted += predictedCues.length;
      cue.gold += goldCues.length;

      const goldSources = spans(sentence.attributions, "source");
      const predictedSources = spans(prediction.attributions, "source");
      exact.matched += exactMatches(predictedSources, goldSources);
      exact.predicted += predictedSources.length;
      exact.gold += goldSources.length;
      const tokens = tokenOverlap(sentence.text, predictedSources, goldSources);
      overlap.matched += tokens.matched;
      overlap.predicted += tokens.predicted;
      overlap.gold += tokens.gold;

      const resolved = resolutionIn(sentence, prediction);
      resolution.correct += resolved.correct;
      resolution.total += resolved.total;

      confusion[sentence.label][prediction.label ?? "none"]++;
      if (prediction.label === sentence.label) labelsCorrect++;
      sentences++;
    });
  });

  return {
    cue: prf(cue.matched, cue.predicted, cue.gold),
    sourceExact: prf(exact.matched, exact.predicted, exact.gold),
    sourceOverlap: prf(overlap.matched, overlap.predicted, overlap.gold),
    resolution: { ...resolution, accuracy: ratio(resolution.correct, resolution.total) },
    label: {
      correct: labelsCorrect,
      total: sentences,
      accuracy: ratio(labelsCorrect, sentences),
      confusion,
    },
  };
}
