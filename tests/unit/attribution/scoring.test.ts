import { describe, expect, it } from "vitest";
import type { Label } from "@/lib/domain/annotation/labels";
import {
  exactMatches,
  prf,
  sameEntity,
  scoreGoldSet,
  tokenOverlap,
  tokenize,
  type PredictedAttribution,
} from "@/lib/domain/attribution/scoring";
import type { GoldDocument, TextSpan } from "@/lib/domain/attribution/types";

function span(sentence: string, text: string, from = 0): TextSpan {
  const start = sentence.indexOf(text, from);
  if (start === -1) throw new Error(`"${text}" not in "${sentence}"`);
  return { text, start, end: start + text.length };
}

const S1 = `Abu Karrar al-Hamdani, Deputy Commander of the PMU, announced the advance.`;
const S2 = `Al-Hamdani pointed out that the border was near, according to the Iraqi military.`;
const S3 = `"We will not stop.`;
const S4 = `The village was quiet.`;

const gold: GoldDocument[] = [
  {
    id: "d",
    origin: "test",
    sentences: [
      {
        text: S1,
        label: "SOURCED_FACT",
        attributions: [
          {
            cue: span(S1, "announced"),
            source: span(S1, "Abu Karrar al-Hamdani, Deputy Commander of the PMU"),
            resolvedSource: null,
            sourceType: "NAMED_PERSON",
          },
        ],
      },
      {
        text: S2,
        label: "SOURCED_FACT",
        attributions: [
          {
            cue: span(S2, "pointed out"),
            source: span(S2, "Al-Hamdani"),
            resolvedSource: "Abu Karrar al-Hamdani",
            sourceType: "NAMED_PERSON",
          },
          {
            cue: span(S2, "according to"),
            source: span(S2, "the Iraqi military"),
            resolvedSource: null,
            sourceType: "OFFICIAL_BODY",
          },
        ],
      },
      {
        text: S3,
        label: "OPINION",
        attributions: [
          {
            cue: null,
            source: null,
            resolvedSource: "Abu Karrar al-Hamdani",
            sourceType: "NAMED_PERSON",
          },
        ],
      },
      { text: S4, label: "UNVERIFIED_CLAIM", attributions: [] },
    ],
  },
];

const attribution = (
  cue: TextSpan | null,
  source: TextSpan | null,
  resolvedSource: string | null = null,
): PredictedAttribution => ({ cue, source, resolvedSource });

describe("prf", () => {
  it("computes precision, recall and their harmonic mean", () => {
    const r = prf(3, 4, 6);
    expect(r.precision).toBe(0.75);
    expect(r.recall).toBe(0.5);
    expect(r.f1).toBeCloseTo(0.6, 12);
  });

  it("reports 0, not a perfect score, when there is nothing to count", () => {
    expect(prf(0, 0, 0)).toEqual({
      matched: 0,
      predicted: 0,
      gold: 0,
      precision: 0,
      recall: 0,
      f1: 0,
    });
  });
});

describe("tokenize", () => {
  it("keeps inner apostrophes and hyphens and drops punctuation", () => {
    const text = `the PMU's al-Hamdani, 2017.`;
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual([
      "the",
      "PMU's",
      "al-Hamdani",
      "2017",
    ]);
  });
});

describe("exactMatches", () => {
  it("matches each gold span at most once", () => {
    const a = { text: "x", start: 0, end: 1 };
    expect(exactMatches([a, a], [a])).toBe(1);
    expect(exactMatches([a], [a, a])).toBe(1);
    expect(exactMatches([{ text: "x ", start: 0, end: 2 }], [a])).toBe(0);
  });
});

describe("tokenOverlap", () => {
  it("gives partial credit: shared tokens over predicted and over gold tokens", () => {
    // gold: 8 tokens; predicted "Deputy Commander of the PMU, announced": 6 tokens, 5 shared
    const gold = [span(S1, "Abu Karrar al-Hamdani, Deputy Commander of the PMU")];
    const predicted = [span(S1, "Deputy Commander of the PMU, announced")];
    expect(tokenOverlap(S1, predicted, gold)).toEqual({ matched: 5, predicted: 6, gold: 8 });
  });

  it("pairs one-to-one, so one long prediction cannot cover two gold spans", () => {
    const gold = [span(S2, "Al-Hamdani"), span(S2, "the Iraqi military")];
    const predicted = [
      span(S2, "Al-Hamdani pointed out that the border was near, according to the Iraqi military"),
    ];
    // 13 predicted tokens; best pair shares "the Iraqi military" (3); Al-Hamdani stays unpaired
    expect(tokenOverlap(S2, predicted, gold)).toEqual({ matched: 3, predicted: 13, gold: 4 });
  });
});

describe("sameEntity", () => {
  it("accepts a surname for the full name and ignores case, articles and possessives", () => {
    expect(sameEntity("Al-Hamdani", "Abu Karrar al-Hamdani")).toBe(true);
    expect(sameEntity("the Iraqi military", "Iraqi Military")).toBe(true);
    expect(sameEntity("the ministry's", "Ministry")).toBe(true);
    expect(sameEntity("Al-Hamdani", "Abu Hussein al-Sudani")).toBe(false);
    expect(sameEntity("the", "the PMU")).toBe(false);
  });
});

describe("scoreGoldSet", () => {
  const labels = (...values: Array<Label | null>) => values;

  it("scores a perfect prediction as perfect", () => {
    const perfect = gold.map((d) =>
      d.sentences.map((s) => ({ attributions: s.attributions, label: s.label })),
    );
    const report = scoreGoldSet(gold, perfect);
    expect(report.cue).toMatchObject({ matched: 3, predicted: 3, gold: 3, f1: 1 });
    expect(report.sourceExact).toMatchObject({ matched: 3, predicted: 3, gold: 3, f1: 1 });
    expect(report.sourceOverlap).toMatchObject({ matched: 12, predicted: 12, gold: 12, f1: 1 });
    expect(report.resolution).toEqual({ correct: 2, total: 2, accuracy: 1 });
    expect(report.label.accuracy).toBe(1);
  });

  it("counts misses, partial sources, wrong resolutions and missing labels exactly", () => {
    const [l1, l2, l3, l4] = labels("SOURCED_FACT", "UNVERIFIED_CLAIM", null, "UNVERIFIED_CLAIM");
    const predicted = [
      [
        // right cue, source cut short to the title: 5 of 8 gold tokens, 6 predicted
        {
          attributions: [
            attribution(span(S1, "announced"), span(S1, "Deputy Commander of the PMU, announced")),
          ],
          label: l1 ?? null,
        },
        // "pointed out" found with the pronoun resolved wrongly; "according to" missed;
        // a spurious cue "was" with no source
        {
          attributions: [
            attribution(span(S2, "pointed out"), span(S2, "Al-Hamdani"), "the Iraqi military"),
            attribution(span(S2, "was"), null),
          ],
          label: l2 ?? null,
        },
        // the carried quote found and resolved by surname
        { attributions: [attribution(null, null, "al-Hamdani")], label: l3 ?? null },
        { attributions: [], label: l4 ?? null },
      ],
    ];
    const report = scoreGoldSet(gold, predicted);
    expect(report.cue).toMatchObject({ matched: 2, predicted: 3, gold: 3 });
    expect(report.cue.precision).toBeCloseTo(2 / 3, 12);
    expect(report.sourceExact).toMatchObject({ matched: 1, predicted: 2, gold: 3, precision: 0.5 });
    // tokens: S1 5 shared of 6 predicted / 8 gold; S2 1 of 1 / 1 + 3 gold
    expect(report.sourceOverlap).toMatchObject({ matched: 6, predicted: 7, gold: 12 });
    expect(report.sourceOverlap.recall).toBe(0.5);
    expect(report.resolution).toEqual({ correct: 1, total: 2, accuracy: 0.5 });
    expect(report.label).toMatchObject({ correct: 2, total: 4, accuracy: 0.5 });
    expect(report.label.confusion.SOURCED_FACT).toEqual({
      SOURCED_FACT: 1,
      UNVERIFIED_CLAIM: 1,
      OPINION: 0,
      NOT_A_CLAIM: 0,
      none: 0,
    });
    expect(report.label.confusion.OPINION.none).toBe(1);
  });

  it("refuses predictions that do not line up with the gold sentences", () => {
    expect(() => scoreGoldSet(gold, [[]])).toThrow(/0 predicted sentences for 4/);
    expect(() => scoreGoldSet(gold, [])).toThrow(/0 predicted documents for 1/);
  });
});
