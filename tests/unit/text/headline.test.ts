import { describe, expect, it } from "vitest";
import {
  headlineIndex,
  opensWithHeadline,
  segmentSentences,
  withHeadline,
} from "@/lib/domain/text";

describe("the headline as a unit", () => {
  const title = "Floods force 12,000 from homes in northern Italy";

  it("adds the headline as the first paragraph of a text that lacks it", () => {
    expect(withHeadline("Rivers burst their banks on Thursday.", title)).toBe(
      `${title}\n\nRivers burst their banks on Thursday.`,
    );
  });

  it("leaves a text that already opens with it, however it is typed or marked up", () => {
    for (const text of [
      `${title}\n\nRivers burst.`,
      `\n# ${title.toUpperCase()}\n\nRivers burst.`,
      "Floods force 12,000 from homes in [northern Italy](https://x.example)\n\nRivers burst.",
    ]) {
      expect(opensWithHeadline(text, title)).toBe(true);
      expect(withHeadline(text, title)).toBe(text);
    }
    expect(withHeadline("Rivers burst.", "   ")).toBe("Rivers burst.");
  });

  it("finds the unit that is the headline: the first one, only when it reads as the title", () => {
    const text = `${title}\n\nRivers burst their banks on Thursday.`;
    expect(headlineIndex(segmentSentences(text), title)).toBe(0);
    expect(headlineIndex(segmentSentences("Rivers burst their banks."), title)).toBe(-1);
    expect(headlineIndex([], title)).toBe(-1);
  });
});
