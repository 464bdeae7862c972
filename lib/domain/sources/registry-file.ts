import { SOURCE_TYPE_NAMES, SOURCE_TYPES, type SourceType } from "../annotation/labels";
import { sourceInputSchema } from "../annotation/schemas";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "../input";
import { csvRow } from "../export/csv";
import { isReliabilityGrade, type ReliabilityGrade } from "./grades";

/*
 * The registry as a file: one row per source, in CSV (aliases separated by
 * "|") or JSON. Parsing is all-or-nothing by design: the caller applies the
 * rows only when `errors` is empty, so a file with one bad row changes nothing.
 */

export const REGISTRY_COLUMNS = [
  "name",
  "aliases",
  "type",
  "affiliation",
  "side",
  "description",
  "grade",
  "rationale",
] as const;
export type RegistryColumn = (typeof REGISTRY_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly RegistryColumn[] = ["name", "type"];

export interface RegistryRow {
  /** Where the row is in the file: the spreadsheet row (header = 1) for CSV, the 1-based array position for JSON. */
  readonly row: number;
  readonly name: string;
  readonly aliases: string[];
  readonly type: SourceType;
  readonly affiliation: string | null;
  readonly side: string | null;
  readonly description: string;
  /** A settled grade to record, with its rationale; null leaves the settled grade as it is. */
  readonly grade: { readonly value: ReliabilityGrade; readonly rationale: string } | null;
}

export interface RowError {
  readonly row: number;
  readonly message: string;
}

export interface ParsedRegistry {
  readonly rows: RegistryRow[];
  readonly errors: RowError[];
}

/** A registry entry as exported: the same columns the import reads. */
export interface RegistryRecord {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly type: SourceType;
  readonly affiliation: string | null;
  readonly side: string | null;
  readonly description: string;
  readonly grade: ReliabilityGrade | null;
  readonly rationale: string | null;
}

export const MAX_REGISTRY_ROWS = 5000;

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] | { error: string } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      if (c === "\r" && text[i + 1] === "\n") i++;
    } else field += c;
    i++;
  }
  if (quoted) return { error: "A quoted field is never closed (a missing closing quote)." };
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  // Blank lines (a trailing newline, spacing) are not rows.
  return records.filter((r) => r.length > 1 || (r[0] ?? "").trim() !== "");
}

const FORMULA_GUARD = /^'[=+\-@\t\r]/;

/** Undoes the export's spreadsheet-formula guard (a leading apostrophe), so an export re-imports as it was. */
function unguard(cell: string): string {
  return FORMULA_GUARD.test(cell) ? cell.slice(1) : cell;
}

function sourceType(value: string): SourceType | null {
  const v = value.trim().toLowerCase();
  return (
    SOURCE_TYPES.find((t) => t.toLowerCase() === v || SOURCE_TYPE_NAMES[t].toLowerCase() === v) ??
    null
  );
}

const typeList = SOURCE_TYPES.join(", ");

interface RawRow {
  row: number;
  cells: Partial<Record<RegistryColumn, unknown>>;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

function aliasList(value: unknown): string[] | null {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    const list = value.map(text);
    return list.every((a): a is string => a !== null) ? list : null;
  }
  const s = text(value);
  return s === null ? null : s.split("|");
}

/**
 * Validates one row; `sideOptions` (the project's list, empty for free text)
 * is checked here so the whole file is judged before anything is written.
 */
function checkRow(raw: RawRow, sideOptions: readonly string[]): RegistryRow | RowError {
  const fail = (message: string): RowError => ({ row: raw.row, message });
  const { cells } = raw;
  const aliases = aliasList(cells.aliases);
  if (aliases === null) return fail("aliases must be text separated by | or a list of text.");
  const typeText = text(cells.type)?.trim() ?? "";
  if (!typeText) return fail(`type is empty: use one of ${typeList}.`);
  const type = sourceType(typeText);
  if (!type) return fail(`Unknown type "${typeText}": use one of ${typeList}.`);
  for (const column of ["name", "affiliation", "side", "description", "rationale"] as const) {
    const v = cells[column];
    if (v !== undefined && v !== null && text(v) === null) return fail(`${column} must be text.`);
  }
  const parsed = sourceInputSchema.safeParse({
    name: text(cells.name) ?? "",
    aliases: aliases.map((a) => a.trim()).filter(Boolean),
    type,
    affiliation: text(cells.affiliation),
    side: text(cells.side),
    description: text(cells.description),
  });
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? "The row is not valid.");
  const input = parsed.data;
  let side = input.side;
  if (side !== null && sideOptions.length > 0) {
    const wanted = side.toLowerCase();
    const option = sideOptions.find((o) => o.toLowerCase() === wanted);
    if (!option)
      return fail(`Unknown side "${side}": this project's sides are ${sideOptions.join(", ")}.`);
    side = option;
  }
  const gradeText = text(cells.grade)?.trim().toUpperCase() ?? "";
  const rationale = text(cells.rationale)?.trim() ?? "";
  let grade: RegistryRow["grade"] = null;
  if (gradeText) {
    if (!isReliabilityGrade(gradeText))
      return fail(`Unknown reliability grade "${gradeText}": use A to F.`);
    if (!rationale) return fail(`Grade ${gradeText} needs a rationale: say why it was given.`);
    if (!isStorableText(rationale)) return fail(`rationale: ${UNSTORABLE_TEXT_MESSAGE}`);
    if (rationale.length > 4000)
      return fail("The rationale is too long (at most 4,000 characters).");
    grade = { value: gradeText, rationale };
  } else if (rationale) {
    return fail("A rationale without a grade: give the grade (A to F) it explains.");
  }
  return {
    row: raw.row,
    name: input.name,
    aliases: input.aliases.filter((a) => a.toLowerCase() !== input.name.toLowerCase()),
    type,
    affiliation: input.affiliation,
    side,
    description: input.description,
    grade,
  };
}

function csvRows(textContent: string): Array<RawRow | RowError> {
  const records = parseCsv(textContent);
  if ("error" in records) return [{ row: 0, message: records.error }];
  const [header, ...body] = records;
  if (!header) return [{ row: 1, message: "The file is empty: it needs a header row." }];
  const columns = header.map((h) => h.trim().toLowerCase());
  const problems = columnProblems(columns);
  if (problems) return [{ row: 1, message: problems }];
  return body.map((cells, i): RawRow | RowError => {
    if (cells.length > columns.length)
      return {
        row: i + 2,
        message: `${cells.length} cells, but the header has ${columns.length}.`,
      };
    const row: RawRow = { row: i + 2, cells: {} };
    columns.forEach((column, c) => {
      const cell = cells[c];
      if (isColumn(column) && cell !== undefined) row.cells[column] = unguard(cell);
    });
    return row;
  });
}

function isColumn(name: string): name is RegistryColumn {
  return REGISTRY_COLUMNS.some((c) => c === name);
}

function columnProblems(columns: readonly string[]): string | null {
  const unknown = columns.filter((c) => !isColumn(c));
  if (unknown.length)
    return `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => `"${c}"`).join(", ")}: the columns are ${REGISTRY_COLUMNS.join(", ")}.`;
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length)
    return `Missing column ${missing.join(" and ")}: every row needs a name and a type.`;
  const repeated = columns.find((c, i) => columns.indexOf(c) !== i);
  if (repeated) return `The column "${repeated}" appears twice.`;
  return null;
}

/** The key of a JSON export's settled-grade history, which the import accepts and ignores. */
const JSON_HISTORY_KEY = "history";

function jsonRows(textContent: string): Array<RawRow | RowError> {
  let value: unknown;
  try {
    value = JSON.parse(textContent.replace(/^\uFEFF/, ""));
  } catch {
    return [{ row: 0, message: "The file is not valid JSON." }];
  }
  // Array.isArray narrows to any[]; the items are unknown until checked below.
  const list: unknown[] | null = Array.isArray(value)
    ? (value as unknown[])
    : value !== null &&
        typeof value === "object" &&
        "sources" in value &&
        Array.isArray(value.sources)
      ? (value.sources as unknown[])
      : null;
  if (!list)
    return [{ row: 0, message: 'The JSON must be a list of sources, or { "sources": [ … ] }.' }];
  return list.map((item, i): RawRow | RowError => {
    if (item === null || typeof item !== "object" || Array.isArray(item))
      return { row: i + 1, message: "Each source must be an object." };
    // The export's settled-grade history is a record of the project it came from: read past, not imported.
    const keys = Object.keys(item).filter((k) => k.toLowerCase() !== JSON_HISTORY_KEY);
    const problems = columnProblems(keys.map((k) => k.toLowerCase()));
    if (problems) return { row: i + 1, message: problems };
    const cells: RawRow["cells"] = {};
    for (const [k, v] of Object.entries(item)) {
      const key = k.toLowerCase();
      if (isColumn(key)) cells[key] = v;
    }
    return { row: i + 1, cells };
  });
}

/**
 * Reads a registry file. Every row is checked (and every problem reported,
 * with its row) before the caller writes anything. Names and aliases are
 * compared case-insensitively: a file that names one source twice is refused
 * at the second row.
 */
export function parseRegistryFile(
  content: string,
  format: "csv" | "json",
  sideOptions: readonly string[] = [],
): ParsedRegistry {
  const raw = format === "csv" ? csvRows(content) : jsonRows(content);
  const rows: RegistryRow[] = [];
  const errors: RowError[] = [];
  if (raw.length > MAX_REGISTRY_ROWS) {
    return {
      rows,
      errors: [{ row: 0, message: `At most ${MAX_REGISTRY_ROWS} sources in one file.` }],
    };
  }
  const seen = new Map<string, number>();
  for (const r of raw) {
    if ("message" in r) {
      errors.push(r);
      continue;
    }
    const checked = checkRow(r, sideOptions);
    if ("message" in checked) {
      errors.push(checked);
      continue;
    }
    const clash = [checked.name, ...checked.aliases]
      .map((n) => n.toLowerCase())
      .find((n) => seen.has(n));
    if (clash !== undefined) {
      errors.push({
        row: checked.row,
        message: `"${clash}" is already named in row ${seen.get(clash)}: one row per source.`,
      });
      continue;
    }
    for (const n of [checked.name, ...checked.aliases]) seen.set(n.toLowerCase(), checked.row);
    rows.push(checked);
  }
  if (rows.length === 0 && errors.length === 0)
    errors.push({ row: 0, message: "The file holds no sources." });
  return { rows, errors };
}

/** The registry as CSV, in the columns the import reads (so an export re-imports unchanged). */
export function registryCsv(records: readonly RegistryRecord[]): string {
  return (
    csvRow(REGISTRY_COLUMNS) +
    records
      .map((r) =>
        csvRow([
          r.name,
          r.aliases.join("|"),
          r.type,
          r.affiliation ?? "",
          r.side ?? "",
          r.description,
          r.grade ?? "",
          r.rationale ?? "",
        ]),
      )
      .join("")
  );
}
