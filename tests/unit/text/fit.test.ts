import { describe, expect, it } from "vitest";
import { SentenceFitError, fitSentences, segmentSentences } from "@/lib/domain/text";
import { expectValidSentences } from "./helpers";

const spanOf = (text: string, part: string) => {
  const start = text.indexOf(part);
  if (start === -1) throw new Error(`fixture: ${part}`);
  return { start, end: start + part.length };
};

describe("fitSentences: a re-import keeps the sentences the file recorded", () => {
  const text = 'He said: "We will win. They will lose." Then he left. Talks resumed.';

  it("keeps a recorded sentence the current segmenter would join into a larger one", () => {
    // The file came from a segmenter that split the quotation; this one keeps it whole.
    expect(segmentSentences(text).map((s) => s.text)).toEqual([
      'He said: "We will win. They will lose."',
      "Then he left.",
      "Talks resumed.",
    ]);
    const fitted = fitSentences(text, segmentSentences(text), [
      spanOf(text, 'He said: "We will win.'),
    ]);
    expectValidSentences(text, fitted);
    expect(fitted.map((s) => s.text)).toEqual([
      'He said: "We will win.',
      'They will lose."',
      "Then he left.",
      "Talks resumed.",
    ]);
  });

  it("with every sentence recorded, gives exactly the recorded sentences", () => {
    const recorded = ["He said:", '"We will win. They will lose." Then he left.', "Talks resumed."];
    const fitted = fitSentences(
      text,
      segmentSentences(text),
      recorded.map((r) => spanOf(text, r)).reverse(),
    );
    expectValidSentences(text, fitted);
    expect(fitted.map((s) => s.text)).toEqual(recorded);
  });

  it("with nothing recorded, is the current segmentation", () => {
    expect(fitSentences(text, segmentSentences(text), [])).toEqual(segmentSentences(text));
  });

  it("refuses spans outside the text, padded with whitespace, or overlapping", () => {
    const fit = (spans: Array<{ start: number; end: number }>) => () =>
      fitSentences(text, segmentSentences(text), spans);
    expect(fit([{ start: 60, end: 500 }])).toThrow(SentenceFitError);
    expect(fit([{ start: 5, end: 5 }])).toThrow("outside the text");
    expect(fit([{ start: 0, end: 3 }])).toThrow("whitespace");
    expect(
      fit([
        { start: 0, end: 7 },
        { start: 3, end: 10 },
      ]),
    ).toThrow("overlap");
  });
});
