import { describe, expect, it } from "vitest";
import { moveWord, spanBetween, wordSpans } from "@/lib/domain/annotation/words";

const sentence = "According to Iraq's Ministry of Defence, the PMU took al-Baaj (U.S. sources).";

describe("choosing source words with the keyboard", () => {
  it("splits a sentence into words with document offsets, keeping joined words whole", () => {
    const words = wordSpans(sentence, 100).map((w) => sentence.slice(w.start - 100, w.end - 100));
    expect(words).toEqual([
      "According",
      "to",
      "Iraq's",
      "Ministry",
      "of",
      "Defence",
      "the",
      "PMU",
      "took",
      "al-Baaj",
      "U.S",
      "sources",
    ]);
  });

  it("spans from anchor to head in either direction", () => {
    const words = wordSpans(sentence, 0);
    const span = spanBetween(words, 5, 2);
    expect(span && sentence.slice(span.start, span.end)).toBe("Iraq's Ministry of Defence");
    expect(spanBetween(words, 2, 5)).toEqual(span);
    expect(spanBetween([], 0, 0)).toBeNull();
  });

  it("keeps the cursor inside the sentence", () => {
    const words = wordSpans("One two", 0);
    expect(moveWord(words, 0, -1)).toBe(0);
    expect(moveWord(words, 0, 1)).toBe(1);
    expect(moveWord(words, 1, 1)).toBe(1);
  });

  it("counts offsets in UTF-16 units, as the stored spans do", () => {
    const text = "🙂 Officials said";
    const [first] = wordSpans(text, 10);
    expect(first).toEqual({ start: 13, end: 22 });
    expect(text.slice(3, 12)).toBe("Officials");
  });
});
