import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  isDatasetExport,
  parseUpload,
  restoredSummary,
  type ParseResult,
} from "@/lib/domain/ingest";

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/ingest/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const jsonl = (...lines: unknown[]) =>
  parseUpload(
    "a.jsonl",
    utf8(lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n")),
  );

function success(result: ParseResult) {
  if (!result.ok) throw new Error(`expected success, got: ${result.error}`);
  return result;
}

describe("JSONL: a file with good and bad lines", () => {
  const result = success(parseUpload("batch.jsonl", fixture("articles.jsonl")));

  it("imports every good line", () => {
    expect(result.documents).toHaveLength(4);
    expect(result.documents[0]).toEqual({
      text: "Officials in Lagos said on Monday that 40 buildings had been marked for demolition after the collapse of a 21-storey tower in Ikoyi. The state commissioner said an inquiry would report within 30 days.",
      title: "Lagos marks 40 buildings for demolition after tower collapse",
      byline: "Chinedu Okafor",
      publisher: "West Africa Wire",
      publishedAt: "2021-11-08",
      sourceUrl: "https://wawire.example/nigeria/2021/11/08/lagos-demolitions",
      metadata: {
        source_id: "WAW-2021-11-0412",
        section: "Nigeria",
        tags: ["Lagos", "construction"],
        annotator_notes: { priority: 2, batch: "nov-2021" },
      },
    });
    expect(result.documents[1]).toEqual({
      text: 'The central bank held its benchmark rate at 5.25%, saying inflation was "moving in the right direction" but remained too high.',
      title: "Central bank holds rates",
      publishedAt: "2024-03-20",
      metadata: {},
    });
    // 23:30 on 5 November in New York stays 5 November; null is kept as given.
    expect(result.documents[2]).toMatchObject({
      publishedAt: "2024-11-05",
      sourceUrl: "https://example.org/polls",
      metadata: { extra: null },
    });
    // A null title is no title; fields are trimmed.
    expect(result.documents[3]).toEqual({
      text: "Київ, 14 березня — Міська влада повідомила про відновлення електропостачання.",
      publisher: "Kyiv Daily",
      metadata: { lang: "uk" },
    });
  });

  it("reports each bad line by its number, skipping blank lines without renumbering", () => {
    expect(result.lineErrors.map((e) => e.line)).toEqual([4, 5, 7, 8, 9, 12, 13, 14, 15]);
    const byLine = new Map(result.lineErrors.map((e) => [e.line, e.error]));
    expect(byLine.get(4)).toMatch(/^line 4: not valid JSON \(.+\)$/);
    expect(byLine.get(5)).toBe('line 5: "text" is missing or empty');
    expect(byLine.get(7)).toBe(
      'line 7: "published_at" is not a valid ISO date or date-time ("05/03/2024"); write it like 2024-03-05 or 2024-03-05T14:30:00Z',
    );
    expect(byLine.get(8)).toBe("line 8: expected a JSON object, got an array");
    expect(byLine.get(9)).toBe('line 9: "text" is missing or empty');
    expect(byLine.get(12)).toMatch(/^line 12: not valid JSON \(.+\)$/);
    expect(byLine.get(13)).toBe(
      'line 13: "url" must be an absolute http(s) URL, got "javascript:alert(1)"',
    );
    expect(byLine.get(14)).toBe('line 14: "title" must be a string, got a number');
    expect(byLine.get(15)).toMatch(/^line 15: "published_at" is not a valid ISO date/);
  });
});

describe("JSONL: records", () => {
  it("requires text to be a non-empty string", () => {
    const result = success(
      jsonl({ text: "ok" }, { text: 5 }, { text: "" }, { title: "x" }, { text: null }),
    );
    expect(result.lineErrors).toEqual([
      { line: 2, error: 'line 2: "text" must be a string, got a number' },
      { line: 3, error: 'line 3: "text" is missing or empty' },
      { line: 4, error: 'line 4: "text" is missing or empty' },
      { line: 5, error: 'line 5: "text" is missing or empty' },
    ]);
  });

  it("keeps the text exactly as given", () => {
    expect(success(jsonl({ text: "  Two\n\nparagraphs  " })).documents[0]?.text).toBe(
      "  Two\n\nparagraphs  ",
    );
  });

  it("accepts CRLF line endings and a trailing newline", () => {
    const result = success(parseUpload("a.jsonl", utf8('{"text":"a"}\r\n{"text":"b"}\r\n')));
    expect(result.documents.map((d) => d.text)).toEqual(["a", "b"]);
    expect(result.lineErrors).toEqual([]);
  });

  it("keeps a __proto__ key as ordinary metadata", () => {
    const doc = success(jsonl('{"text":"a","__proto__":{"polluted":true}}')).documents[0];
    expect(Object.getPrototypeOf(doc?.metadata)).toBe(Object.prototype);
    expect(Object.keys(doc?.metadata ?? {})).toEqual(["__proto__"]);
    expect(JSON.stringify(doc?.metadata)).toBe('{"__proto__":{"polluted":true}}');
  });

  it("rejects a NUL character, which the database cannot store", () => {
    expect(success(jsonl({ text: "ok" }, '{"text":"a\\u0000b"}')).lineErrors).toEqual([
      { line: 2, error: "line 2: contains a NUL character (\\u0000), which cannot be stored" },
    ]);
  });

  it("shortens very long JSON error messages", () => {
    const error =
      success(jsonl({ text: "ok" }, `{"text": ${"x".repeat(5000)}}`)).lineErrors[0]?.error ?? "";
    expect(error.length).toBeLessThan(200);
  });
});

describe("JSONL: whole-file failures", () => {
  it("fails when no line is usable, listing the first errors", () => {
    const result = jsonl("{bad", { title: "no text" }, "[1]", "nope", "{");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(
      /^No record could be read\. line 1: not valid JSON \(.*\); line 2: "text" is missing or empty; line 3: expected a JSON object, got an array; and 2 more\.$/,
    );
    expect(result.lineErrors?.map((e) => e.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it("recognises a JSON array or a pretty-printed object", () => {
    const array = parseUpload("a.jsonl", utf8('[\n  {"text": "a"},\n  {"text": "b"}\n]\n'));
    expect(array.ok ? "" : array.error).toMatch(
      /^The file is a single JSON array, not JSON Lines\./,
    );
    const object = parseUpload("a.jsonl", utf8('{\n  "text": "a"\n}\n'));
    expect(object.ok ? "" : object.error).toMatch(
      /^The file is a single JSON object spread over several lines/,
    );
  });
});

describe("JSONL: size", () => {
  it("reads 500 records quickly", () => {
    const lines = Array.from({ length: 500 }, (_, i) =>
      JSON.stringify({
        text: `Record ${i}. ${"The spokesperson said the figures would be revised. ".repeat(40)}`,
        title: `Story ${i}`,
        published_at: "2024-06-01T12:00:00+02:00",
        url: `https://news.example/${i}`,
        tags: ["a", "b"],
        meta: { index: i },
      }),
    );
    lines[249] = "{oops";
    const started = performance.now();
    const result = success(parseUpload("big.jsonl", utf8(lines.join("\n"))));
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.documents).toHaveLength(499);
    expect(result.lineErrors.map((e) => e.line)).toEqual([250]);
    expect(result.documents[498]?.metadata).toEqual({ tags: ["a", "b"], meta: { index: 499 } });
  });
});

describe("JSONL: a Sourcelight export", () => {
  const exportLine = {
    document: { id: "d1", title: "T", text: "Body." },
    sentence: { index: 0, start: 0, end: 5, text: "Body.", is_boilerplate: false },
    annotations: [],
  };

  it("is recognised by its first line and handed on whole, not read as articles", () => {
    const source = `\n${JSON.stringify(exportLine)}\n${JSON.stringify({ ...exportLine, sentence: { ...exportLine.sentence, index: 1 } })}\n`;
    const result = success(parseUpload("export.jsonl", utf8(source)));
    expect(result.documents).toEqual([]);
    expect(result.dataset).toBe(source);
  });

  it("is not confused with articles that carry their own text, or with broken lines", () => {
    expect(
      isDatasetExport(JSON.stringify({ text: "An article.", document: {}, sentence: {} })),
    ).toBe(false);
    expect(isDatasetExport(JSON.stringify({ title: "No text", document: "x", sentence: {} }))).toBe(
      false,
    );
    expect(isDatasetExport('{"document": {"id": 1}, "sentence": ')).toBe(false);
    expect(isDatasetExport("")).toBe(false);
    expect(success(jsonl({ text: "Plain article." })).dataset).toBeUndefined();
  });

  it("says what came back with the documents", () => {
    expect(restoredSummary(undefined)).toBe("");
    expect(restoredSummary({ annotations: 1, adjudications: 0, placeholders: 0 })).toBe(
      ", with 1 annotation and 0 adjudications",
    );
    expect(restoredSummary({ annotations: 1200, adjudications: 3, placeholders: 2 })).toBe(
      ", with 1,200 annotations and 3 adjudications (2 annotators not found by email, added as disabled placeholders)",
    );
  });
});

describe("JSONL: a Sourcelight export over 5 MB", () => {
  // One export line per sentence; the padding keeps every line well-formed.
  const line = (i: number) =>
    JSON.stringify({
      document: {
        id: "d1",
        title: "T",
        text: i === 0 ? "Body." : null,
        metadata: { pad: "x".repeat(2000) },
      },
      sentence: { index: i, start: 0, end: 5, text: "Body.", is_boilerplate: false },
      annotations: [],
    });
  const big = utf8(Array.from({ length: 2800 }, (_, i) => line(i)).join("\n"));

  it("is refused by the upload doors, pointing to the shell", () => {
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    const result = parseUpload("big.jsonl", big);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatch(
        /^This Sourcelight export is 5\.\d MB; uploads take files up to 5 MB\. Import it from the shell, which takes exports up to 100 MB: npm run import/,
      );
  });

  it("is read whole by the shell, up to its own limit", () => {
    expect(parseUpload("big.jsonl", big, { maxDatasetBytes: 100 * 1024 * 1024 })).toMatchObject({
      ok: true,
      documents: [],
    });
    expect(
      success(parseUpload("big.jsonl", big, { maxDatasetBytes: 100 * 1024 * 1024 })).dataset
        ?.length,
    ).toBe(big.length);
    const tooBig = parseUpload("big.jsonl", big, { maxDatasetBytes: 5 * 1024 * 1024 + 1 });
    expect(tooBig.ok).toBe(false);
    if (!tooBig.ok) expect(tooBig.error).toMatch(/too large .* the limit is 5\.0 MB/);
  });

  it("does not lift the 5 MB limit for articles", () => {
    const articles = utf8(
      Array.from({ length: 2800 }, (_, i) =>
        JSON.stringify({ text: `Article ${i}. ${"y".repeat(2000)}` }),
      ).join("\n"),
    );
    const result = parseUpload("articles.jsonl", articles, { maxDatasetBytes: 100 * 1024 * 1024 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/too large .* the limit is 5 MB/);
  });
});
