import { describe, expect, it } from "vitest";
import { normalizeText, segmentSentences } from "@/lib/domain/text";
import { expectValidSentences } from "./helpers";
import { GOLDEN_RULES, type GoldenRule } from "./golden-rules";

/**
 * Rule 18 ("6 P.M. Mr. Smith" is a boundary, "5 a.m. Mr. Smith" is not) is
 * skipped by pragmatic_segmenter's own spec as not implementable without
 * parsing; the score of 51 rules leaves it out too. It stays in the
 * table so a fix shows up.
 */
const UNSCORED = new Set([18]);
/** Rules we knowingly fail. Any other failure is a regression; a fix must shorten this list. */
const KNOWN_FAILURES = [18];
const TARGET = 48;

/**
 * The units as the rule writes them: the stored units are exact slices of the
 * normalised text, so an errant newline inside one ("a sentence\ncut off")
 * is compared as the space the rules print.
 */
function segmentsOf(rule: GoldenRule): string[] {
  const text = normalizeText(rule.text);
  const sentences = segmentSentences(text);
  expectValidSentences(text, sentences);
  return sentences.map((s) => s.text.replace(/\s+/g, " "));
}

function passes(rule: GoldenRule): boolean {
  const got = segmentsOf(rule);
  return got.length === rule.expected.length && got.every((s, i) => s === rule.expected[i]);
}

describe("pragmatic_segmenter Golden Rules (English)", () => {
  it("has all 52 rules, 51 of them scored", () => {
    expect(GOLDEN_RULES.map((r) => r.rule)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
    expect(GOLDEN_RULES.filter((r) => !UNSCORED.has(r.rule))).toHaveLength(51);
  });

  it.each(GOLDEN_RULES.filter((r) => !KNOWN_FAILURES.includes(r.rule)))(
    "rule $rule: $name",
    (rule) => {
      expect(segmentsOf(rule)).toEqual(rule.expected);
    },
  );

  it("fails exactly the known failures, and passes at least 48 of the 51 scored rules", () => {
    const failed = GOLDEN_RULES.filter((r) => !passes(r)).map((r) => r.rule);
    expect(failed).toEqual(KNOWN_FAILURES);
    const scored = GOLDEN_RULES.filter((r) => !UNSCORED.has(r.rule));
    expect(scored.filter(passes).length).toBeGreaterThanOrEqual(TARGET);
  });
});
