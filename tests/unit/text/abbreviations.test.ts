import { describe, expect, it } from "vitest";
import { abbreviationKind, isSentenceStarter } from "@/lib/domain/text/abbreviations";

describe("abbreviationKind", () => {
  it.each([
    ["St.", "ambiguous"],
    ["ST.", "ambiguous"],
    ["FT.", "ambiguous"],
    ["MT.", "ambiguous"],
    ["MR.", "continues"],
    ["JAN.", "before-number"],
    ["NO.", "before-number"],
    ["A.M.", "ambiguous"],
    // Listed in lower case and never ending a sentence, but a word or state code in capitals.
    ["VS.", "ambiguous"],
    ["CA.", "ambiguous"],
    ["ca.", "continues"],
  ])("%s is %s", (token, kind) => {
    expect(abbreviationKind(token)).toBe(kind);
  });

  it.each(["V.", "P.", "NATO.", "END.", "sT."])("%s is no listed abbreviation", (token) => {
    expect(abbreviationKind(token)).toBeUndefined();
  });
});

describe("isSentenceStarter", () => {
  it("reads a word in capitals as a starter only in text written in capitals", () => {
    expect(isSentenceStarter("The", false)).toBe(true);
    expect(isSentenceStarter("THE", false)).toBe(false);
    expect(isSentenceStarter("THE", true)).toBe(true);
    expect(isSentenceStarter("LOUIS", true)).toBe(false);
  });
});
