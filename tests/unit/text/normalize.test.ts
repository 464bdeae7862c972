import { describe, expect, it } from "vitest";
import { normalizeText, sentenceKey } from "@/lib/domain/text";

describe("normalizeText", () => {
  it("strips byte-order marks", () => {
    expect(normalizeText("\uFEFFTitle\uFEFF")).toBe("Title");
  });

  it("composes to NFC", () => {
    const decomposed = "Caf\u0065\u0301 in Sa\u0301na";
    expect(normalizeText(decomposed)).toBe("Café in Sána");
    expect(normalizeText(decomposed)).toHaveLength(12);
  });

  it("turns CRLF and lone CR into LF", () => {
    expect(normalizeText("a\r\nb\rc\n\rd")).toBe("a\nb\nc\n\nd");
  });

  it("trims spaces and tabs at line ends but keeps indentation", () => {
    expect(normalizeText("  indented \t\nnext\t \n- item  ")).toBe("  indented\nnext\n- item");
  });

  it("turns lines of spaces into blank lines and collapses runs of blank lines to one", () => {
    expect(normalizeText("one\n\ntwo\n\n\nthree\n \t\n\n\n\nfour")).toBe(
      "one\n\ntwo\n\nthree\n\nfour",
    );
  });

  it("removes leading and trailing blank lines", () => {
    expect(normalizeText("\n\n \nTitle\n\nBody.\n\n\n")).toBe("Title\n\nBody.");
  });

  it("leaves other characters alone and is idempotent", () => {
    const raw = "\uFEFF\r\n  Video: “Liberation” — 3,500 km²…\u00A0ok \r\n\r\n\r\n\r\nNext 🔥.\r\n";
    const once = normalizeText(raw);
    expect(once).toBe("  Video: “Liberation” — 3,500 km²…\u00A0ok\n\nNext 🔥.");
    expect(normalizeText(once)).toBe(once);
  });

  it("returns an empty string for blank input", () => {
    expect(normalizeText(" \r\n\t\n")).toBe("");
  });
});

describe("sentenceKey", () => {
  it("ignores case, spacing, quote and dash styles", () => {
    const a = sentenceKey("The PMU said: “We will  win” — al‑Baaj is ‘free’.");
    const b = sentenceKey("  the pmu said: \"we will win\" - al-baaj is 'free'. ");
    expect(a).toBe(b);
    expect(a).toBe("the pmu said: \"we will win\" - al-baaj is 'free'.");
  });

  it("folds compatibility forms and drops invisible characters", () => {
    expect(sentenceKey("About 3,500 km²…")).toBe(sentenceKey("about 3,500 km2..."));
    expect(sentenceKey("Mo\u00ADsul\u200B fell")).toBe("mosul fell");
    expect(sentenceKey("Line one\nline two")).toBe("line one line two");
  });

  it("still tells different sentences apart", () => {
    expect(sentenceKey("ISIS retreated.")).not.toBe(sentenceKey("ISIS retreated?"));
    expect(sentenceKey("3,500 km")).not.toBe(sentenceKey("3.500 km"));
  });
});
