import { describe, expect, it } from "vitest";
import {
  acceptedSource,
  commandForKey,
  KEY_HELP,
  keyHelp,
  namedAttributions,
  nextAttribution,
  registryEntryFor,
  suggestedName,
  suggestedSources,
  suggestionOutcome,
  type AttributionSuggestion,
  type RegistrySource,
  type SentenceSuggestions,
  type SourceFields,
} from "@/lib/domain/annotation";

const press = (key: string, shiftKey = false) => ({
  key,
  shiftKey,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
});

// "According to the Iraqi military, ISIS controls only 9% of the city of Mosul." at offset 1000.
const military: AttributionSuggestion = {
  cue: { text: "According to", start: 1000, end: 1012 },
  source: { text: "the Iraqi military", start: 1013, end: 1031 },
  resolvedSource: null,
  kind: "according-to",
  sourceId: null,
  sourceType: "OFFICIAL_BODY",
  confidence: 0.95,
};
const muhandis: AttributionSuggestion = {
  cue: { text: "pointed out", start: 2012, end: 2023 },
  source: { text: "Al-Muhandis", start: 2000, end: 2011 },
  resolvedSource: "Abu Mahdi al-Muhandis",
  kind: "reporting-verb",
  sourceId: null,
  sourceType: "NAMED_PERSON",
  confidence: 0.9,
};
const passive: AttributionSuggestion = {
  cue: { text: "it was reported", start: 3000, end: 3015 },
  source: null,
  resolvedSource: null,
  kind: "passive",
  sourceId: null,
  sourceType: null,
  confidence: 0.6,
};
const sentence = (...attributions: AttributionSuggestion[]): SentenceSuggestions => ({
  sentenceId: "s1",
  attributions,
  label: { value: "SOURCED_FACT", confidence: 0.8, model: "rules" },
});

const army: RegistrySource = {
  id: "r-army",
  name: "Iraqi military",
  aliases: ["Iraqi army"],
  type: "OFFICIAL_BODY",
};
const person: RegistrySource = {
  id: "r-muhandis",
  name: "Abu Mahdi al-Muhandis",
  aliases: [],
  type: "NAMED_PERSON",
};

const none: SourceFields = {
  sourceId: null,
  sourceText: null,
  sourceType: null,
  sourceStart: null,
  sourceEnd: null,
};

describe("accepting a suggestion", () => {
  it("only attributions naming somebody can be accepted", () => {
    expect(namedAttributions(sentence(passive, military, muhandis))).toEqual([military, muhandis]);
    expect(namedAttributions(undefined)).toEqual([]);
  });

  it("names a new entry after the person named earlier, without this sentence's appositive", () => {
    expect(suggestedName(muhandis)).toBe("Abu Mahdi al-Muhandis");
    expect(
      suggestedName({
        ...muhandis,
        resolvedSource: null,
        source: { text: "Abu Mahdi al-Muhandis, Deputy Commander of the PMU", start: 0, end: 50 },
      }),
    ).toBe("Abu Mahdi al-Muhandis");
    expect(suggestedName(military)).toBe("the Iraqi military");
  });

  it("finds the entry by the server's match, or by name in entries added since", () => {
    expect(registryEntryFor({ ...military, sourceId: army.id }, [army])).toBe(army);
    expect(registryEntryFor(military, [person, army])).toBe(army);
    expect(registryEntryFor(muhandis, [army, person])).toBe(person);
    expect(registryEntryFor(military, [person])).toBeNull();
    expect(registryEntryFor(passive, [army])).toBeNull();
    // Entries added since are found by the same name only, never by overlap.
    const some: AttributionSuggestion = {
      ...military,
      source: { text: "Some sources", start: 0, end: 12 },
      sourceType: "ANONYMOUS",
    };
    const proGovernment: RegistrySource = {
      id: "r-pg",
      name: "Some pro-government sources",
      aliases: [],
      type: "ANONYMOUS",
    };
    expect(registryEntryFor(some, [proGovernment])).toBeNull();
    expect(registryEntryFor(some, [{ ...proGovernment, aliases: ["some sources"] }])).toMatchObject(
      {
        id: "r-pg",
      },
    );
  });

  it("sets the entry, its name and type, and the source words as the span", () => {
    expect(acceptedSource(military, army)).toEqual({
      sourceId: "r-army",
      sourceText: "Iraqi military",
      sourceType: "OFFICIAL_BODY",
      sourceStart: 1013,
      sourceEnd: 1031,
    });
    // A quote carried from another sentence has no words here to mark.
    expect(
      acceptedSource({ ...muhandis, source: null, kind: "quote-carried" }, person),
    ).toMatchObject({ sourceId: "r-muhandis", sourceStart: null, sourceEnd: null });
  });

  it("lists what accepting each named attribution would set; null when nobody is named", () => {
    expect(suggestedSources(sentence(military, muhandis), [army])).toEqual([
      acceptedSource(military, army),
    ]);
    expect(suggestedSources(sentence(passive), [army])).toBeNull();
    expect(suggestedSources(undefined, [army])).toBeNull();
  });

  it("cycles through a sentence's suggestions", () => {
    expect([0, 1, 2].map((i) => nextAttribution(i, 3))).toEqual([1, 2, 0]);
    expect(nextAttribution(0, 0)).toBe(0);
  });
});

describe("the suggestion outcome saved with an annotation", () => {
  const accepted = acceptedSource(military, army);
  const suggested = [accepted];

  it("is null when the assistant named nobody", () => {
    expect(suggestionOutcome(null, accepted, undefined)).toBeNull();
    expect(suggestionOutcome(null, none, "ACCEPTED")).toBeNull();
  });

  it("is ACCEPTED while the saved source is a suggestion unchanged, whatever came before", () => {
    expect(suggestionOutcome(suggested, accepted, undefined)).toBe("ACCEPTED");
    expect(suggestionOutcome(suggested, accepted, "EDITED")).toBe("ACCEPTED");
    expect(suggestionOutcome(suggested, accepted, "IGNORED")).toBe("ACCEPTED");
  });

  it("is EDITED once an accepted source's entry, span or type changes", () => {
    for (const changed of [
      { ...accepted, sourceType: "NAMED_ORGANISATION" },
      { ...accepted, sourceStart: 1017 },
      { ...accepted, sourceId: "r-other", sourceText: "Other" },
      none,
    ]) {
      expect(suggestionOutcome(suggested, changed, "ACCEPTED")).toBe("EDITED");
      expect(suggestionOutcome(suggested, changed, "EDITED")).toBe("EDITED");
    }
  });

  it("is IGNORED when a suggestion existed and something else, or no source, was saved", () => {
    expect(suggestionOutcome(suggested, none, undefined)).toBe("IGNORED");
    expect(suggestionOutcome(suggested, none, null)).toBe("IGNORED");
    expect(suggestionOutcome([], { ...none, sourceText: "typed by hand" }, "IGNORED")).toBe(
      "IGNORED",
    );
  });
});

describe("the assistant's keys", () => {
  it("A accepts, Shift+A shows the next; Caps Lock's A without Shift accepts", () => {
    expect(commandForKey(press("a"))).toEqual({ kind: "accept-suggestion" });
    expect(commandForKey(press("A"))).toEqual({ kind: "accept-suggestion" });
    expect(commandForKey(press("A", true))).toEqual({ kind: "next-suggestion" });
  });

  it("are listed in the help only while the assistant is on, before ? and Esc", () => {
    expect(keyHelp({ assistant: false })).toEqual(KEY_HELP);
    const on = keyHelp({ assistant: true }).map((k) => k.keys);
    expect(on).toEqual(expect.arrayContaining(["A", "Shift + A"]));
    expect(on.slice(-4)).toEqual(["A", "Shift + A", "?", "Esc"]);
    expect(keyHelp({ assistant: false }).map((k) => k.keys)).not.toContain("A");
  });

  it("do not take a key another command uses", () => {
    const keys = KEY_HELP.flatMap((k) => k.keys.split(/[ ,/]+/));
    expect(keys).not.toContain("A");
  });
});
