import { describe, expect, it } from "vitest";
import {
  extractHeaderMetadata,
  findBoilerplateRule,
  flagBoilerplate,
  segmentSentences,
} from "@/lib/domain/text";
import { expectValidSentences, readSeed } from "./helpers";

const flaggedIndices = (flags: boolean[]) => flags.flatMap((f, i) => (f ? [i] : []));
const SEEDS = [
  "southfront-2017-06-08-western-iraq.md",
  "southfront-2017-mosul-pmu-syrian-border.md",
];

describe("the sample articles ship as Markdown", () => {
  it.each(SEEDS)("%s: the stored text has no link syntax left", (name) => {
    const text = readSeed(name);
    expect(text).not.toContain("[");
    expect(text).not.toContain("](");
    expect(text).not.toContain("# ");
  });

  it.each(SEEDS)(
    "%s: every header line before the body is the title (metadata) or flagged",
    (name) => {
      const text = readSeed(name);
      const sentences = segmentSentences(text);
      const flags = flagBoilerplate(text, sentences);
      const { title } = extractHeaderMetadata(text);
      // The body starts at the first sentence that ends like prose.
      const body = sentences.findIndex((s, i) => !flags[i] && /[.!?]$/.test(s.text));
      expect(body).toBeGreaterThan(0);
      for (const [i, s] of sentences.slice(0, body).entries()) {
        expect(flags[i] || s.text === title, `header line "${s.text}"`).toBe(true);
      }
    },
  );
});

describe("seed: southfront-2017-06-08-western-iraq", () => {
  const text = readSeed("southfront-2017-06-08-western-iraq.md");
  const sentences = segmentSentences(text);

  it("extracts the header metadata", () => {
    expect(extractHeaderMetadata(text)).toStrictEqual({
      title:
        "Video: Pressure on Terrorists in the Remaining ISIS Held Areas, Liberation of Western Iraq",
      byline: "South Front",
      publisher: "Global Research",
      publishedAt: "2017-06-09",
      originalSource: "South Front",
    });
  });

  it("segments into 43 sentences with valid offsets", () => {
    expect(sentences).toHaveLength(43);
    expectValidSentences(text, sentences);
  });

  it("gets the sentences a reader sees", () => {
    const at = (i: number) => sentences[i]?.text;
    expect(at(0)).toBe(
      "Video: Pressure on Terrorists in the Remaining ISIS Held Areas, Liberation of Western Iraq",
    );
    expect(at(1)).toBe("By South Front");
    expect(at(3)).toBe("South Front 8 June 2017");
    expect(at(7)).toBe(
      "The Iraqi Popular Mobilization Units (PMU) are rapidly advancing against ISIS terrorists in the border area with Syria.",
    );
    expect(at(8)).toBe(
      "Since the start of the Operation of Muhammad the Second Messenger of Allah the PMU has liberated about 3,500 km² and over 110 villages from ISIS terrorists in western Iraq.",
    );
    expect(at(9)).toBe(
      "Now, the PMU is clearing area southwest of the recently liberated town of al-Baaj.",
    );
    expect(at(15)).toBe("It has own armed force called Peshmerga.");
    expect(at(22)).toBe("However, this still has to be confirmed.");
    expect(at(24)).toBe("Liwa al-Quds fighters actively participate in this campaign.");
    expect(at(25)).toBe("Voiceover by Harold Hoover");
    // A single newline after a line without final punctuation is a boundary.
    expect(at(29)).toBe("The original source of this article is South Front");
    expect(at(30)).toBe("Copyright © South Front, South Front, 2017");
    expect(at(34)).toBe(
      "Disclaimer: The contents of this article are of sole responsibility of the author(s).",
    );
    expect(at(42)).toBe("For media inquiries: publications@globalresearch.ca");
  });

  it("flags the header lines and everything after the body as boilerplate", () => {
    const flags = flagBoilerplate(text, sentences);
    expect(flags).toHaveLength(43);
    const expected = [1, 2, 3, 4, 5, 6, ...Array.from({ length: 18 }, (_, i) => 25 + i)];
    expect(flaggedIndices(flags)).toEqual(expected);
    expect(sentences.slice(1, 7).map((s) => findBoilerplateRule(s.text)?.id)).toEqual([
      "byline",
      "publication-line",
      "publication-line",
      "header-label",
      "header-label",
      "header-label",
    ]);
  });
});

describe("seed: southfront-2017-mosul-pmu-syrian-border", () => {
  const text = readSeed("southfront-2017-mosul-pmu-syrian-border.md");
  const sentences = segmentSentences(text);

  it("has no recognisable header, so no metadata", () => {
    expect(extractHeaderMetadata(text)).toStrictEqual({});
  });

  it("segments into 18 sentences with valid offsets", () => {
    expect(sentences).toHaveLength(18);
    expectValidSentences(text, sentences);
  });

  it("gets the sentences a reader sees", () => {
    const at = (i: number) => sentences[i]?.text;
    expect(at(0)).toBe(
      "If you’re able, and if you like our content and approach, please support the project.",
    );
    expect(at(1)).toBe("Our work wouldn’t be possible without your help: PayPal: or via: or via:");
    expect(at(3)).toBe(
      "Iraqi security forces (ISF) have continued putting pressure on ISIS terrorists in the western part of the Iraqi city of Mosul.",
    );
    expect(at(6)).toBe(
      "According to the Iraqi military, ISIS controls only 9% of the city of Mosul.",
    );
    expect(at(11)).toBe(
      "Thus, the PMU advance in the Qayrawan area could be seen as a preparation to further push to the Syrian border that will likely be synchronized with the Syrian military’s efforts in it’s own territory.",
    );
    expect(at(15)).toBe(
      "About 150 servicemen of the US and UK special operations forces entered southern Syria in order to support a ‘rebel advance’ against ISIS in the area.",
    );
    expect(at(17)).toBe(
      "Militants were advancing in the northwestern direction along the Syrian-Iraqi border.",
    );
  });

  it("flags only the appeal and the voiceover credit", () => {
    expect(flaggedIndices(flagBoilerplate(text, sentences))).toEqual([0, 1, 2]);
  });
});
