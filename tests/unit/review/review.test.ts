import { describe, expect, it } from "vitest";
import {
  bootstrapSamplesFor,
  compareQueue,
  contextOf,
  displayNames,
  majorityOf,
  pseudonym,
  reviewLead,
  sentenceAgreement,
  summariseFeedback,
} from "@/lib/domain/review";

describe("majority", () => {
  it("names the most chosen label, and none on a tie or with no labels", () => {
    expect(majorityOf(["OPINION", "SOURCED_FACT", "OPINION"])).toEqual({
      label: "OPINION",
      count: 2,
      total: 3,
      tie: false,
    });
    expect(majorityOf(["OPINION", "SOURCED_FACT"])).toEqual({
      label: null,
      count: 1,
      total: 2,
      tie: true,
    });
    expect(majorityOf([])).toEqual({ label: null, count: 0, total: 0, tie: false });
  });

  it("does not depend on the order annotators saved in", () => {
    expect(majorityOf(["NOT_A_CLAIM", "OPINION", "OPINION", "NOT_A_CLAIM", "OPINION"]).label).toBe(
      "OPINION",
    );
    expect(majorityOf(["OPINION", "NOT_A_CLAIM", "OPINION", "NOT_A_CLAIM", "OPINION"]).label).toBe(
      "OPINION",
    );
  });
});

describe("sentence agreement", () => {
  it("is the share of agreeing annotator pairs", () => {
    // 3 raters, 2 agree: 1 agreeing pair of 3 → 2/6 ordered pairs.
    const a = sentenceAgreement(["OPINION", "OPINION", "SOURCED_FACT"]);
    expect(a.agreement).toBeCloseTo(1 / 3, 12);
    expect(a.disagreement).toBeCloseTo(2 / 3, 12);
    expect(a.kind).toBe("majority");
    expect(sentenceAgreement(["OPINION", "OPINION"])).toMatchObject({
      agreement: 1,
      disagreement: 0,
      kind: "unanimous",
    });
    expect(sentenceAgreement(["OPINION", "SOURCED_FACT", "NOT_A_CLAIM"])).toMatchObject({
      agreement: 0,
      disagreement: 1,
      kind: "split",
    });
  });

  it("has no agreement below two ratings", () => {
    expect(sentenceAgreement(["OPINION"])).toEqual({
      ratings: 1,
      agreement: null,
      disagreement: 0,
      kind: "single",
    });
    expect(sentenceAgreement([])).toMatchObject({ kind: "none", agreement: null });
  });
});

describe("review queue order", () => {
  it("puts the worst disagreement first, then groups by document and reading order", () => {
    const items = [
      { disagreement: 0.5, documentTitle: "B", documentId: "2", sentenceIndex: 0 },
      { disagreement: 1, documentTitle: "B", documentId: "2", sentenceIndex: 4 },
      { disagreement: 0.5, documentTitle: "A", documentId: "1", sentenceIndex: 3 },
      { disagreement: 0.5, documentTitle: "A", documentId: "1", sentenceIndex: 1 },
    ];
    expect(
      [...items].sort(compareQueue).map((i) => `${i.documentTitle}${i.sentenceIndex}`),
    ).toEqual(["B4", "A1", "A3", "B0"]);
  });
});

describe("pseudonyms", () => {
  it("uses letters, then double letters", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(pseudonym)).toEqual([
      "Annotator A",
      "Annotator B",
      "Annotator Z",
      "Annotator AA",
      "Annotator AB",
      "Annotator AZ",
      "Annotator BA",
      "Annotator ZZ",
      "Annotator AAA",
    ]);
    expect(() => pseudonym(-1)).toThrow(RangeError);
  });

  it("follows the order of joining, so a new member never shifts anyone's letter", () => {
    const early = { id: "z", name: "Zoe", joinedAt: new Date("2024-01-01") };
    const later = { id: "a", name: "Ann", joinedAt: new Date("2024-02-01") };
    const gone = { id: "m", name: "Max", joinedAt: null };
    const before = displayNames([later, early], "PSEUDONYMS");
    expect(before.get("z")).toBe("Annotator A");
    expect(before.get("a")).toBe("Annotator B");
    const after = displayNames(
      [gone, later, early, { id: "b", name: "Bo", joinedAt: new Date("2024-03-01") }],
      "PSEUDONYMS",
    );
    expect(after.get("z")).toBe("Annotator A");
    expect(after.get("a")).toBe("Annotator B");
    expect(after.get("b")).toBe("Annotator C");
    expect(after.get("m")).toBe("Annotator D");
    expect(displayNames([early, later], "NAMES").get("a")).toBe("Ann");
  });
});

describe("feedback summary", () => {
  it("counts agreement with gold, the confusion table and months", () => {
    const jan = new Date("2024-01-15T00:00:00Z");
    const feb = new Date("2024-02-02T00:00:00Z");
    const s = summariseFeedback([
      { label: "SOURCED_FACT", gold: "SOURCED_FACT", settledAt: jan },
      { label: "SOURCED_FACT", gold: "UNVERIFIED_CLAIM", settledAt: jan },
      { label: "OPINION", gold: "OPINION", settledAt: feb },
      { label: "SOURCED_FACT", gold: "UNVERIFIED_CLAIM", settledAt: feb },
    ]);
    expect(s).toMatchObject({ compared: 4, agreed: 2, agreement: 0.5 });
    expect(s.confusion[0]).toEqual([1, 2, 0, 0]);
    expect(s.confusion[2]).toEqual([0, 0, 1, 0]);
    expect(s.byMonth).toEqual([
      { month: "2024-01", compared: 2, agreed: 1, agreement: 0.5 },
      { month: "2024-02", compared: 2, agreed: 1, agreement: 0.5 },
    ]);
    expect(summariseFeedback([]).agreement).toBeNull();
  });
});

describe("bootstrap samples", () => {
  it("keeps 1,000 resamples for ordinary projects and scales down for very large ones", () => {
    expect(bootstrapSamplesFor(500)).toBe(1000);
    expect(bootstrapSamplesFor(20_000)).toBe(1000);
    expect(bootstrapSamplesFor(40_000)).toBe(500);
    expect(bootstrapSamplesFor(100_000)).toBe(200);
    expect(bootstrapSamplesFor(10_000_000)).toBe(200);
  });
});

describe("review lead", () => {
  it("lets the number keys lead when two annotators split 1–1", () => {
    expect(reviewLead(["OPINION", "SOURCED_FACT"])).toBe("pick-answer");
  });

  it("accepts the majority when one label has more than half the votes", () => {
    expect(reviewLead(["OPINION", "SOURCED_FACT", "OPINION"])).toBe("accept-majority");
    expect(reviewLead(["OPINION", "OPINION"])).toBe("accept-majority");
  });

  it("does not call a plurality or a three-way split a majority", () => {
    expect(reviewLead(["OPINION", "OPINION", "SOURCED_FACT", "NOT_A_CLAIM"])).toBe("pick-answer");
    expect(reviewLead(["OPINION", "SOURCED_FACT", "NOT_A_CLAIM"])).toBe("pick-answer");
    expect(reviewLead([])).toBe("pick-answer");
  });
});

describe("sentence context", () => {
  const doc = [
    { index: 3, text: "three" },
    { index: 0, text: "zero" },
    { index: 1, text: "one" },
    { index: 2, text: "two" },
    { index: 5, text: "five" },
  ];

  it("gives the neighbours in reading order, nearest next to the sentence", () => {
    expect(contextOf(doc, 2, 1)).toEqual({ before: ["one"], after: ["three"] });
    expect(contextOf(doc, 2, 2)).toEqual({ before: ["zero", "one"], after: ["three", "five"] });
  });

  it("stops at the ends of the document and skips gaps in the numbering", () => {
    expect(contextOf(doc, 0, 2)).toEqual({ before: [], after: ["one", "two"] });
    expect(contextOf(doc, 5, 1)).toEqual({ before: ["three"], after: [] });
  });

  it("has no context for a sentence that is not there", () => {
    expect(contextOf(doc, 4, 1)).toEqual({ before: [], after: [] });
  });
});
