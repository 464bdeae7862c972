import { describe, expect, it } from "vitest";
import {
  agreementReport,
  encodeAnnotations,
  type LabelledAnnotation,
} from "@/lib/domain/agreement";
import { expectExact, expectUndefined, simulatedUnits } from "./helpers";

const LABELS = ["SOURCED_FACT", "UNVERIFIED_CLAIM", "OPINION", "NOT_A_CLAIM", "OTHER"];

/** Krippendorff's (2011) §C data as labelled annotations, coders named out of order. */
function sectionCAnnotations(): LabelledAnnotation[] {
  const rows: Record<string, string> = {
    "carol@example.org": "1 2 3 3 2 1 4 1 2 . . .",
    "alice@example.org": "1 2 3 3 2 2 4 1 2 5 . 3",
    "dave@example.org": ". 3 3 3 2 3 4 2 2 5 1 .",
    "bob@example.org": "1 2 3 3 2 4 4 1 2 5 1 .",
  };
  const annotations: LabelledAnnotation[] = [];
  for (const [coder, row] of Object.entries(rows)) {
    row.split(" ").forEach((cell, u) => {
      const label = LABELS[Number(cell) - 1];
      if (label !== undefined) annotations.push({ unit: `sentence-${u + 1}`, coder, value: label });
    });
  }
  return annotations;
}

describe("agreementReport", () => {
  const report = agreementReport(sectionCAnnotations(), LABELS, { includeUnits: true });

  it("reproduces the published figures of the §C data", () => {
    expectExact(report.alpha, 113 / 152);
    expectExact(report.ac1, 31825 / 41041);
    expectExact(report.percentAgreement, 9 / 11);
    expect(report).toMatchObject({
      annotations: 41,
      units: 12,
      pairableUnits: 11,
      coders: ["alice@example.org", "bob@example.org", "carol@example.org", "dave@example.org"],
      categories: LABELS,
    });
  });

  it("includes a reproducible interval that contains alpha", () => {
    const { interval } = report.alpha;
    expect(interval).toMatchObject({ defined: true, samples: 1000, seed: 1, level: 0.95 });
    if (interval.defined && report.alpha.defined) {
      expect(interval.lower).toBeLessThanOrEqual(report.alpha.value);
      expect(interval.upper).toBeGreaterThanOrEqual(report.alpha.value);
    }
    expect(agreementReport(sectionCAnnotations(), LABELS).alpha.interval).toEqual(interval);
  });

  it("uses Fleiss' kappa on the modal rater count and says how many units it left out", () => {
    // Units with 4 ratings: 2 3 4 5 6 7 8 9 (8 units); left out: 1, 10 (3), 11 (2), 12 (1).
    expect(report.fleiss).toMatchObject({
      defined: true,
      raters: 4,
      unitsUsed: 8,
      unitsExcluded: 4,
    });
  });

  it("names the labels and the coder pairs", () => {
    expect(report.perLabel.map((l) => [l.label, l.annotations])).toEqual([
      ["SOURCED_FACT", 9],
      ["UNVERIFIED_CLAIM", 13],
      ["OPINION", 11],
      ["NOT_A_CLAIM", 5],
      ["OTHER", 3],
    ]);
    // Category 1: Σ n(n−1) = 6 + 6 + 2 = 14 over Σ n(m−1) = 6 + 3 + 9 + 2 = 20.
    expectExact(report.perLabel[0]?.specificAgreement ?? { defined: false, reason: "" }, 14 / 20);
    expect(report.cohen.map((p) => `${p.coderA}|${p.coderB}`)).toEqual([
      "alice@example.org|bob@example.org",
      "alice@example.org|carol@example.org",
      "alice@example.org|dave@example.org",
      "bob@example.org|carol@example.org",
      "bob@example.org|dave@example.org",
      "carol@example.org|dave@example.org",
    ]);
    // alice (the paper's observer B) and carol (A) agree on 8 of the 9 units both rated.
    const carolAlice = report.cohen[1];
    expect(carolAlice?.kappa).toMatchObject({ defined: true, units: 9, observedAgreement: 8 / 9 });
  });

  it("gives per-unit majority labels on request", () => {
    expect(report.unitAgreement?.[1]).toEqual({
      unit: "sentence-2",
      ratings: 4,
      agreement: { defined: true, value: 0.5 },
      majority: ["UNVERIFIED_CLAIM"],
      tie: false,
    });
    expect(report.unitAgreement?.[5]).toMatchObject({
      majority: ["SOURCED_FACT", "UNVERIFIED_CLAIM", "OPINION", "NOT_A_CLAIM"],
      tie: true,
    });
    expect(agreementReport(sectionCAnnotations(), LABELS).unitAgreement).toBeUndefined();
  });

  it("is plain JSON: it survives a round trip unchanged", () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    const big = simulatedUnits({
      units: 300,
      coders: 3,
      categories: 4,
      accuracy: 0.7,
      missing: 0.2,
      seed: 3,
    });
    const annotations: LabelledAnnotation[] = [];
    big.forEach((row, u) =>
      row.forEach((v, c) => {
        const value = v === null ? undefined : LABELS[v];
        if (value !== undefined) annotations.push({ unit: `u${u}`, coder: `c${c}`, value });
      }),
    );
    const bigReport = agreementReport(annotations, LABELS.slice(0, 4), { includeUnits: true });
    expect(JSON.parse(JSON.stringify(bigReport))).toEqual(bigReport);
  });

  it("reports undefined figures, without throwing, for empty or degenerate input", () => {
    const empty = agreementReport([], LABELS);
    expectUndefined(empty.alpha, /no units/);
    expectUndefined(empty.alpha.interval, /Alpha itself is undefined/);
    expectUndefined(empty.fleiss, /no units/);
    expectUndefined(empty.ac1, /no units/);
    expectUndefined(empty.percentAgreement, /no units/);
    expect(empty.cohen).toEqual([]);
    expect(empty).toMatchObject({ coders: [], units: 0, annotations: 0, pairableUnits: 0 });

    const oneCoder = agreementReport(
      [
        { unit: "s1", coder: "alice", value: "OPINION" },
        { unit: "s2", coder: "alice", value: "NOT_A_CLAIM" },
      ],
      LABELS,
    );
    expectUndefined(oneCoder.alpha, /only one/);
    expect(oneCoder.cohen).toEqual([]);

    const oneLabel = agreementReport(
      [
        { unit: "s1", coder: "alice", value: "OPINION" },
        { unit: "s1", coder: "bob", value: "OPINION" },
      ],
      LABELS,
    );
    expectUndefined(oneLabel.alpha, /same/);
    expectUndefined(oneLabel.fleiss, /same category/);
    expectUndefined(
      oneLabel.perLabel[2]?.fleissKappa ?? { defined: false, reason: "" },
      /same category/,
    );
    expectUndefined(oneLabel.cohen[0]?.kappa ?? { defined: false, reason: "" }, /same category/);
    expectExact(oneLabel.ac1, 1);
    expectExact(oneLabel.percentAgreement, 1);
  });

  it("throws for annotations that cannot come from the database", () => {
    expect(() =>
      agreementReport([{ unit: "s1", coder: "alice", value: "RUMOUR" }], LABELS),
    ).toThrow(/not a category/);
    expect(() =>
      agreementReport(
        [
          { unit: "s1", coder: "alice", value: "OPINION" },
          { unit: "s1", coder: "alice", value: "OPINION" },
        ],
        LABELS,
      ),
    ).toThrow(/twice/);
    expect(() => agreementReport([], ["A", "A"])).toThrow(/twice/);
    expect(() => agreementReport([], [])).toThrow(/empty/);
  });
});

describe("encodeAnnotations", () => {
  it("orders units by first appearance and coders by code point", () => {
    const { data, units, coders } = encodeAnnotations(
      [
        { unit: "s2", coder: "b", value: "Y" },
        { unit: "s1", coder: "B", value: "N" },
        { unit: "s2", coder: "a", value: "N" },
      ],
      ["N", "Y"],
    );
    expect(units).toEqual(["s2", "s1"]);
    expect(coders).toEqual(["B", "a", "b"]);
    expect(Array.from(data.values)).toEqual([-1, 0, 1, 0, -1, -1]);
  });
});
