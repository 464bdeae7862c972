import { describe, expect, it } from "vitest";
import {
  SEGMENTER_VERSION,
  SentenceEditError,
  mergeSentences,
  normalizeText,
  segmentSentences,
  splitSentence,
  type Sentence,
} from "@/lib/domain/text";
import { expectValidSentences, readSeed, sentencesOf } from "./helpers";

describe("segmentSentences: news edge cases", () => {
  const cases: Array<[string, string, string[]]> = [
    [
      "sentence-final U.S. before a sentence starter splits",
      "The talks were held in the U.S. The delegation left on Monday.",
      ["The talks were held in the U.S.", "The delegation left on Monday."],
    ],
    [
      "U.S. before a pronoun splits",
      "He lives in the U.S. He travels often.",
      ["He lives in the U.S.", "He travels often."],
    ],
    [
      "U.S. before a proper noun stays",
      "The U.S. Army said it struck the convoy.",
      ["The U.S. Army said it struck the convoy."],
    ],
    [
      "U.N., E.U. and U.K. stay mid-sentence",
      "The U.N. Security Council, the E.U. Commission and U.K. Defence Secretary Michael Fallon met.",
      [
        "The U.N. Security Council, the E.U. Commission and U.K. Defence Secretary Michael Fallon met.",
      ],
    ],
    [
      "superscripts and decimals in measurements",
      "The area covers 3.5 km². It lies 30km east of Palmyra, about 4.2 km from the road.",
      ["The area covers 3.5 km².", "It lies 30km east of Palmyra, about 4.2 km from the road."],
    ],
    [
      "sentence-final Arabic place name with a hyphen",
      "They reached al-Baaj. Fighting continued in al-Zanjili.",
      ["They reached al-Baaj.", "Fighting continued in al-Zanjili."],
    ],
    [
      "a quotation of two sentences is one unit, ending at its closing quote",
      'He said: "We will win. They will lose." Then he left.',
      ['He said: "We will win. They will lose."', "Then he left."],
    ],
    [
      "a typographic quotation of two sentences stays one unit with its attribution",
      "“It is over. We won,” the commander said. The shelling stopped.",
      ["“It is over. We won,” the commander said.", "The shelling stopped."],
    ],
    [
      "a quotation left open does not swallow the rest of the paragraph",
      "He said: “We will win. They will lose. Then he left.",
      ["He said: “We will win.", "They will lose.", "Then he left."],
    ],
    [
      "a quotation is never joined across a blank line",
      "He said: “We will win.\n\nThey will lose.”",
      ["He said: “We will win.", "They will lose.”"],
    ],
    [
      "an inline numbered list: one unit per item",
      "Demands: 1.) Withdraw from Mosul 2.) Release prisoners",
      ["Demands:", "1.) Withdraw from Mosul", "2.) Release prisoners"],
    ],
    [
      "list items on their own lines with 1.) markers",
      "1.) Withdraw from Mosul\n2.) Release prisoners.\n3.) Open the border",
      ["1.) Withdraw from Mosul", "2.) Release prisoners.", "3.) Open the border"],
    ],
    [
      "numbers in prose are not a list",
      "The vote was 1. The count was 2. Nobody objected.",
      ["The vote was 1.", "The count was 2.", "Nobody objected."],
    ],
    [
      "Yahoo! before a lower-case word continues, before a sentence starter ends",
      "She works at Yahoo! in Sunnyvale. He left Yahoo! The firm hired him back.",
      ["She works at Yahoo! in Sunnyvale.", "He left Yahoo!", "The firm hired him back."],
    ],
    [
      "a citation after a closing quote belongs to the quoted sentence",
      "“The city has fallen” (Reuters). Fighting continued.",
      ["“The city has fallen” (Reuters).", "Fighting continued."],
    ],
    [
      "spaced ellipses: mid-sentence they continue, after a period the next sentence starts",
      "The forces . . . advanced. . . . Then the rest followed.",
      ["The forces . . . advanced.", ". . . Then the rest followed."],
    ],
    [
      "sentences run together without a space, but not addresses or abbreviations",
      "Mosul fell on Tuesday.Mr. Abadi spoke.Write to Jane.Doe@list.ru in St.Petersburg now.",
      [
        "Mosul fell on Tuesday.",
        "Mr. Abadi spoke.",
        "Write to Jane.Doe@list.ru in St.Petersburg now.",
      ],
    ],
    [
      "three short lines without punctuation are a list, even in lower case",
      "features\ncontact manager\nevents, activities",
      ["features", "contact manager", "events, activities"],
    ],
    [
      "typographic quotes",
      "He said: “We will win.” Then he left.",
      ["He said: “We will win.”", "Then he left."],
    ],
    [
      "nested quotes",
      "She said: \"He told me 'we will return.'\" Then silence fell.",
      ["She said: \"He told me 'we will return.'\"", "Then silence fell."],
    ],
    [
      "numbered list items are separate, markers stay with their item",
      "Demands:\n1. Withdraw from Mosul.\n2. Release prisoners\n3) Open the border",
      ["Demands:", "1. Withdraw from Mosul.", "2. Release prisoners", "3) Open the border"],
    ],
    [
      "bullet list items without punctuation are separate",
      "Key points\n- ISIS lost ground\n- The PMU advanced\n* Talks stalled",
      ["Key points", "- ISIS lost ground", "- The PMU advanced", "* Talks stalled"],
    ],
    [
      "a dateline stays with the first sentence",
      "BAGHDAD, June 8 (Reuters) - Iraqi forces advanced on Thursday. ISIS retreated.",
      ["BAGHDAD, June 8 (Reuters) - Iraqi forces advanced on Thursday.", "ISIS retreated."],
    ],
    [
      "a dateline with an abbreviated month and U.S.",
      "WASHINGTON, Jan. 5 (Reuters) - U.S. officials said the strike was legal. It hit a convoy.",
      [
        "WASHINGTON, Jan. 5 (Reuters) - U.S. officials said the strike was legal.",
        "It hit a convoy.",
      ],
    ],
    [
      "a dateline on its own line joins the next line",
      "BAGHDAD, June 8 (Reuters) -\nIraqi forces advanced.",
      ["BAGHDAD, June 8 (Reuters) -\nIraqi forces advanced."],
    ],
    [
      "a dateline with a dotted state abbreviation stays with its sentence",
      "HARPER'S FERRY, W.Va. (AP) - A 19th-century bridge will close. It is old.",
      ["HARPER'S FERRY, W.Va. (AP) - A 19th-century bridge will close.", "It is old."],
    ],
    [
      "a dateline after a headline, with initials and an em dash",
      "Stocks fall\n\nNEW YORK, N.Y. (Reuters) \u2014 Stocks fell. Oil rose.",
      ["Stocks fall", "NEW YORK, N.Y. (Reuters) \u2014 Stocks fell.", "Oil rose."],
    ],
    [
      "a dateline with a closed-up em dash",
      "CHARLESTON, W.Va. (AP)\u2014A bridge closed. It is old.",
      ["CHARLESTON, W.Va. (AP)\u2014A bridge closed.", "It is old."],
    ],
    [
      "a dateline with a state abbreviation the segmenter does not list",
      "LOS ANGELES, Calif. (AP) - A fire burned. It is out.",
      ["LOS ANGELES, Calif. (AP) - A fire burned.", "It is out."],
    ],
    [
      "a bracket after a sentence ending in an abbreviation is a new unit",
      "He lives in the U.S. (See above.) He travels.",
      ["He lives in the U.S.", "(See above.)", "He travels."],
    ],
    [
      "a bracket without a dash after a place at the start of a text is a new unit",
      "They met in Charleston, W.Va. (See above.) Nothing was agreed.",
      ["They met in Charleston, W.Va.", "(See above.)", "Nothing was agreed."],
    ],
    [
      "an agency and dash after a sentence, not a place, is left as ICU cut it",
      "Officials met. They said so. It rained in W.Va. (AP) - A bridge closed.",
      ["Officials met.", "They said so.", "It rained in W.Va.", "(AP) - A bridge closed."],
    ],
    [
      "No. before a number",
      "Checkpoint No. 5 was captured. No. The other one held.",
      ["Checkpoint No. 5 was captured.", "No.", "The other one held."],
    ],
    [
      "St. Petersburg",
      "Talks in St. Petersburg ended. Nothing was agreed.",
      ["Talks in St. Petersburg ended.", "Nothing was agreed."],
    ],
    [
      "J.P. Morgan",
      "Analysts at J.P. Morgan expect oil to rise.",
      ["Analysts at J.P. Morgan expect oil to rise."],
    ],
    [
      "military titles",
      "Gen. Qassem Soleimani visited the front. Lt. Col. John Smith and Maj. Gen. Ali denied it.",
      [
        "Gen. Qassem Soleimani visited the front.",
        "Lt. Col. John Smith and Maj. Gen. Ali denied it.",
      ],
    ],
    [
      "civil titles",
      "Sen. John McCain, Rep. Nancy Pelosi, Gov. Jerry Brown, Pres. Putin, Prof. Cole, Dr. Ali, Mr. and Mrs. Smith and Ms. Jones met.",
      [
        "Sen. John McCain, Rep. Nancy Pelosi, Gov. Jerry Brown, Pres. Putin, Prof. Cole, Dr. Ali, Mr. and Mrs. Smith and Ms. Jones met.",
      ],
    ],
    [
      "a middle initial",
      "Former President George W. Bush spoke.",
      ["Former President George W. Bush spoke."],
    ],
    [
      "a.m. and p.m.",
      "The attack began at 5 a.m. Monday and ended at 6 p.m. The next day was calm.",
      ["The attack began at 5 a.m. Monday and ended at 6 p.m.", "The next day was calm."],
    ],
    [
      "a.m. before No ends the sentence",
      "The blaze began shortly after 1 a.m. No one was injured, a spokesman said.",
      ["The blaze began shortly after 1 a.m.", "No one was injured, a spokesman said."],
    ],
    [
      "p.m. and U.S. before None, Nobody, Neither",
      "It ended at 6 p.m. None were hurt. They met in the U.S. Nobody came. Or the U.K. Neither.",
      [
        "It ended at 6 p.m.",
        "None were hurt.",
        "They met in the U.S.",
        "Nobody came.",
        "Or the U.K.",
        "Neither.",
      ],
    ],
    [
      "a one-word sentence after an abbreviation is its own unit",
      "They met in the U.S. Yesterday. Then again at 5 p.m. Today.",
      ["They met in the U.S.", "Yesterday.", "Then again at 5 p.m.", "Today."],
    ],
    [
      "a.m. before a title or a day stays in the sentence",
      "At 5 a.m. Mr. Smith went to the bank. The vote is at 10 p.m. Friday in the hall.",
      ["At 5 a.m. Mr. Smith went to the bank.", "The vote is at 10 p.m. Friday in the hall."],
    ],
    [
      "No. with its own period is an abbreviation, not a sentence starter",
      "He is the U.S. No. 2 diplomat and met the 6 p.m. No. 9 bus.",
      ["He is the U.S. No. 2 diplomat and met the 6 p.m. No. 9 bus."],
    ],
    [
      "e.g., i.e., vs., approx. mid-sentence; etc. at the end",
      "Several states, e.g. Iraq, objected, i.e. Baghdad vs. Erbil, approx. Ten left, etc. The rest stayed.",
      [
        "Several states, e.g. Iraq, objected, i.e. Baghdad vs. Erbil, approx. Ten left, etc.",
        "The rest stayed.",
      ],
    ],
    [
      "decimals and prices",
      "Oil rose 3.5 percent to $48.20. Gold fell 0.4 percent.",
      ["Oil rose 3.5 percent to $48.20.", "Gold fell 0.4 percent."],
    ],
    [
      "URLs and e-mail addresses with dots and question marks",
      "Visit www.globalresearch.ca or https://southfront.org/?p=1. Write to a.b@list.ru for details. The end.",
      [
        "Visit www.globalresearch.ca or https://southfront.org/?p=1.",
        "Write to a.b@list.ru for details.",
        "The end.",
      ],
    ],
    [
      "ellipses",
      "He waited… Then he left. The forces … advanced slowly. Wait... Then what?",
      ["He waited…", "Then he left.", "The forces … advanced slowly.", "Wait...", "Then what?"],
    ],
    [
      "?! and ?!?",
      "Victory?! Not yet. Really?!? Yes.",
      ["Victory?!", "Not yet.", "Really?!?", "Yes."],
    ],
    [
      "parentheses and brackets after the period",
      "ISIS retreated. (The group denied this.) The city fell (according to the PMU.) Fighting continued [sic.] There.",
      [
        "ISIS retreated.",
        "(The group denied this.)",
        "The city fell (according to the PMU.)",
        "Fighting continued [sic.]",
        "There.",
      ],
    ],
    [
      "a heading without punctuation before a paragraph on the next line",
      "Liberation of Western Iraq\nThe PMU advanced on Thursday.",
      ["Liberation of Western Iraq", "The PMU advanced on Thursday."],
    ],
    [
      "headings separated by blank lines",
      "Liberation of Western Iraq\n\nThe PMU advanced.\n\nKurdish referendum\n\nIt is set for September.",
      [
        "Liberation of Western Iraq",
        "The PMU advanced.",
        "Kurdish referendum",
        "It is set for September.",
      ],
    ],
    [
      "Arabic names with apostrophes",
      "Abu Bakr al-Baghdadi’s men fled. Sa'ad al-Ja'afari and Mu’ayyad al-Lami said so.",
      ["Abu Bakr al-Baghdadi’s men fled.", "Sa'ad al-Ja'afari and Mu’ayyad al-Lami said so."],
    ],
    [
      "a blank line is a hard boundary even after U.S.",
      "He lives in the U.S.\n\nArmy units left.",
      ["He lives in the U.S.", "Army units left."],
    ],
    [
      "a line without final punctuation before a capitalised line is a boundary",
      "The original source of this article is South Front\nCopyright © South Front, 2017",
      ["The original source of this article is South Front", "Copyright © South Front, 2017"],
    ],
    [
      "hard-wrapped prose: single newlines are spaces",
      "The Iraqi Popular Mobilization Units (PMU) are rapidly advancing against\n" +
        "ISIS terrorists in the border area with Syria. They have liberated about\n" +
        "110 villages from ISIS terrorists in western Iraq over the past two weeks,\n" +
        "according to the PMU.",
      [
        "The Iraqi Popular Mobilization Units (PMU) are rapidly advancing against\nISIS terrorists in the border area with Syria.",
        "They have liberated about\n110 villages from ISIS terrorists in western Iraq over the past two weeks,\naccording to the PMU.",
      ],
    ],
    [
      "a wrapped bullet item continues on an indented line",
      "- Iraqi forces advanced on the\n  town of Qayrawan\n- ISIS retreated",
      ["- Iraqi forces advanced on the\n  town of Qayrawan", "- ISIS retreated"],
    ],
    [
      "surrounding whitespace is not part of a sentence",
      "  \n  First one.   Second one.  \n\n ",
      ["First one.", "Second one."],
    ],
    ["no text, no sentences", " \n\n\t ", []],
  ];

  it.each(cases)("%s", (_name, text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });

  it("counts UTF-16 code units, so characters outside the BMP shift later offsets by two", () => {
    const text = "🔥 Fire broke out in Mosul. Residents fled 🏃‍♂️. Then calm 👍.";
    const sentences = segmentSentences(text);
    expectValidSentences(text, sentences);
    expect(sentences.map((s) => [s.start, s.end])).toEqual([
      [0, 27],
      [28, 49],
      [50, 63],
    ]);
    expect(sentences[2]?.text).toBe("Then calm 👍.");
  });

  it("gives offsets into the normalised text for CRLF input", () => {
    const text = normalizeText(
      "\uFEFFHeadline here\r\n\r\nFirst sentence.  Second one.\r\nThird.\r\n",
    );
    expect(text).toBe("Headline here\n\nFirst sentence.  Second one.\nThird.");
    const sentences = segmentSentences(text);
    expectValidSentences(text, sentences);
    expect(sentences.map((s) => [s.text, s.start])).toEqual([
      ["Headline here", 0],
      ["First sentence.", 15],
      ["Second one.", 32],
      ["Third.", 44],
    ]);
  });

  it("also copes with un-normalised CRLF text", () => {
    expect(sentencesOf("Headline\r\n\r\nOne. Two.\r\nThree.")).toEqual([
      "Headline",
      "One.",
      "Two.",
      "Three.",
    ]);
  });

  it("segments a very long paragraph exactly like its parts", () => {
    const parts = [
      "The U.S. Army said so.",
      "It was in St. Petersburg.",
      "Was it?",
      "Yes, at 5 p.m. Monday.",
    ];
    const text = Array.from({ length: 3_000 }, () => parts.join(" ")).join(" ");
    const sentences = sentencesOf(text);
    expect(sentences).toHaveLength(12_000);
    expect(new Set(sentences)).toEqual(new Set(parts));
  });

  it("cuts a run of over 20,000 characters with no sentence break at a space", () => {
    const text = "word ".repeat(9_000).trim();
    const sentences = segmentSentences(text);
    expectValidSentences(text, sentences);
    expect(sentences.map((s) => s.text.length)).toEqual([19_999, 19_999, 4_999]);
  });

  it("is fast enough for 20,000 sentences", () => {
    const article = readSeed("southfront-2017-mosul-pmu-syrian-border.md");
    const text = Array.from({ length: 1_112 }, () => article).join("\n\n");
    const started = performance.now();
    const sentences = segmentSentences(text);
    const elapsed = performance.now() - started;
    expect(sentences.length).toBe(18 * 1_112);
    // Typically ~150 ms; the bound only catches quadratic behaviour.
    expect(elapsed).toBeLessThan(3_000);
  });

  it("has a version to store with the offsets", () => {
    expect(SEGMENTER_VERSION).toBe(3);
  });
});

describe("segmentSentences: datelines and headlines in capitals", () => {
  const cases: Array<[string, string, string[]]> = [
    [
      "ST. opens a dateline without a state",
      "ST. LOUIS (AP) \u2014 A bridge closed. It is old.",
      ["ST. LOUIS (AP) \u2014 A bridge closed.", "It is old."],
    ],
    [
      "FT. opens a dateline with a state",
      "FT. WORTH, Texas (AP) \u2014 A bridge closed. It is old.",
      ["FT. WORTH, Texas (AP) \u2014 A bridge closed.", "It is old."],
    ],
    [
      "MT. and a dotted state in one dateline",
      "MT. PLEASANT, S.C. (AP) - A bridge closed. It is old.",
      ["MT. PLEASANT, S.C. (AP) - A bridge closed.", "It is old."],
    ],
    [
      "ST. before a country and another agency",
      "ST. PETERSBURG, Russia (Reuters) - Talks ended. Nothing was agreed.",
      ["ST. PETERSBURG, Russia (Reuters) - Talks ended.", "Nothing was agreed."],
    ],
    [
      "D.C. closes a dateline",
      "WASHINGTON, D.C. (AP) \u2014 A bridge closed. It is old.",
      ["WASHINGTON, D.C. (AP) \u2014 A bridge closed.", "It is old."],
    ],
    [
      "two abbreviations in capitals and a state",
      "MT. ST. HELENS, Wash. (AP) \u2014 It erupted. Ash fell.",
      ["MT. ST. HELENS, Wash. (AP) \u2014 It erupted.", "Ash fell."],
    ],
    [
      "a month in capitals before a day",
      "WASHINGTON, JAN. 5 (Reuters) - Talks began. They ended.",
      ["WASHINGTON, JAN. 5 (Reuters) - Talks began.", "They ended."],
    ],
    [
      "a headline line opening with U.S.",
      "U.S. TROOPS ENTER MOSUL\n\nTroops entered Mosul. It fell.",
      ["U.S. TROOPS ENTER MOSUL", "Troops entered Mosul.", "It fell."],
    ],
    [
      "a headline line with ST. and VS.",
      "ST. LOUIS VS. CHICAGO\n\nThey played.",
      ["ST. LOUIS VS. CHICAGO", "They played."],
    ],
    [
      "a headline line keeps U.S. before a word that can open a sentence",
      "U.S. AND IRAN AGREE\n\nThey signed.",
      ["U.S. AND IRAN AGREE", "They signed."],
    ],
    ["titles in capitals", "MR. SMITH GOES TO WASHINGTON", ["MR. SMITH GOES TO WASHINGTON"]],
    [
      "ST. in capitals inside a mixed-case sentence",
      "He moved to ST. LOUIS last year.",
      ["He moved to ST. LOUIS last year."],
    ],
    // Near misses: genuine sentence ends that must stay.
    ["a headline line with a sentence end", "THE END. NEXT CHAPTER", ["THE END.", "NEXT CHAPTER"]],
    [
      "a sentence ending in an acronym",
      "The alliance grew when Poland joined NATO. It was 1999.",
      ["The alliance grew when Poland joined NATO.", "It was 1999."],
    ],
    [
      "a place in capitals ending a sentence in capitals",
      "THEY MET IN ST. LOUIS. THE TALKS FAILED.",
      ["THEY MET IN ST. LOUIS.", "THE TALKS FAILED."],
    ],
    [
      "ST. ending a sentence in capitals before a sentence starter",
      "THEY LIVE ON MAIN ST. THE TALKS FAILED.",
      ["THEY LIVE ON MAIN ST.", "THE TALKS FAILED."],
    ],
    [
      "U.S. ending a sentence in capitals before a sentence starter",
      "WE LIVE IN THE U.S. THE TALKS FAILED.",
      ["WE LIVE IN THE U.S.", "THE TALKS FAILED."],
    ],
    [
      "P.M. ending a sentence in capitals",
      "I WENT HOME AT 5 P.M. THE DOOR WAS OPEN.",
      ["I WENT HOME AT 5 P.M.", "THE DOOR WAS OPEN."],
    ],
    [
      "a state code in capitals ends a sentence though ca. never does",
      "HE LIVES IN LOS ANGELES, CA. THE TOWN IS BIG.",
      ["HE LIVES IN LOS ANGELES, CA.", "THE TOWN IS BIG."],
    ],
    [
      "NO. in capitals continues only before a number",
      "HE SAID NO. THE TALKS ENDED. ROUTE NO. 5 IS OPEN.",
      ["HE SAID NO.", "THE TALKS ENDED.", "ROUTE NO. 5 IS OPEN."],
    ],
    [
      "beside lower case a word in capitals after U.S. is an acronym, not a starter",
      "Jobs in the U.S. IT industry grew.",
      ["Jobs in the U.S. IT industry grew."],
    ],
    [
      "a place after a sentence on the same line is no dateline",
      "IT RAINED. ST. LOUIS, Mo. (AP) - A bridge closed.",
      ["IT RAINED.", "ST. LOUIS, Mo.", "(AP) - A bridge closed."],
    ],
    [
      "a line start with a sentence end inside, not an abbreviation, is no dateline",
      "IT ENDED. then, ST. LOUIS, Mo. (AP) - A bridge closed.",
      ["IT ENDED. then, ST. LOUIS, Mo.", "(AP) - A bridge closed."],
    ],
  ];

  it.each(cases)("%s", (_name, text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });
});

describe("mergeSentences / splitSentence", () => {
  const text =
    "Iraqi forces advanced. ISIS retreated from Mosul. Talks resumed in Geneva. Nothing changed.";
  const original = segmentSentences(text);

  const spans = (list: readonly Sentence[], skip: number[]) =>
    list.filter((_, i) => !skip.includes(i)).map((s) => [s.start, s.end, s.text]);

  it("merges two sentences, keeping every other sentence's offsets", () => {
    const merged = mergeSentences(original, 1, text);
    expectValidSentences(text, merged);
    expect(merged).toHaveLength(3);
    expect(merged[1]).toEqual({
      index: 1,
      start: original[1]?.start,
      end: original[2]?.end,
      text: "ISIS retreated from Mosul. Talks resumed in Geneva.",
    });
    expect(merged[0]).toBe(original[0]);
    expect(merged[2]).toEqual({ ...original[3], index: 2 });
    expect(spans(merged, [1])).toEqual(spans(original, [1, 2]));
  });

  it("splits a sentence, keeping every other sentence's offsets", () => {
    const target = original[1];
    if (!target) throw new Error("fixture");
    const at = text.indexOf(" from Mosul");
    const split = splitSentence(original, 1, at);
    expectValidSentences(text, split);
    expect(split.map((s) => s.text)).toEqual([
      "Iraqi forces advanced.",
      "ISIS retreated",
      "from Mosul.",
      "Talks resumed in Geneva.",
      "Nothing changed.",
    ]);
    expect(split[1]).toEqual({ index: 1, start: target.start, end: at, text: "ISIS retreated" });
    expect(split[2]?.start).toBe(at + 1);
    expect(split[2]?.end).toBe(target.end);
    expect(split[3]).toEqual({ ...original[2], index: 3 });
    expect(split[4]).toEqual({ ...original[3], index: 4 });
    expect(spans(split, [1, 2])).toEqual(spans(original, [1]));
  });

  it("undoes a merge with a split at the old boundary", () => {
    const merged = mergeSentences(original, 2, text);
    const boundary = original[3]?.start ?? -1;
    expect(splitSentence(merged, 2, boundary)).toEqual(original);
  });

  it("does not modify its input", () => {
    const copy = structuredClone(original);
    mergeSentences(original, 0, text);
    splitSentence(original, 0, 5);
    expect(original).toEqual(copy);
  });

  const editError = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof SentenceEditError) return { code: e.code, message: e.message };
      throw e;
    }
    throw new Error("expected a SentenceEditError");
  };

  it("rejects merging the last sentence or an unknown index", () => {
    expect(editError(() => mergeSentences(original, 3, text))).toEqual({
      code: "NO_NEXT_SENTENCE",
      message: "Sentence 3 is the last one; there is nothing to merge it with.",
    });
    expect(editError(() => mergeSentences(original, -1, text)).code).toBe("INDEX_OUT_OF_RANGE");
    expect(editError(() => mergeSentences(original, 1.5, text)).code).toBe("INDEX_OUT_OF_RANGE");
    expect(editError(() => mergeSentences(original, 0, "different text")).code).toBe(
      "TEXT_MISMATCH",
    );
  });

  it("rejects splitting at the very start, the very end, or outside the sentence", () => {
    const s = original[1];
    if (!s) throw new Error("fixture");
    expect(editError(() => splitSentence(original, 1, s.start))).toEqual({
      code: "OFFSET_OUTSIDE_SENTENCE",
      message: `Offset ${s.start} is not strictly inside sentence 1 (${s.start}–${s.end}).`,
    });
    expect(editError(() => splitSentence(original, 1, s.end)).code).toBe("OFFSET_OUTSIDE_SENTENCE");
    expect(editError(() => splitSentence(original, 1, 0)).code).toBe("OFFSET_OUTSIDE_SENTENCE");
    expect(editError(() => splitSentence(original, 1, s.start + 0.5)).code).toBe(
      "OFFSET_OUTSIDE_SENTENCE",
    );
    expect(editError(() => splitSentence(original, 4, 1)).code).toBe("INDEX_OUT_OF_RANGE");
  });

  it("rejects splitting inside a surrogate pair", () => {
    const emoji = "Fire 🔥 spread. Calm.";
    const sentences = segmentSentences(emoji);
    expect(editError(() => splitSentence(sentences, 0, emoji.indexOf("🔥") + 1)).code).toBe(
      "SPLITS_CHARACTER",
    );
    expect(splitSentence(sentences, 0, emoji.indexOf("🔥") + 2).map((s) => s.text)).toEqual([
      "Fire 🔥",
      "spread.",
      "Calm.",
    ]);
  });

  it("rejects a split that leaves only whitespace on one side", () => {
    const padded: Sentence[] = [{ index: 0, start: 0, end: 4, text: "Ab  " }];
    expect(editError(() => splitSentence(padded, 0, 3)).code).toBe("EMPTY_PART");
  });
});
