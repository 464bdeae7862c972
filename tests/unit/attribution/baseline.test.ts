import { describe, expect, it } from "vitest";
import {
  baselineAttributions,
  baselineDetector,
  baselineLabel,
} from "@/lib/domain/attribution/baseline";

describe("baseline detector", () => {
  it("takes the capitalised words before said as the source", () => {
    const sentence = "On Monday the Defence Ministry said the road was open.";
    const [found] = baselineAttributions(sentence);
    expect(found?.cue).toEqual({ text: "said", start: 31, end: 35 });
    expect(found?.source?.text).toBe("the Defence Ministry");
    expect(found && sentence.slice(found.source?.start, found.source?.end)).toBe(
      "the Defence Ministry",
    );
  });

  it("takes the words after according to, up to punctuation", () => {
    const sentence = "ISIS controls 9% of the city, according to the Iraqi military.";
    const [found] = baselineAttributions(sentence);
    expect(found?.cue?.text).toBe("according to");
    expect(found?.source).toEqual({ text: "the Iraqi military", start: 43, end: 61 });
  });

  it("finds no source after punctuation and nothing without the two cues", () => {
    expect(baselineAttributions(`"We are ready," said Colonel Ali.`)[0]?.source).toBeNull();
    expect(baselineAttributions("Officials told reporters the road was open.")).toEqual([]);
  });

  it("labels a sentence with an attribution as a sourced fact", () => {
    const [withCue, without] = baselineDetector(["Police said so.", "It rained."]);
    expect(baselineLabel("Police said so.", withCue ?? [])).toBe("SOURCED_FACT");
    expect(baselineLabel("It rained.", without ?? [])).toBe("UNVERIFIED_CLAIM");
  });
});
