import { parseDate } from "../dates";
import type { JsonValue, LineError, ParsedDocument, ParseResult } from "./types";
import { isRecord, toHttpUrl, toJsonValue } from "./values";

const RECORD_FIELDS = new Set(["text", "title", "byline", "publisher", "published_at", "url"]);

/** Long JSON.parse messages quote the input; a line's worth is plenty. */
const MAX_REASON_LENGTH = 160;

/** How many line errors the message of a wholly failed file lists. */
const ERRORS_IN_SUMMARY = 3;

/**
 * JSON Lines, one document per line. A bad line fails only its own record and
 * is reported by line number; the file fails only if no record is usable.
 */
export function parseJsonl(source: string): ParseResult {
  if (isDatasetExport(source)) return { ok: true, documents: [], lineErrors: [], dataset: source };
  // No line of JSON Lines is an array, so a file opening with "[" that parses
  // whole is a JSON array; reading it line by line could import its last
  // element alone.
  if (source.trimStart().startsWith("[")) {
    const whole = wholeFileJson(source);
    if (whole) return { ok: false, error: whole };
  }
  const documents: ParsedDocument[] = [];
  const lineErrors: LineError[] = [];
  let records = 0;
  let start = 0;
  for (let line = 1; start <= source.length; line++) {
    const end = source.indexOf("\n", start);
    const raw = source.slice(start, end === -1 ? source.length : end);
    start = end === -1 ? source.length + 1 : end + 1;
    if (raw.trim() === "") continue;
    records++;
    const result = parseLine(raw);
    if (typeof result === "string") lineErrors.push({ line, error: `line ${line}: ${result}` });
    else documents.push(result);
  }

  if (documents.length > 0) return { ok: true, documents, lineErrors };
  if (records === 0) return { ok: false, error: "The file contains no records." };
  const whole = wholeFileJson(source);
  if (whole) return { ok: false, error: whole, lineErrors };
  const listed = lineErrors.slice(0, ERRORS_IN_SUMMARY).map((e) => e.error);
  const more = lineErrors.length - listed.length;
  return {
    ok: false,
    error: `No record could be read. ${listed.join("; ")}${more > 0 ? `; and ${more} more.` : "."}`,
    lineErrors,
  };
}

/** A record, or why the line is not one. */
function parseLine(raw: string): ParsedDocument | string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return `not valid JSON (${reason(error)})`;
  }
  if (!isRecord(value)) return `expected a JSON object, got ${describe(value)}`;
  // PostgreSQL cannot store NUL in text or jsonb; only a \u0000 escape can put one here.
  if (raw.includes("\\u0000") && containsNul(value))
    return "contains a NUL character (\\u0000), which cannot be stored";

  const text = value.text;
  if (text === undefined || text === null || (typeof text === "string" && text.trim() === "")) {
    return `"text" is missing or empty`;
  }
  if (typeof text !== "string") return `"text" must be a string, got ${describe(text)}`;

  const doc: ParsedDocument = { text, metadata: {} };
  for (const [field, key] of [
    ["title", "title"],
    ["byline", "byline"],
    ["publisher", "publisher"],
  ] as const) {
    const given = optionalString(value, field);
    if (given.error) return given.error;
    if (given.value) doc[key] = given.value;
  }
  const date = optionalString(value, "published_at");
  if (date.error) return date.error;
  if (date.value) {
    const iso = parseDate(date.value);
    if (!iso)
      return `"published_at" is not a valid ISO date or date-time (${JSON.stringify(date.value)}); write it like 2024-03-05 or 2024-03-05T14:30:00Z`;
    doc.publishedAt = iso;
  }
  const url = optionalString(value, "url");
  if (url.error) return url.error;
  if (url.value) {
    const href = toHttpUrl(url.value);
    if (!href) return `"url" must be an absolute http(s) URL, got ${JSON.stringify(url.value)}`;
    doc.sourceUrl = href;
  }

  let metadata: Record<string, JsonValue>;
  try {
    const entries: Array<[string, JsonValue]> = [];
    for (const [key, item] of Object.entries(value)) {
      const json = RECORD_FIELDS.has(key) ? undefined : toJsonValue(item);
      if (json !== undefined) entries.push([key, json]);
    }
    metadata = Object.fromEntries(entries);
  } catch (error) {
    if (error instanceof RangeError) return "nested too deeply";
    throw error;
  }
  doc.metadata = metadata;
  return doc;
}

/** Absent, null and blank all mean "not given"; anything but a string is an error. */
function optionalString(
  record: Record<string, unknown>,
  field: string,
): { value?: string; error?: string } {
  const value = record[field];
  if (value === undefined || value === null) return {};
  if (typeof value !== "string")
    return { error: `"${field}" must be a string, got ${describe(value)}` };
  const trimmed = value.trim();
  return trimmed === "" ? {} : { value: trimmed };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > MAX_REASON_LENGTH
    ? `${message.slice(0, MAX_REASON_LENGTH - 1)}…`
    : message;
}

function containsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\0");
  if (Array.isArray(value)) return value.some(containsNul);
  if (isRecord(value))
    return Object.entries(value).some(([key, item]) => key.includes("\0") || containsNul(item));
  return false;
}

/**
 * Pretty-printed JSON fails on (nearly) every line; say what the file is
 * instead of listing a hundred "not valid JSON" lines.
 */
function wholeFileJson(source: string): string | undefined {
  const first = source.trimStart()[0];
  if (first !== "[" && first !== "{") return undefined;
  try {
    const value: unknown = JSON.parse(source);
    const what = Array.isArray(value)
      ? "a single JSON array"
      : "a single JSON object spread over several lines";
    return `The file is ${what}, not JSON Lines. Put each record on its own line as a JSON object, e.g. {"text": "…", "title": "…"}.`;
  } catch {
    return undefined;
  }
}

/**
 * A Sourcelight JSONL export rather than articles: its first line is an object
 * with "document" and "sentence" objects and no top-level "text". Such a file
 * is restored whole (annotations and adjudications included), not read as
 * one article per line.
 */
export function isDatasetExport(source: string): boolean {
  const rest = source.trimStart();
  const newline = rest.indexOf("\n");
  const firstLine = (newline === -1 ? rest : rest.slice(0, newline)).trim();
  if (!firstLine.startsWith("{")) return false;
  try {
    const value: unknown = JSON.parse(firstLine);
    return (
      isRecord(value) && isRecord(value.document) && isRecord(value.sentence) && !("text" in value)
    );
  } catch {
    return false;
  }
}

/** What a restored export brought besides its documents, in words: ", with 14 annotations and 3 adjudications (…)". */
export function restoredSummary(
  restored: { annotations: number; adjudications: number; placeholders: number } | undefined,
): string {
  if (!restored) return "";
  const n = (count: number, one: string, many: string) =>
    `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
  const placeholders = restored.placeholders
    ? ` (${n(restored.placeholders, "annotator", "annotators")} not found by email, added as disabled placeholders)`
    : "";
  return `, with ${n(restored.annotations, "annotation", "annotations")} and ${n(restored.adjudications, "adjudication", "adjudications")}${placeholders}`;
}
