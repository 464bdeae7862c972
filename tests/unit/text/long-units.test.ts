import { describe, expect, it } from "vitest";
import { segmentSentences } from "@/lib/domain/text";
import { cutLongUnits } from "@/lib/domain/text/long-units";

describe("cutLongUnits", () => {
  it("leaves sentences within the limit as they are", () => {
    const text = "One short sentence. Another one.";
    const sentences = segmentSentences(text);
    expect(cutLongUnits(text, sentences, 100)).toEqual({ sentences, cutInto: 0 });
  });

  it("cuts a long unit at the last space of each window, with exact offsets", () => {
    const text = "Short one. aaa bbb ccc ddd eee fff ggg hhh";
    const sentences = [
      { index: 0, start: 0, end: 10, text: "Short one." },
      { index: 1, start: 11, end: text.length, text: text.slice(11) },
    ];
    const result = cutLongUnits(text, sentences, 12);
    expect(result.sentences.map((s) => s.text)).toEqual([
      "Short one.",
      "aaa bbb ccc",
      "ddd eee fff",
      "ggg hhh",
    ]);
    expect(result.cutInto).toBe(3);
    for (const [i, s] of result.sentences.entries()) {
      expect(s.index).toBe(i);
      expect(text.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it("cuts a space-less run at the limit, never between a surrogate pair", () => {
    const text = `ab${"😀".repeat(5)}`;
    const result = cutLongUnits(text, [{ index: 0, start: 0, end: text.length, text }], 5);
    expect(result.sentences.map((s) => s.text)).toEqual(["ab😀", "😀😀", "😀😀"]);
    expect(result.sentences.every((s) => s.text.length <= 5)).toBe(true);
  });

  it("treats a space just past the window as a clean cut", () => {
    const text = "abcd efgh";
    const result = cutLongUnits(text, [{ index: 0, start: 0, end: 9, text }], 4);
    expect(result.sentences.map((s) => s.text)).toEqual(["abcd", "efgh"]);
  });
});
