/**
 * A suggested label for one sentence, from its attributions and from hedging
 * and opinion cues; optionally blended with a classifier trained on the
 * project's gold labels (classifier.ts). A suggestion never overwrites an
 * annotation by itself: the workspace shows it and the analyst decides.
 */
import { LABELS, type Label } from "../annotation/labels";
import type { Attribution } from "./types";
import { guessSourceType } from "./registry";
import { predictLabel, type LabelModel, MIN_TRAINING_EXAMPLES } from "./classifier";

export interface LabelSuggestion {
  value: Label;
  /** 0..1 */
  confidence: number;
}

export type LabelDistribution = Record<Label, number>;

const HEDGES =
  /\b(?:may|might|could|possibly|perhaps|probably|likely|unlikely|apparently|seemingly|allegedly|reportedly|purportedly|supposedly|unconfirmed|rumou?red|it seems|appears? to|is believed|are believed|suspected|could be seen as|not (?:yet )?(?:been )?confirmed|has to be confirmed|remains unclear)\b/iu;
const OPINION =
  /\b(?:should|must|ought to|needs? to|i think|i believe|we believe|in my view|in our view|in my opinion|we must|clearly|obviously|undoubtedly|unfortunately|fortunately|sadly|shameful|disgraceful|outrageous|ridiculous|absurd|heroic|brutal|barbaric|cowardly|disastrous|catastrophic|terrible|horrible|excellent|brilliant|wonderful|magnificent|pathetic|despicable|criminal regime|puppet|so-called|hypocritical|hypocrisy|propaganda|farce|failure|blunder|reckless|irresponsible|best|worst|great|greatest|deserves?|wrong|right to|betrayal|toxic|harmless|belated|victory for|needless to say|of course|no doubt|hardest)\b/iu;
const PREDICTION =
  /\b(?:will (?:likely|probably|certainly|surely|inevitably)|is (?:likely|bound|set) to|are (?:likely|bound) to|if [^,]{1,80}, (?:it|this|they|he|she) (?:will|would|may|might|could)|would lead to|may lead to|will lead to|will (?:try|seek|struggle|fail) to)\b/iu;
const BYLINE =
  /^(?:by |voiceover by|featured image|copyright|©|region:|theme:|in-depth report|photo:|image:|video:|source:|read more|related:|share|comment on|articles by|disclaimer)/iu;
/**
 * A speaker's stance in their own words: the present or future tense, a modal, or the first
 * person in the present ("is collapsing", "I will be back", "It breaks my heart"); a quote that
 * narrates in the past ("We found their positions abandoned") is reported fact.
 */
const QUOTED_STANCE =
  /\b(?:is|are|am|isn['’]t|aren['’]t|will|won['’]t|can|cannot|can['’]t|must|should|my|our)\b|['’](?:re|m|ll)\b|\b(?:I|we|We)\s+(?!was\b|were\b|had\b|did\b|found\b|saw\b|went\b|came\b|told\b|took\b|got\b|made\b|said\b|knew\b|thought\b|heard\b|ran\b|left\b|lost\b|\w+ed\b)[a-z]+/u;
const QUOTE_MARK = /[“”"]/gu;
const MIN_QUOTE_WORDS = 3;
const MAX_HEADLINE_WORDS = 16;
const WORD = /[\p{L}\p{N}]+/gu;
const TERMINAL = /[.!?…"”»)\]]\s*$/u;

/** The label the rules suggest, with their confidence; null for an empty sentence. */
export function ruleLabel(
  sentence: string,
  attributions: readonly Attribution[],
): LabelSuggestion | null {
  const text = sentence.trim();
  if (!text) return null;
  const words = text.match(WORD)?.length ?? 0;
  if (BYLINE.test(text)) return { value: "NOT_A_CLAIM", confidence: 0.85 };
  if (text.endsWith("?") && attributions.length === 0)
    return { value: "NOT_A_CLAIM", confidence: 0.75 };
  if (words <= 3) return { value: "NOT_A_CLAIM", confidence: 0.7 };
  if (!TERMINAL.test(text) && isTitleCase(text)) return { value: "NOT_A_CLAIM", confidence: 0.7 };
  // A headline: short, and no sentence-final punctuation.
  if (!TERMINAL.test(text) && words <= MAX_HEADLINE_WORDS) {
    return { value: "NOT_A_CLAIM", confidence: 0.65 };
  }

  const opinion = OPINION.test(text) || PREDICTION.test(text);
  const hedged = HEDGES.test(text);
  if (attributions.length > 0) {
    // A quoted opinion is an opinion whoever voices it (the gold set's README).
    const carried = attributions.some((a) => a.kind === "quote-carried");
    const quote = carried ? [text] : quotedParts(text);
    const ownWords = quote.filter((q) => (q.match(WORD)?.length ?? 0) >= MIN_QUOTE_WORDS);
    if (ownWords.some((q) => QUOTED_STANCE.test(q))) return { value: "OPINION", confidence: 0.6 };
    if (opinion) return { value: "OPINION", confidence: 0.55 };
    const types = attributions.map((a) =>
      a.kind === "quote-carried"
        ? guessSourceType(a.resolvedSource)
        : a.source
          ? guessSourceType(a.source.text, { sentence: text, resolvedSource: a.resolvedSource })
          : null,
    );
    const vague = types.every(
      (t) => t === null || t === "ANONYMOUS" || t === "OUTLET_ITSELF" || t === "SOCIAL_MEDIA",
    );
    if (vague || attributions.every((a) => a.kind === "adverbial")) {
      return { value: "UNVERIFIED_CLAIM", confidence: hedged ? 0.8 : 0.7 };
    }
    if (hedged) return { value: "UNVERIFIED_CLAIM", confidence: 0.55 };
    return { value: "SOURCED_FACT", confidence: opinion ? 0.55 : 0.75 };
  }
  if (opinion) return { value: "OPINION", confidence: 0.65 };
  return { value: "UNVERIFIED_CLAIM", confidence: hedged ? 0.7 : 0.55 };
}

/**
 * The parts of a sentence inside double quotes. A sentence may start inside a quote opened in an
 * earlier one: then its first mark is a closing one (“”” or a straight quote after a word).
 */
function quotedParts(text: string): string[] {
  const marks = [...text.matchAll(QUOTE_MARK)];
  if (marks.length === 0) return [];
  const first = marks[0]!;
  const startsInside =
    first[0] === "”" ||
    (first[0] === '"' && first.index > 0 && !/\s/u.test(text[first.index - 1]!));
  const parts: string[] = [];
  let inside = startsInside;
  let from = 0;
  for (const mark of marks) {
    if (inside) parts.push(text.slice(from, mark.index));
    inside = !inside;
    from = mark.index + 1;
  }
  if (inside) parts.push(text.slice(from));
  return parts;
}

function isTitleCase(text: string): boolean {
  const words = text.match(WORD) ?? [];
  const long = words.filter((w) => w.length > 3);
  if (long.length === 0) return true;
  return long.filter((w) => /^\p{Lu}/u.test(w)).length / long.length >= 0.6;
}

export function distributionOf(suggestion: LabelSuggestion): LabelDistribution {
  const rest = (1 - suggestion.confidence) / (LABELS.length - 1);
  const d = { SOURCED_FACT: rest, UNVERIFIED_CLAIM: rest, OPINION: rest, NOT_A_CLAIM: rest };
  d[suggestion.value] = suggestion.confidence;
  return d;
}

export interface SuggestOptions {
  /** A classifier trained on the project's adjudicated labels. */
  model?: LabelModel | null;
}

/**
 * The rules alone while the model has fewer than MIN_TRAINING_EXAMPLES gold
 * labels; after that a blend in which the model's weight grows with its
 * training set (n / (n + 30), at most 0.85): about even at the threshold, so a
 * young model can overrule only the rules' weak guesses, not their confident ones.
 */
export function suggestLabel(
  sentence: string,
  attributions: readonly Attribution[],
  options: SuggestOptions = {},
): LabelSuggestion | null {
  const rules = ruleLabel(sentence, attributions);
  const model = options.model;
  if (!rules || !model || model.examples < MIN_TRAINING_EXAMPLES) return rules;
  const predicted = predictLabel(model, sentence, attributions);
  const w = Math.min(0.85, model.examples / (model.examples + 30));
  const r = distributionOf(rules);
  let best: LabelSuggestion = { value: rules.value, confidence: 0 };
  for (const label of LABELS) {
    const p = w * predicted.distribution[label] + (1 - w) * r[label];
    if (p > best.confidence) best = { value: label, confidence: p };
  }
  return { value: best.value, confidence: Math.round(best.confidence * 1000) / 1000 };
}
