/**
 * The attribution assistant's vocabulary, shared by the detector, the gold set
 * in tests/fixtures/attribution and the benchmark that scores one against the
 * other. Spans are relative to one sentence's text in UTF-16 code units, so
 * `text === sentence.slice(start, end)`; the server adds the sentence's own
 * document offset before anything leaves lib/domain.
 */
import type { Label, SourceType } from "../annotation/labels";

export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

export type AttributionKind =
  /** "according to the Iraqi military" */
  | "according-to"
  /** "Al-Muhandis pointed out", "…, said the minister", "pro-government sources argue" */
  | "reporting-verb"
  /** "it was reported", "is believed", "reports appeared that" */
  | "passive"
  /** "reportedly", "allegedly": a hedge that attributes to unnamed others */
  | "adverbial"
  /** a sentence inside a direct quote opened or closed in another sentence */
  | "quote-carried";

export interface Attribution {
  /** The reporting verb or phrase; null only when the attribution is carried from another sentence. */
  cue: TextSpan | null;
  /** The minimal phrase naming who speaks; null when the text names nobody ("it was reported"). */
  source: TextSpan | null;
  /** For a pronoun source or a carried quote: the person or organisation named earlier in the document. */
  resolvedSource: string | null;
  kind: AttributionKind;
  /** 0..1 */
  confidence: number;
}

/** Attributions for each of a document's sentences, in order (context carries across sentences). */
export type DocumentDetector = (sentences: readonly string[]) => Attribution[][];

/** One sentence of the gold set (tests/fixtures/attribution/*.jsonl holds one document per line). */
export interface GoldSentence {
  text: string;
  label: Label;
  attributions: Array<{
    cue: TextSpan | null;
    source: TextSpan | null;
    resolvedSource: string | null;
    /** The registry type an analyst would give the source; null when there is no source. */
    sourceType: SourceType | null;
  }>;
}

export interface GoldDocument {
  id: string;
  /** Where the text comes from and under which licence. */
  origin: string;
  sentences: GoldSentence[];
}
