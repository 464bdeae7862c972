import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseUpload, type ParsedDocument, type ParseResult } from "@/lib/domain/ingest";

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/ingest/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);

function only(result: ParseResult): ParsedDocument {
  if (!result.ok) throw new Error(`expected success, got: ${result.error}`);
  expect(result.documents).toHaveLength(1);
  const [doc] = result.documents;
  if (!doc) throw new Error("no document");
  return doc;
}

const md = (source: string) => only(parseUpload("a.md", utf8(source)));
const textOf = (source: string) => md(source).text;

describe("Markdown: an article with front matter", () => {
  const doc = only(parseUpload("panama-canal.md", fixture("article-front-matter.md")));

  it("reads the front matter into the record and keeps the other keys as metadata", () => {
    expect(doc).toMatchObject({
      title: "Drought cuts Panama Canal traffic as Gatún Lake falls to record low",
      byline: "Ana Lucía Herrera, David Kim",
      publishedAt: "2024-01-12",
      sourceUrl: "https://www.harbourline.example/shipping/2024/01/12/panama-canal-drought",
      publisher: "Harbourline",
    });
    expect(doc.metadata).toEqual({
      tags: ["shipping", "climate", "Panama"],
      word_count: 642,
      layout: "post",
    });
  });

  it("converts the body to plain text", () => {
    expect(doc.text).toBe(
      [
        "Drought cuts Panama Canal traffic as Gatún Lake falls to record low",
        "Harbourline | Shipping desk",
        "The Panama Canal Authority said on Thursday it would cut daily transits to 24 vessels from February, down from 36 a year ago, after the driest October in the lake's recorded history.",
        `"We are managing a resource that is shrinking," the authority's administrator, Ricaurte Vásquez, told reporters — adding that the measures were temporary. Shipping analysts at Drewry estimate the restrictions have added up to $2bn to freight costs, a figure the authority disputes.`,
        "What has changed",
        [
          "1. Daily transits capped at 24 (previously 36)",
          "2. Maximum draft reduced to 44 feet for neopanamax locks",
          "3. Auction slots sold for as much as $4m",
        ].join("\n"),
        "Carriers have responded in different ways:",
        [
          "- Maersk said it would route some Asia–US East Coast services via Suez",
          "- Smaller operators are waiting it out",
          "  - some have moved cargo to rail across the isthmus",
        ].join("\n"),
        "The canal has always depended on rain. What is new is how often the rain fails.",
        "— Dr. Elena Cordero, hydrologist at the University of Panama",
        "Data from the authority's public dashboard, exported as CSV, begins with:",
        "date,lake_level_ft\n2023-10-31,79.6",
        "Water levels are published daily at https://pancanal.example/en/water-data/ and https://pancanal.example/levels.csv. A spokesperson for Maersk declined to comment.\nReporting by Ana Lucía Herrera in Panama City; editing by David Kim.",
        "Get the Harbourline Daily & never miss a story.",
        "Year | Transits",
        "2022 | 14,239",
        "2023 | 11,240",
      ].join("\n\n"),
    );
  });

  it("leaves no front matter, markup, link target, image or script behind", () => {
    for (const leak of [
      "---",
      "layout:",
      "**",
      "](",
      "ships-queue",
      "Container ships waiting",
      "<",
      "trackEvent",
      "&mdash;",
      "&amp;",
      "```",
      "unused",
    ]) {
      expect(doc.text).not.toContain(leak);
    }
  });
});

describe("Markdown: conversion rules", () => {
  it("keeps link text and drops targets, but keeps bare and angle-bracket URLs", () => {
    expect(
      textOf(
        'See [the report](https://x.example/r "Title") and <https://a.example/b>, or https://c.example/d?e=1&f=2.',
      ),
    ).toBe("See the report and https://a.example/b, or https://c.example/d?e=1&f=2.");
    expect(textOf("Read [the ruling][1].\n\n[1]: https://court.example/ruling")).toBe(
      "Read the ruling.",
    );
  });

  it("drops images with their alt text", () => {
    expect(
      textOf("Before ![a protester holds a sign](p.jpg) after.\n\n![only an image](i.png)"),
    ).toBe("Before after.");
  });

  it("removes emphasis, strong, strikethrough and code marks", () => {
    expect(
      textOf("*one* _two_ **three** __four__ ***five*** ~~six~~ `seven` ``eight `with` tick``"),
    ).toBe("one two three four five six seven eight `with` tick");
  });

  it("decodes entities and escapes but leaves code spans literal", () => {
    expect(textOf("AT&amp;T &copy; &#8364;5 \\*not emphasis\\* `&amp;`")).toBe(
      "AT&T © €5 *not emphasis* &amp;",
    );
  });

  it("writes headings as their own paragraphs without the marks", () => {
    expect(
      textOf("Intro.\n## Second level ##\nText under it.\n\nSetext heading\n--------------\nMore."),
    ).toBe("Intro.\n\nSecond level\n\nText under it.\n\nSetext heading\n\nMore.");
  });

  it("writes list items one per line with normalised markers, numbered as written", () => {
    expect(
      textOf(
        "* star\n* second star\n\n7) seventh\n8) eighth\n\n+ loose one\n\n+ loose two\n  continued",
      ),
    ).toBe("- star\n- second star\n\n7. seventh\n8. eighth\n\n- loose one\n- loose two continued");
  });

  it("removes blockquote markers, nested too", () => {
    expect(textOf("> quoted line\n> same paragraph\n>\n> > nested quote")).toBe(
      "quoted line same paragraph\n\nnested quote",
    );
  });

  it("joins soft-wrapped lines and keeps hard breaks", () => {
    expect(
      textOf(
        "A sentence wrapped\nat eighty columns.  \nAfter a hard break\\\nand another<br/>and a tag.",
      ),
    ).toBe("A sentence wrapped at eighty columns.\nAfter a hard break\nand another\nand a tag.");
  });

  it("keeps code blocks, fenced and indented, line for line", () => {
    expect(textOf("Before:\n\n~~~\nline 1\n  line 2\n~~~\n\n    indented code\n\nAfter.")).toBe(
      "Before:\n\nline 1\n  line 2\n\nindented code\n\nAfter.",
    );
  });

  it("strips HTML tags, comments, scripts and styles", () => {
    expect(
      textOf(
        'Text with <span class="x">inline <b>tags</b></span> and <script>alert("x")</script> more.\n\n<!-- editor note -->\n\n<div class="box">\n<p>Block &amp; <em>html</em></p>\n</div>\n\n<style>p { color: red }</style>\n\nEnd.',
      ),
    ).toBe("Text with inline tags and more.\n\nBlock & html\n\nEnd.");
  });

  it("titles a document by its leading level-1 heading when the front matter has none", () => {
    expect(md("# The headline\n\nBody.").title).toBe("The headline");
    expect(md("Intro.\n\n# Later heading").title).toBeUndefined();
    expect(md("## Level two first").title).toBeUndefined();
    expect(md("---\ntitle: From front matter\n---\n# The headline\n").title).toBe(
      "From front matter",
    );
  });
});

describe("Markdown: front matter", () => {
  it("reads Jekyll and Hugo spellings", () => {
    const doc = md(
      "---\nauthors: [Jane Roe, Max Mustermann]\npublish_date: 2023-07-01 09:15:00 +0200\nsource_url: 'https://x.example/a'\nsite_name: Daily\n...\nBody.",
    );
    expect(doc).toMatchObject({
      byline: "Jane Roe, Max Mustermann",
      publishedAt: "2023-07-01",
      sourceUrl: "https://x.example/a",
      publisher: "Daily",
      text: "Body.",
      metadata: {},
    });
  });

  it("keeps an unusable date or URL in the metadata instead of failing", () => {
    const doc = md("---\ndate: last Tuesday\nurl: /relative/path\n---\nBody.");
    expect(doc.publishedAt).toBeUndefined();
    expect(doc.sourceUrl).toBeUndefined();
    expect(doc.metadata).toEqual({ date: "last Tuesday", url: "/relative/path" });
  });

  it("treats a source that is a URL as the source URL and a name as the publisher", () => {
    expect(md("---\nsource: https://x.example/s\n---\nBody.")).toMatchObject({
      sourceUrl: "https://x.example/s",
      metadata: {},
    });
    expect(md("---\nsource: Reuters\n---\nBody.")).toMatchObject({
      publisher: "Reuters",
      metadata: {},
    });
  });

  it("handles CRLF line endings and empty front matter", () => {
    expect(md("---\r\ntitle: Windows\r\n---\r\nBody line.\r\n")).toMatchObject({
      title: "Windows",
      text: "Body line.",
    });
    expect(md("---\n---\nBody.")).toMatchObject({ text: "Body.", metadata: {} });
  });

  it("reports front matter that is not valid YAML", () => {
    const result = parseUpload("a.md", utf8('---\ntitle: "unclosed\nauthor: x\n---\nBody.'));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatch(
        /^The front matter \(the block between the --- lines at the top\) is not valid YAML: /,
      );
  });

  it("does not mistake an opening horizontal rule for front matter", () => {
    expect(md("---\nJust a paragraph between rules.\n---\nMore text.")).toMatchObject({
      text: "Just a paragraph between rules.\n\nMore text.",
      metadata: {},
    });
  });

  it("fails when only front matter is left", () => {
    expect(parseUpload("a.md", utf8("---\ntitle: Nothing else\n---\n\n"))).toEqual({
      ok: false,
      error: "The Markdown file has no text after its front matter.",
    });
  });
});

describe("Markdown: hostile input", () => {
  it("stays fast on inputs that make some parsers quadratic", () => {
    const started = performance.now();
    expect(md("*a _".repeat(20_000)).text.length).toBe(80_000);
    expect(md("[a](".repeat(20_000)).text.length).toBe(80_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("refuses raw HTML nested deeper than any page", () => {
    expect(parseUpload("a.md", utf8(`${"<div>".repeat(5_000)}x`))).toEqual({
      ok: false,
      error: "The Markdown file is nested too deeply to read.",
    });
  });
});
