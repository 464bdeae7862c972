import { decodeUpload, MAX_UPLOAD_BYTES, megabytes } from "./decode";
import { declaredCharset, parseHtml } from "./html";
import { isDatasetExport, parseJsonl } from "./jsonl";
export { isDatasetExport, restoredSummary } from "./jsonl";
import { parseMarkdown } from "./markdown";
import { fail, type ParsedDocument, type ParseResult } from "./types";

export { MAX_UPLOAD_BYTES } from "./decode";
export { titleFromFileName } from "./file-title";

/**
 * A Sourcelight JSONL export may be larger than an article file: it carries a
 * whole project. Only from the shell (`npm run import`), which reads files
 * from disk rather than through an HTTP request held in memory.
 */
export const MAX_DATASET_BYTES = 100 * 1024 * 1024;
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
export function parseUpload(
  fileName: string,
  bytes: Uint8Array,
  options: {
    maxDatasetBytes?: number;
    /** The charset an HTTP response declared, which overrides a page's own <meta charset>. */
    charset?: string;
  } = {},
): ParseResult {
  const baseName = fileName.trim().split(/[\\/]/).pop() ?? "";
  const dot = baseName.lastIndexOf(".");
  if (dot <= 0 || dot === baseName.length - 1) {
    return fail(`The file name has no extension, so its format is unknown; ${SUPPORTED}.`);
  }
  const extension = baseName.slice(dot + 1).toLowerCase();
  const format = FORMATS.get(extension);
  if (!format) return fail(`.${extension} files are not supported; ${SUPPORTED}.`);

  if (format === "jsonl" && bytes.length > MAX_UPLOAD_BYTES && startsWithDatasetLine(bytes)) {
    return largeDataset(bytes, options.maxDatasetBytes);
  }

  const charset = options.charset;
  const decoded = decodeUpload(
    bytes,
    charset !== undefined ? () => charset : format === "html" ? declaredCharset : undefined,
  );
  if (!decoded.ok) return decoded;
  const parsed = parseText(format, decoded.text);
  if (!parsed.ok || decoded.notice === undefined) return parsed;
  return { ...parsed, notices: [...(parsed.notices ?? []), decoded.notice] };
}

function parseText(format: Format, text: string): ParseResult {
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

function startsWithDatasetLine(bytes: Uint8Array): boolean {
  const newline = bytes.indexOf(0x0a);
  // The first line carries a whole document's text; an article file is limited to 5 MB, so is the line.
  const end = newline === -1 ? Math.min(bytes.length, MAX_UPLOAD_BYTES + 1024) : newline;
  return isDatasetExport(new TextDecoder("utf-8").decode(bytes.subarray(0, end)));
}

function largeDataset(bytes: Uint8Array, maxDatasetBytes: number | undefined): ParseResult {
  if (maxDatasetBytes === undefined) {
    return fail(
      `This Sourcelight export is ${megabytes(bytes.length)}; uploads take files up to ${megabytes(MAX_UPLOAD_BYTES)}. Import it from the shell, which takes exports up to ${megabytes(MAX_DATASET_BYTES)}: npm run import -- --project <slug> <file>`,
    );
  }
  const decoded = decodeUpload(bytes, undefined, maxDatasetBytes);
  if (!decoded.ok) return decoded;
  return {
    ok: true,
    documents: [],
    lineErrors: [],
    dataset: decoded.text,
    ...(decoded.notice ? { notices: [decoded.notice] } : {}),
  };
}

function single(result: ParsedDocument | { ok: false; error: string }): ParseResult {
  return "ok" in result ? result : { ok: true, documents: [result], lineErrors: [] };
}
