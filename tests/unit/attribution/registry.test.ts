import { describe, expect, it } from "vitest";
import { guessSourceType, matchRegistrySource, type RegistryEntry } from "@/lib/domain/attribution";
import type { SourceType } from "@/lib/domain/annotation/labels";

const REGISTRY: RegistryEntry[] = [
  {
    id: "pmu",
    name: "Popular Mobilization Units (PMU)",
    aliases: ["Hashd al-Shaabi"],
    type: "NAMED_ORGANISATION",
  },
  { id: "muhandis", name: "Abu Mahdi al-Muhandis", aliases: [], type: "NAMED_PERSON" },
  {
    id: "iraqi-military",
    name: "Iraqi military",
    aliases: ["Iraqi armed forces"],
    type: "OFFICIAL_BODY",
  },
  { id: "sdf", name: "Syrian Democratic Forces", aliases: [], type: "NAMED_ORGANISATION" },
  { id: "reuters", name: "Reuters", aliases: [], type: "MEDIA_OUTLET" },
  { id: "sources", name: "Pro-government sources", aliases: [], type: "ANONYMOUS" },
];

describe("matchRegistrySource", () => {
  it.each([
    ["the PMU", "pmu", 0.9],
    ["Popular Mobilization Units", "pmu", 1],
    ["the Popular Mobilization Unit", "pmu", 0.95],
    ["Hashd al-Shaabi", "pmu", 1],
    ["The Iraqi military", "iraqi-military", 1],
    ["the Iraqi military's", "iraqi-military", 1],
    ["SDF", "sdf", 0.9],
    ["REUTERS", "reuters", 1],
    ["Al-Muhandis", "muhandis", 0.8],
    ["Abu Mahdi al Muhandis", "muhandis", 1],
    ["pro-government source", "sources", 0.95],
    ["the PMU's spokesman", "pmu", 0.6],
    // The speaker, not the body named in his title.
    ["Abu Mahdi al-Muhandis, Deputy Commander of the PMU", "muhandis", 1],
  ])("%s → %s", (text, id, minScore) => {
    const match = matchRegistrySource(text, REGISTRY);
    expect(match?.entry.id).toBe(id);
    expect(match!.score).toBeGreaterThanOrEqual(minScore);
    expect(match!.score).toBeLessThanOrEqual(1);
  });

  it("prefers the exact name over a partial one", () => {
    const registry: RegistryEntry[] = [
      { id: "army", name: "Syrian Army", aliases: [], type: "OFFICIAL_BODY" },
      { id: "arab-army", name: "Syrian Arab Army", aliases: ["SAA"], type: "OFFICIAL_BODY" },
    ];
    expect(matchRegistrySource("the Syrian Arab Army", registry)?.entry.id).toBe("arab-army");
    expect(matchRegistrySource("SAA", registry)?.entry.id).toBe("arab-army");
  });

  it("returns null when nothing is close", () => {
    expect(matchRegistrySource("local activists", REGISTRY)).toBeNull();
    // Only the vague head is shared: "some sources" are not "pro-government sources".
    expect(matchRegistrySource("Some sources", REGISTRY)).toBeNull();
    expect(matchRegistrySource("informed sources", REGISTRY)).toBeNull();
    expect(matchRegistrySource("", REGISTRY)).toBeNull();
    expect(matchRegistrySource("the PMU", [])).toBeNull();
  });
});

describe("guessSourceType", () => {
  const cases: Array<[string | null, SourceType]> = [
    ["Some sources", "ANONYMOUS"],
    ["some pro-government sources", "ANONYMOUS"],
    ["observers", "ANONYMOUS"],
    ["reports", "ANONYMOUS"],
    ["local activists", "ANONYMOUS"],
    ["a source close to the government", "ANONYMOUS"],
    ["available information", "ANONYMOUS"],
    ["the Iraqi military", "OFFICIAL_BODY"],
    ["Russia's defence ministry", "OFFICIAL_BODY"],
    ["police", "OFFICIAL_BODY"],
    ["the ministry's spokesman", "OFFICIAL_BODY"],
    ["Iraqi security forces", "OFFICIAL_BODY"],
    ["the government", "OFFICIAL_BODY"],
    ["Moscow", "OFFICIAL_BODY"],
    ["Abu Mahdi al-Muhandis, Deputy Commander of the PMU", "NAMED_PERSON"],
    ["Al-Muhandis", "NAMED_PERSON"],
    ["President Vladimir Putin", "NAMED_PERSON"],
    ["the PMU", "NAMED_ORGANISATION"],
    ["Popular Mobilization Units", "NAMED_ORGANISATION"],
    ["Human Rights Watch", "NAMED_ORGANISATION"],
    ["Reuters", "MEDIA_OUTLET"],
    ["Al Jazeera", "MEDIA_OUTLET"],
    ["the news agency", "MEDIA_OUTLET"],
    ["a Telegram channel", "SOCIAL_MEDIA"],
    ["a statement", "DOCUMENT"],
    ["A UN report", "DOCUMENT"],
    [null, "OUTLET_ITSELF"],
    // The gold set's conventions (tests/fixtures/attribution/README.md)
    ["The chancellor", "NAMED_PERSON"],
    ["her agent", "NAMED_PERSON"],
    ["the chief executive, Priya Raman", "NAMED_PERSON"],
    ["The council's cabinet member for finance, Colin Marsh", "NAMED_PERSON"],
    ["A spokesman for British American Tobacco", "NAMED_ORGANISATION"],
    ["Brigadier General Salim al-Dulaimi, the ministry's spokesman", "OFFICIAL_BODY"],
    ["The firms", "NAMED_ORGANISATION"],
    ["the All England Club", "NAMED_ORGANISATION"],
    ["Health campaigners", "ANONYMOUS"],
    ["Opposition councillors", "ANONYMOUS"],
    ["Employees", "ANONYMOUS"],
    ["two security officials", "ANONYMOUS"],
    ["state transportation officials", "OFFICIAL_BODY"],
    ["NASA", "OFFICIAL_BODY"],
    ["the Centers for Disease Control and Prevention", "OFFICIAL_BODY"],
    ["the second paper", "DOCUMENT"],
    ["Official forecasts", "DOCUMENT"],
    ["One", "ANONYMOUS"],
  ];
  it.each(cases)("%s → %s", (text, type) => {
    expect(guessSourceType(text)).toBe(type);
  });

  it("types anonymous posts by the platform named in the sentence", () => {
    expect(guessSourceType("activists", { sentence: "Activists said on Telegram that…" })).toBe(
      "SOCIAL_MEDIA",
    );
  });

  it("keeps reports on generic social media anonymous", () => {
    const sentence = "Reports appeared on social media that a bridge was blown up.";
    expect(guessSourceType("Reports", { sentence })).toBe("ANONYMOUS");
  });

  it("types a pronoun by what it refers to", () => {
    expect(guessSourceType("he", { resolvedSource: "Abu Mahdi al-Muhandis" })).toBe("NAMED_PERSON");
    expect(guessSourceType("it", { resolvedSource: "the Iraqi military" })).toBe("OFFICIAL_BODY");
    expect(guessSourceType("they")).toBe("NAMED_ORGANISATION");
  });
});
