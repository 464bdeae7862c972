import { describe, expect, it } from "vitest";
import {
  BOILERPLATE_RULES,
  findBoilerplateRule,
  flagBoilerplate,
  isBoilerplate,
  segmentSentences,
} from "@/lib/domain/text";

describe("boilerplate rules", () => {
  it("have unique ids and descriptions", () => {
    const ids = BOILERPLATE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of BOILERPLATE_RULES) expect(rule.description.length).toBeGreaterThan(10);
  });

  const positives: Array<[string, string]> = [
    [
      "donation-appeal",
      "If you’re able, and if you like our content and approach, please support the project.",
    ],
    [
      "donation-appeal",
      "Our work wouldn’t be possible without your help: PayPal: southfront@list.ru or via: <http://southfront.org/donate/>",
    ],
    ["donation-appeal", "Please consider making a donation: support Global Research today"],
    ["donation-appeal", "Donate now"],
    ["membership", "[Become a Member of Global Research](#)"],
    ["membership", "Become a member and get our newsletter"],
    ["social-comment", "[Comment on Global Research Articles on our Facebook page](#)"],
    ["share-subscribe", "Share this article"],
    ["share-subscribe", "Subscribe to our newsletter for updates."],
    ["share-subscribe", "Follow us on Telegram"],
    [
      "disclaimer",
      "Disclaimer: The contents of this article are of sole responsibility of the author(s).",
    ],
    ["disclaimer", "The views expressed in this article are solely those of the author."],
    [
      "disclaimer",
      "The Centre for Research on Globalization will not be responsible for any inaccurate or incorrect statement in this article.",
    ],
    ["copyright", "Copyright © [South Front](#), [South Front](#), 2017"],
    ["copyright", "© Copyright Global Research 2017"],
    ["copyright", "Copyright 2017 Reuters. All rights reserved."],
    ["copyright", "© Provided by Business Insider Inc Nintendo/Apple"],
    ["copyright", "Photo: © AFP / Ahmad al-Rubaye"],
    ["copyright", "(c) 2017 Global Research"],
    ["copyright", "2017 Global Research. All rights reserved."],
    [
      "fair-use",
      "www.globalresearch.ca contains copyrighted material the use of which has not always been specifically authorized by the copyright owner.",
    ],
    [
      "fair-use",
      "This site contains copyrighted material the use of which has not always been authorized.",
    ],
    [
      "fair-use",
      'If you wish to use copyrighted material for purposes other than "fair use" you must request permission from the copyright owner.',
    ],
    ["featured-image", "Featured image: South Front"],
    ["featured-image", "Photo credit: Reuters"],
    ["original-source", "The original source of this article is [South Front](#)"],
    ["credits", "Voiceover by Harold Hoover"],
    ["credits", "Voiceover: Harold Hoover"],
    ["credits", "Produced by SouthFront"],
    ["header-label", "Region: [Middle East & North Africa](#)"],
    ["header-label", "Theme: [Terrorism](#), [US NATO War Agenda](#)"],
    ["header-label", "In-depth Report: [IRAQ REPORT](#), [SYRIA](#)"],
    ["byline", "By [South Front](#)"],
    ["byline", "By Jane Doe and John al-Rashid"],
    ["byline", "Articles by: [South Front](#)"],
    ["publication-line", "Global Research, June 09, 2017"],
    ["publication-line", "[South Front](#) 8 June 2017"],
    ["contact", "For media inquiries: publications@globalresearch.ca"],
  ];

  it.each(positives)("flags as %s: %s", (id, sentence) => {
    expect(findBoilerplateRule(sentence)?.id).toBe(id);
    expect(isBoilerplate(sentence)).toBe(true);
  });

  const negatives = [
    "Saudi Arabia pledged to donate $100 million to rebuild Mosul.",
    "The PMU enjoys the support of Iran and calls on Baghdad to support the project.",
    "PayPal shares fell 5% on Tuesday.",
    "Ukraine wants to become a member of NATO.",
    "The lawsuit alleges copyright infringement by the broadcaster.",
    "Copyright law in Iraq dates from 1971.",
    // A credit run into the article's first sentence (msn): the sentence must stay taggable.
    '© Provided by Business Insider Inc Nintendo/Apple Nintendo and Apple shocked the world earlier this year by announcing "Super Mario Run," the company\'s first foray into mobile gaming.',
    "The photo, © AFP, shows soldiers entering the town.",
    "Reporters said all rights reserved for the press had been revoked in Mosul.",
    "A judge ruled that the footage was fair use.",
    "The views expressed by the minister angered Baghdad.",
    "He issued a disclaimer saying the map was outdated.",
    "By Monday, ISIS had lost most of the city.",
    "By contrast Iraqi forces advanced",
    "Share prices in Baghdad fell sharply.",
    "Subscribers in Mosul lost internet access.",
    "Produced by Iranian engineers, the drones have been used across Syria.",
    "Images from the town of al-Baaj show destroyed buildings.",
    "The region will hold a referendum on September 25th, 2017.",
    "Iraqi forces advanced on June 9, 2017, according to the PMU.",
    "The original plan was to take Raqqa first.",
    "Video: Pressure on Terrorists in the Remaining ISIS Held Areas, Liberation of Western Iraq",
  ];

  it.each(negatives)("does not flag: %s", (sentence) => {
    expect(findBoilerplateRule(sentence)?.id).toBeUndefined();
  });

  it("flags every sentence of a notice paragraph given as context", () => {
    const paragraph =
      "www.globalresearch.ca contains copyrighted material. The material on this site is distributed without profit.";
    expect(isBoilerplate("The material on this site is distributed without profit.")).toBe(false);
    expect(
      isBoilerplate("The material on this site is distributed without profit.", { paragraph }),
    ).toBe(true);
  });
});

describe("flagBoilerplate", () => {
  it("flags sentences of notice paragraphs, not their neighbours", () => {
    const text = [
      "Iraqi forces advanced. They took the town.",
      "Disclaimer: The contents are the author's. The Centre will not answer for them.",
      "Fighting continued on Monday.",
    ].join("\n\n");
    expect(flagBoilerplate(text, segmentSentences(text))).toEqual([
      false,
      false,
      true,
      true,
      false,
    ]);
  });

  it("does not let one notice flag a whole article pasted without blank lines", () => {
    const text = [
      "Iraqi forces advanced.",
      "Disclaimer: The contents are the author's.",
      "The Centre will not answer for them.",
      "Fighting continued on Monday.",
    ].join("\n");
    expect(flagBoilerplate(text, segmentSentences(text))).toEqual([false, true, false, false]);
  });

  it("returns an empty list for no sentences", () => {
    expect(flagBoilerplate("", [])).toEqual([]);
  });
});
