import { describe, expect, it } from "vitest";
import { LABELS } from "@/lib/domain/annotation/labels";
import type { GoldDocument, GoldSentence } from "@/lib/domain/attribution/types";
import { normalizeText, segmentSentences } from "@/lib/domain/text";
import { SPLITS } from "@/tests/fixtures/attribution/authoring";
import { compileDocument, documentText, ORIGIN } from "@/tests/fixtures/attribution/compile";
import { loadGoldSet } from "@/tests/fixtures/attribution/load";

const sets = { test: loadGoldSet("test"), dev: loadGoldSet("dev") };
const sentencesOf = (documents: GoldDocument[]) => documents.flatMap((d) => d.sentences);
const attributionsOf = (documents: GoldDocument[]) =>
  sentencesOf(documents).flatMap((s) => s.attributions);

const PRONOUNS = new Set(["he", "she", "it", "they", "one"]);
const lower = (text: string | undefined) => (text ?? "").toLowerCase();

/** Constructions the brief asks for, recognised from the annotations themselves. */
const CATEGORIES: Record<string, (documents: GoldDocument[]) => boolean> = {
  "according to X": (d) => attributionsOf(d).some((a) => lower(a.cue?.text) === "according to"),
  "X said/told before the content": (d) =>
    attributionsOf(d).some((a) => a.cue && a.source && a.source.end < a.cue.start),
  "inverted …, said X": (d) =>
    attributionsOf(d).some(
      (a) => a.cue && a.source && lower(a.cue.text) === "said" && a.source.start > a.cue.end,
    ),
  "X's spokesman said": (d) =>
    attributionsOf(d).some((a) => /'s spokes/.test(a.source?.text ?? "")),
  "agentless passive": (d) =>
    attributionsOf(d).some(
      (a) => a.source === null && /^(is|are|was|were) /.test(a.cue?.text ?? ""),
    ),
  "passive with an agent": (d) =>
    attributionsOf(d).some(
      (a) => a.source !== null && /^(is|are|was|were) /.test(a.cue?.text ?? ""),
    ),
  "reports appeared": (d) =>
    attributionsOf(d).some(
      (a) => a.cue?.text === "appeared" && lower(a.source?.text) === "reports",
    ),
  reportedly: (d) => attributionsOf(d).some((a) => a.cue?.text === "reportedly"),
  allegedly: (d) => attributionsOf(d).some((a) => a.cue?.text === "allegedly"),
  "anonymous sources": (d) => attributionsOf(d).some((a) => a.sourceType === "ANONYMOUS"),
  "officials who asked not to be named": (d) =>
    sentencesOf(d).some(
      (s) => s.text.includes("asked not to be named") && s.attributions.length > 0,
    ),
  "a source close to": (d) =>
    attributionsOf(d).some((a) => lower(a.source?.text).startsWith("a source close to")),
  observers: (d) => attributionsOf(d).some((a) => lower(a.source?.text) === "observers"),
  "local activists": (d) =>
    attributionsOf(d).some((a) => lower(a.source?.text) === "local activists"),
  "available information": (d) =>
    attributionsOf(d).some((a) => lower(a.source?.text) === "available information"),
  sources: (d) => attributionsOf(d).some((a) => /sources$/.test(lower(a.source?.text))),
  "pronoun source, resolved": (d) =>
    attributionsOf(d).some((a) => PRONOUNS.has(lower(a.source?.text)) && a.resolvedSource !== null),
  "he said": (d) => sentencesOf(d).some((s) => /\bhe said\b/.test(s.text)),
  "she told reporters": (d) => sentencesOf(d).some((s) => /\bShe told reporters\b/i.test(s.text)),
  "it said in a statement": (d) =>
    sentencesOf(d).some((s) => /\bIt said in a statement\b/i.test(s.text)),
  "they claimed": (d) => sentencesOf(d).some((s) => /\bThey claimed\b/i.test(s.text)),
  "title appositive after a name": (d) =>
    attributionsOf(d).some(
      (a) => a.sourceType === "NAMED_PERSON" && /, /.test(a.source?.text ?? ""),
    ),
  "surname resolved to the full name": (d) =>
    attributionsOf(d).some(
      (a) =>
        a.source !== null &&
        a.resolvedSource !== null &&
        !PRONOUNS.has(lower(a.source.text)) &&
        a.resolvedSource.endsWith(a.source.text),
    ),
  "direct quote in one sentence": (d) =>
    sentencesOf(d).some((s) => /^["“].*["”],? /.test(s.text) && s.attributions.some((a) => a.cue)),
  "quote carried, attribution before": (d) => carried(d, -1),
  // The segmenter keeps a quotation of several sentences as one unit, so a
  // quote attributed after its last sentence is carried by nothing: the unit
  // holds the cue.
  "quote of several sentences in one unit, attribution after": (d) =>
    sentencesOf(d).some((s) =>
      s.attributions.some((a) => a.cue && /[.!?] .*["”],? *$/.test(s.text.slice(0, a.cue.start))),
    ),
  "quote of several sentences in one unit, attribution before": (d) =>
    sentencesOf(d).some((s) =>
      s.attributions.some((a) => a.cue && /^:? *[“"][^"”]*[.!?] /.test(s.text.slice(a.cue.end))),
    ),
  "two attributions in one sentence": (d) => sentencesOf(d).some((s) => s.attributions.length > 1),
  "attribution in a headline": (d) =>
    d.some((doc) => (doc.sentences[0]?.attributions.length ?? 0) > 0),
};

const speakerOf = (s: GoldSentence | undefined) =>
  s?.attributions.find((a) => a.cue === null)?.resolvedSource;

/**
 * Whether the carried quote at `index` has its attributing sentence in
 * `direction`: past the rest of the quote, the first sentence with a cue names
 * the same speaker.
 */
function attributedFrom(doc: GoldDocument, index: number, direction: -1 | 1): boolean {
  const speaker = speakerOf(doc.sentences[index]);
  if (!speaker) return false;
  let i = index + direction;
  while (speakerOf(doc.sentences[i]) === speaker) i += direction;
  return Boolean(
    doc.sentences[i]?.attributions.some(
      (a) => a.cue && (a.resolvedSource ?? a.source?.text ?? "").includes(speaker),
    ),
  );
}

function carried(documents: GoldDocument[], direction: -1 | 1): boolean {
  return documents.some((doc) =>
    doc.sentences.some((_, index) => attributedFrom(doc, index, direction)),
  );
}

/**
 * Documents where the app's segmenter (lib/domain/text/segment.ts) is plainly
 * wrong, so the gold keeps the right units and records the segmenter's error:
 * `join` = it runs gold unit n (1-based) on into the next; `split` = it cuts
 * gold unit n after the given text. When the segmenter is fixed, the check
 * below fails on the entry; delete it then.
 */
const SEGMENTER_ERRORS: Record<string, { join: number } | { split: number; after: string }> = {};

function unitsWithError(units: string[], error: (typeof SEGMENTER_ERRORS)[string]): string[] {
  const out = [...units];
  if ("join" in error) {
    const [first = "", second = ""] = out.slice(error.join - 1, error.join + 1);
    out.splice(error.join - 1, 2, `${first} ${second}`);
  } else {
    const unit = out[error.split - 1] ?? "";
    const cut = unit.indexOf(error.after) + error.after.length;
    out.splice(error.split - 1, 1, unit.slice(0, cut), unit.slice(cut).trim());
  }
  return out;
}

/** Phrases that look like attribution and are not; each must occur and carry no cue. */
const TRAPS = [
  "the said village",
  "All told",
  "claimed the lives of",
  "according to plan",
  "told apart",
  "report card",
  "sources of funding",
  "That said",
  "Needless to say",
  "declined to say",
];

describe.each(["test", "dev"] as const)("the %s split", (split) => {
  const documents = sets[split];
  const sentences = sentencesOf(documents);

  it("is exactly what the authoring files compile to", () => {
    expect(documents).toEqual(SPLITS[split].map(compileDocument));
  });

  it("has exactly the units the app's segmenter cuts from each document's text", () => {
    for (const doc of documents) {
      const text = documentText(doc);
      expect(normalizeText(text), `${doc.id}: text is not in normal form`).toBe(text);
      const units = doc.sentences.map((s) => s.text);
      const error = SEGMENTER_ERRORS[doc.id];
      const expected = error ? unitsWithError(units, error) : units;
      expect(
        segmentSentences(text).map((s) => s.text),
        error ? `${doc.id}: the segmenter's known error changed` : doc.id,
      ).toEqual(expected);
    }
  });

  it("states its origin and licence in every document, with unique ids", () => {
    for (const document of documents) expect(document.origin).toBe(ORIGIN);
    expect(new Set(documents.map((d) => d.id)).size).toBe(documents.length);
  });

  it("anchors every span in its sentence", () => {
    for (const sentence of sentences) {
      for (const attribution of sentence.attributions) {
        for (const s of [attribution.cue, attribution.source]) {
          if (s) expect(sentence.text.slice(s.start, s.end)).toBe(s.text);
        }
        if (attribution.cue && attribution.source) {
          const disjoint =
            attribution.cue.end <= attribution.source.start ||
            attribution.source.end <= attribution.cue.start;
          expect(disjoint, `${sentence.text}: cue and source overlap`).toBe(true);
        }
      }
    }
  });

  it("keeps attributions consistent: a source has a type, a carried quote a speaker", () => {
    for (const sentence of sentences) {
      for (const a of sentence.attributions) {
        if (a.source) expect(a.sourceType, sentence.text).not.toBeNull();
        if (!a.source && a.cue) expect(a.sourceType, sentence.text).toBeNull();
        if (!a.cue) {
          expect(a.source, sentence.text).toBeNull();
          expect(a.resolvedSource, sentence.text).not.toBeNull();
        }
        if (a.source && PRONOUNS.has(lower(a.source.text))) {
          expect(a.resolvedSource, sentence.text).not.toBeNull();
        }
      }
    }
  });

  it("ties every carried quote to the sentence that attributes it", () => {
    for (const doc of documents) {
      doc.sentences.forEach((sentence, index) => {
        if (speakerOf(sentence) === undefined) return;
        const tied = attributedFrom(doc, index, -1) || attributedFrom(doc, index, 1);
        expect(tied, `${doc.id}: ${sentence.text}`).toBe(true);
      });
    }
  });

  it("leaves at least 35 % of sentences without attribution and uses every label", () => {
    const without = sentences.filter((s) => s.attributions.length === 0).length;
    expect(without / sentences.length).toBeGreaterThanOrEqual(0.35);
    expect(new Set(sentences.map((s) => s.label))).toEqual(new Set(LABELS));
  });
});

describe("the gold set", () => {
  it("holds at least 330 test and 100 dev sentences", () => {
    expect(sentencesOf(sets.test).length).toBeGreaterThanOrEqual(330);
    expect(sentencesOf(sets.dev).length).toBeGreaterThanOrEqual(100);
  });

  it.each(Object.keys(CATEGORIES))("covers %s in the test split", (category) => {
    expect(CATEGORIES[category]?.(sets.test)).toBe(true);
  });

  it.each(TRAPS)("has the trap %s without a cue on it", (trap) => {
    const all = [...sentencesOf(sets.test), ...sentencesOf(sets.dev)];
    const hits = all.filter((s) => s.text.includes(trap));
    expect(hits.length).toBeGreaterThan(0);
    for (const sentence of hits) {
      const from = sentence.text.indexOf(trap);
      const to = from + trap.length;
      for (const a of sentence.attributions) {
        if (a.cue) expect(a.cue.end <= from || a.cue.start >= to, sentence.text).toBe(true);
      }
    }
  });

  it("spreads over every topic and house style", () => {
    const authored = [...SPLITS.test, ...SPLITS.dev];
    expect(new Set(authored.map((d) => d.topic)).size).toBe(8);
    expect(new Set(authored.map((d) => d.style)).size).toBe(5);
  });
});
