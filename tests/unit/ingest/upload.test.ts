import { describe, expect, it } from "vitest";
import {
  MAX_UPLOAD_BYTES,
  parseUpload,
  titleFromFileName,
  type ParseResult,
} from "@/lib/domain/ingest";

const utf8 = (text: string) => new TextEncoder().encode(text);

function errorOf(result: ParseResult): string {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.documents)}`);
  return result.error;
}

function documentsOf(result: ParseResult) {
  if (!result.ok) throw new Error(`expected success, got: ${result.error}`);
  return result.documents;
}

describe("parseUpload: file types", () => {
  it("dispatches on the extension, case-insensitively", () => {
    expect(documentsOf(parseUpload("NOTES.TXT", utf8("Plain *text*."))).at(0)?.text).toBe(
      "Plain *text*.",
    );
    expect(documentsOf(parseUpload("story.Md", utf8("Plain *text*."))).at(0)?.text).toBe(
      "Plain text.",
    );
    expect(documentsOf(parseUpload("story.markdown", utf8("# Head"))).at(0)?.text).toBe("Head");
    expect(documentsOf(parseUpload("page.HTM", utf8("<p>Para &amp; more</p>"))).at(0)?.text).toBe(
      "Para & more",
    );
    expect(documentsOf(parseUpload("page.html", utf8("<p>Para</p>"))).at(0)?.text).toBe("Para");
    expect(
      documentsOf(parseUpload("rows.NDJSON", utf8('{"text":"a"}\n{"text":"b"}'))).map(
        (d) => d.text,
      ),
    ).toEqual(["a", "b"]);
    expect(documentsOf(parseUpload("rows.jsonl", utf8('{"text":"a"}'))).map((d) => d.text)).toEqual(
      ["a"],
    );
  });

  it("uses only the last extension and ignores directories in the name", () => {
    expect(parseUpload("C:\\Users\\ana\\report.md.txt", utf8("# not a heading")).ok).toBe(true);
    expect(
      documentsOf(parseUpload("exports/2024.01/report.md.txt", utf8("# kept"))).at(0)?.text,
    ).toBe("# kept");
  });

  it("rejects unknown extensions, naming the type and the supported ones", () => {
    expect(errorOf(parseUpload("report.docx", utf8("x")))).toBe(
      ".docx files are not supported; use .txt, .md, .html or .jsonl.",
    );
    expect(errorOf(parseUpload("data.JSON", utf8("{}")))).toContain(
      ".json files are not supported",
    );
    expect(errorOf(parseUpload("x.constructor", utf8("x")))).toContain(
      ".constructor files are not supported",
    );
  });

  it("rejects a name without an extension", () => {
    expect(errorOf(parseUpload("README", utf8("x")))).toMatch(
      /no extension.*use \.txt, \.md, \.html or \.jsonl/,
    );
    expect(errorOf(parseUpload("trailing.", utf8("x")))).toMatch(/no extension/);
  });

  it("returns .txt text as it is, with no metadata", () => {
    const text = "Line one\r\n\r\n  Indented <b>not html</b> &amp; not decoded\n";
    expect(documentsOf(parseUpload("a.txt", utf8(text)))).toEqual([{ text, metadata: {} }]);
  });
});

describe("parseUpload: unusable bytes", () => {
  it("rejects an empty file", () => {
    expect(errorOf(parseUpload("a.txt", new Uint8Array(0)))).toBe("The file is empty.");
  });

  it("rejects a file of only whitespace", () => {
    expect(errorOf(parseUpload("a.md", utf8(" \n\t\r\n ")))).toMatch(/empty/);
  });

  it("accepts exactly 5 MB and rejects one byte more", () => {
    expect(MAX_UPLOAD_BYTES).toBe(5 * 1024 * 1024);
    const limit = new Uint8Array(MAX_UPLOAD_BYTES).fill(0x61);
    expect(parseUpload("big.txt", limit).ok).toBe(true);
    const over = new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x61);
    expect(errorOf(parseUpload("big.txt", over))).toBe(
      "The file is too large (5,242,881 bytes); the limit is 5 MB (5,242,880 bytes). Split it into smaller files.",
    );
  });

  it("rejects binary content with NUL bytes", () => {
    const bytes = utf8("Looks like text\0\0\u0001 but is not");
    expect(errorOf(parseUpload("a.txt", bytes))).toMatch(/binary data \(NUL bytes\)/);
  });

  it("rejects binary content with many control characters but no NUL", () => {
    const bytes = new Uint8Array(1000);
    for (let i = 0; i < bytes.length; i++)
      bytes[i] = i % 8 === 0 ? 0x01 + (i % 7) : 0x41 + (i % 26);
    expect(errorOf(parseUpload("a.txt", bytes))).toMatch(/binary data \(many control characters\)/);
  });

  it("tolerates a few stray control characters in real text", () => {
    const text = `${"A paragraph of ordinary text. ".repeat(20)}\u0007\u001b[0m\f`;
    expect(parseUpload("a.txt", utf8(text)).ok).toBe(true);
  });

  it("names PDF and ZIP (docx) files renamed to a text extension", () => {
    expect(errorOf(parseUpload("a.txt", utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj")))).toMatch(/PDF document/);
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(errorOf(parseUpload("a.md", zip))).toMatch(/ZIP archive.*\.docx/);
  });

  it("reads a file that is not UTF-8 but is Windows-1252 as Windows-1252, and says so", () => {
    // "café" and curly quotes in Windows-1252: 0xE9 alone is not UTF-8.
    const bytes = new Uint8Array([
      ...utf8("first line\nsecond line\ncaf"),
      0xe9,
      ...utf8(" au lait, "),
      0x93,
      ...utf8("quoted"),
      0x94,
      ...utf8(" for 5 "),
      0x80,
      ...utf8("\n"),
    ]);
    const result = parseUpload("a.txt", bytes);
    expect(documentsOf(result).at(0)?.text).toBe(
      "first line\nsecond line\ncafé au lait, \u201Cquoted\u201D for 5 \u20AC\n",
    );
    expect(result.ok && result.notices).toEqual([
      "The file is not valid UTF-8 (line 3 has a byte sequence that is not UTF-8); it was read as Windows-1252. Check that accented letters and quotation marks look right.",
    ]);
  });

  it("reports no notice for UTF-8", () => {
    const result = parseUpload("a.txt", utf8("Café au lait."));
    expect(result.ok && result.notices).toBeUndefined();
  });

  it.each([
    ["a truncated sequence at the end", [0x61, 0xe2, 0x82], "a\u00E2\u201A"],
    ["an overlong encoding", [0x61, 0xc0, 0xaf], "a\u00C0\u00AF"],
    ["a UTF-16 surrogate", [0x61, 0xed, 0xa0, 0x62], "a\u00ED\u00A0b"],
  ])("reads %s, invalid as UTF-8, as Windows-1252", (_label, sequence, text) => {
    const result = parseUpload("a.txt", new Uint8Array(sequence));
    expect(documentsOf(result).at(0)?.text).toBe(text);
    expect(result.ok && result.notices?.[0]).toMatch(/^The file is not valid UTF-8 \(line 1/);
  });

  // Decision: the five bytes Windows-1252 leaves undefined mean the file is in some other
  // encoding (KOI8-R, Mac Roman, a DOS code page…); guessing would store mojibake.
  it.each([0x81, 0x8d, 0x8f, 0x90, 0x9d])(
    "refuses a file with the byte 0x%s, undefined in Windows-1252",
    (byte) => {
      const bytes = new Uint8Array([...utf8("caf"), 0xe9, ...utf8("\nsecond "), byte]);
      expect(errorOf(parseUpload("a.txt", bytes))).toBe(
        `The file is not valid UTF-8 text (line 1 has a byte sequence that is not UTF-8), nor Windows-1252 (line 2 has the byte 0x${byte.toString(16).toUpperCase()}, which Windows-1252 does not define). Its encoding is not one Sourcelight reads; save it as UTF-8.`,
      );
    },
  );

  it("reads an HTML page declaring Windows-1252 or ISO-8859-1 as Windows-1252", () => {
    for (const charset of ["windows-1252", "ISO-8859-1"]) {
      const page = new Uint8Array([
        ...utf8(`<html><head><meta charset="${charset}"></head><body><p>Caf`),
        0xe9,
        ...utf8(" is on the menu today.</p></body></html>"),
      ]);
      const result = parseUpload("a.html", page);
      expect(documentsOf(result).at(0)?.text).toMatch(/^Café/);
    }
  });

  it("names another charset an HTML page declares and refuses it", () => {
    const page = new Uint8Array([
      ...utf8('<html><head><meta charset="koi8-r"></head><body><p>'),
      0xf0,
      0xd2,
      ...utf8("</p></body></html>"),
    ]);
    expect(errorOf(parseUpload("a.html", page))).toBe(
      "The file is not valid UTF-8 text (line 1 has a byte sequence that is not UTF-8). The page declares the koi8-r encoding, which is not supported; save it as UTF-8.",
    );
  });

  it("lets a charset given by the caller (an HTTP header) override the page's", () => {
    const page = new Uint8Array([
      ...utf8('<html><head><meta charset="windows-1252"></head><body><p>'),
      0xf0,
      0xd2,
      ...utf8("</p></body></html>"),
    ]);
    expect(errorOf(parseUpload("a.html", page, { charset: "Shift_JIS" }))).toMatch(
      /declares the shift_jis encoding, which is not supported/,
    );
  });

  it("accepts a UTF-8 byte order mark and drops it", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Hello")]);
    expect(documentsOf(parseUpload("a.txt", bytes))).toEqual([{ text: "Hello", metadata: {} }]);
    const jsonl = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"text":"first"}')]);
    expect(documentsOf(parseUpload("a.jsonl", jsonl)).at(0)?.text).toBe("first");
  });

  const utf16 = (text: string, order: "le" | "be") => {
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set(order === "le" ? [0xff, 0xfe] : [0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      const [first, second] = order === "le" ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
      bytes[2 + i * 2] = first;
      bytes[3 + i * 2] = second;
    }
    return bytes;
  };

  it.each(["le", "be"] as const)("reads UTF-16 (%s) with a byte order mark", (order) => {
    const text = "Ça va? «Oui» — 東京 😀.\nSecond line.";
    const result = parseUpload("a.txt", utf16(text, order));
    expect(documentsOf(result)).toEqual([{ text, metadata: {} }]);
    expect(result.ok && result.notices).toBeUndefined();
  });

  it("reads a UTF-16 JSONL file and HTML page", () => {
    expect(documentsOf(parseUpload("a.jsonl", utf16('{"text":"One. Two."}', "le")))).toEqual([
      { text: "One. Two.", metadata: {} },
    ]);
    expect(documentsOf(parseUpload("a.html", utf16("<p>Para café</p>", "be"))).at(0)?.text).toBe(
      "Para café",
    );
  });

  it("refuses UTF-16 with a byte order mark that does not decode", () => {
    expect(errorOf(parseUpload("a.txt", new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x69])))).toBe(
      "The file starts with a UTF-16LE byte order mark but is not valid UTF-16LE (it has an odd number of bytes); save it as UTF-8.",
    );
    // A lone high surrogate (0xD800) followed by an ordinary letter.
    expect(
      errorOf(parseUpload("a.txt", new Uint8Array([0xfe, 0xff, 0xd8, 0x00, 0x00, 0x41]))),
    ).toMatch(/not valid UTF-16BE \(it has an unpaired surrogate\)/);
  });

  it("refuses UTF-16 that holds binary data", () => {
    const bytes = new Uint8Array([
      0xff,
      0xfe,
      ...Array.from({ length: 40 }, (_, i) => (i % 2 ? 0 : 1)),
    ]);
    expect(errorOf(parseUpload("a.txt", bytes))).toMatch(/binary data/);
  });

  it("recognises UTF-16 without a byte order mark", () => {
    const text = "Plain English text saved by an old editor.";
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) bytes[i * 2] = text.charCodeAt(i);
    expect(errorOf(parseUpload("a.txt", bytes))).toMatch(
      /looks UTF-16 encoded without a byte order mark.*save it as UTF-8/,
    );
  });
});

describe("titleFromFileName", () => {
  it("reads the name without folder and extension, underscores and dash runs as spaces", () => {
    expect(titleFromFileName("uploads/western_iraq--report.txt")).toBe("western iraq report");
    expect(titleFromFileName("C:\\docs\\Mosul offensive.2017.txt")).toBe("Mosul offensive 2017");
    expect(titleFromFileName("no-extension")).toBe("no-extension");
  });

  it("gives nothing when no letter or digit is left", () => {
    expect(titleFromFileName("___.txt")).toBeNull();
    expect(titleFromFileName("--.txt")).toBeNull();
  });
});
