import { describe, expect, it } from "vitest";
import { looseTextKey, nearDuplicatesWithin } from "@/lib/domain/ingest/near-duplicates";
import { normalizeText } from "@/lib/domain/text";

describe("looseTextKey", () => {
  it("is the same for texts that differ only in whitespace and line wrapping", () => {
    const a = "The minister said the bridge\nwould reopen.\n\nResidents doubted it.";
    const b = "The minister said the bridge would reopen. Residents   doubted\u00A0it.";
    const c = "  The minister said\tthe bridge would\u2003reopen.\nResidents doubted it.\n";
    expect(looseTextKey(a)).toBe(
      "The minister said the bridge would reopen. Residents doubted it.",
    );
    expect(looseTextKey(b)).toBe(looseTextKey(a));
    expect(looseTextKey(normalizeText(c))).toBe(looseTextKey(a));
  });

  it("keeps every other difference: words, punctuation, case, a space removed", () => {
    const base = looseTextKey("The bridge would reopen.");
    for (const other of [
      "The bridge will reopen.",
      "The bridge would reopen!",
      "the bridge would reopen.",
      "Thebridge would reopen.",
    ]) {
      expect(looseTextKey(other)).not.toBe(base);
    }
  });

  it("handles texts that are only whitespace", () => {
    expect(looseTextKey(" \n ")).toBe("");
    expect(looseTextKey(" ")).toBe("");
  });
});

describe("nearDuplicatesWithin", () => {
  it("points each later near-copy at the first record, leaving exact copies to the content hash", () => {
    const records = ["One two.", "Three.", "One\ntwo.", "One two.", "Three.\n"].map((t) => {
      const text = normalizeText(t);
      return { exact: text, loose: looseTextKey(text) };
    });
    expect([...nearDuplicatesWithin(records)]).toEqual([[2, 0]]);
  });
});
