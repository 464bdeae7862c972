import { decodeUpload } from "./decode";
import { declaredCharset, parseHtml } from "./html";
import { parseJsonl } from "./jsonl";
export { isDatasetExport, restoredSummary } from "./jsonl";
import { parseMarkdown } from "./markdown";
import { fail, type ParsedDocument, type ParseResult } from "./types";

export { MAX_UPLOAD_BYTES } from "./decode";
export type { JsonValue, LineError, ParsedDocument, ParseResult } from "./types";

type Format = "text" | "markdown" | "html" | "jsonl";

// A Map, not an object literal: a file named "x.constructor" must not find Object.
const FORMATS = new Map<string, Format>([
  ["txt", "text"],
  ["md", "markdown"],
  ["markdown", "markdown"],
  ["html", "html"],
  ["htm", "html"],
  ["jsonl", "jsonl"],
  ["ndjson", "jsonl"],
]);

const SUPPORTED = "use .txt, .md, .html or .jsonl";

/**
 * Reads an uploaded file into document records, choosing the format by the
 * file name's extension. Every way the file can be unusable comes back as a
 * message for the user, never as an exception. The text is not yet
 * normalised or segmented; that happens when the documents are stored.
 */
export function parseUpload(fileName: string, bytes: Uint8Array): ParseResult {
  const baseName = fileName.trim().split(/[\\/]/).pop() ?? "";
  const dot = baseName.lastIndexOf(".");
  if (dot <= 0 || dot === baseName.length - 1) {
    return fail(`The file name has no extension, so its format is unknown; ${SUPPORTED}.`);
  }
  const extension = baseName.slice(dot + 1).toLowerCase();
  const format = FORMATS.get(extension);
  if (!format) return fail(`.${extension} files are not supported; ${SUPPORTED}.`);

  const decoded = decodeUpload(bytes, format === "html" ? declaredCharset : undefined);
  if (!decoded.ok) return decoded;
  const text = decoded.text;

  switch (format) {
    case "jsonl":
      return parseJsonl(text);
    case "text":
      return single({ text, metadata: {} });
    case "markdown":
      return single(parseMarkdown(text));
    case "html":
      return single(parseHtml(text));
  }
}

function single(result: ParsedDocument | { ok: false; error: string }): ParseResult {
  return "ok" in result ? result : { ok: true, documents: [result], lineErrors: [] };
}
