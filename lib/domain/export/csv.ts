import {
  codePointOrNull,
  displayPerson,
  goldCredibility,
  goldLabel,
  goldSource,
  goldSourceName,
  sentenceAgreement,
  sentenceColumns,
  showsAnnotatorGrades,
  type ExportSentence,
} from "./records";
import type { IdentityMode, SplitName } from "./options";

/** Excel shows a BOM-less UTF-8 file as mojibake; the BOM is optional because other readers keep it as text. */
export const UTF8_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A CSV cell: spreadsheet formula triggers (= + - @ tab CR at the start) are
 * neutralised with a leading apostrophe (OWASP's advice), then the cell is
 * quoted by RFC 4180 when it holds a comma, quote or line break.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(cells: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export const CSV_COLUMNS = [
  "document_id",
  "document_title",
  "sentence_index",
  "sentence_start",
  "sentence_end",
  "sentence_start_cp",
  "sentence_end_cp",
  "sentence_text",
  "is_boilerplate",
  "split",
  "gold_label",
  "gold_source",
  "gold_credibility",
  "gold_source_grade",
  "annotator",
  "annotator_email",
  "label",
  "credibility",
  "source_text",
  "source_start",
  "source_end",
  "source_start_cp",
  "source_end_cp",
  "source_name",
  "source_type",
  "source_grade",
  "source_grade_rationale",
  "source_grade_by",
  "source_grade_at",
  "annotator_source_grade",
  "annotator_source_grade_rationale",
  "note",
  "unsure",
  "created_at",
  "updated_at",
  "annotator_count",
  "sentence_agreement",
] as const;

/** The annotation's cells (annotator to updated_at) of a sentence nobody annotated. */
const EMPTY_ANNOTATION_CELLS: null[] = CSV_COLUMNS.slice(
  CSV_COLUMNS.indexOf("annotator"),
  CSV_COLUMNS.indexOf("updated_at") + 1,
).map(() => null);

export function csvHeader(): string {
  return csvRow(CSV_COLUMNS);
}

/**
 * One row per annotation; a sentence nobody annotated still gets one row, with
 * empty annotation cells. The sentence's cells are the same on each of its
 * rows and are written once.
 */
export function csvSentenceRows(
  sentence: ExportSentence,
  ctx: { identity: IdentityMode; projectId: string; split: SplitName | null },
): string {
  const agreement = sentenceAgreement(sentence.annotations.map((a) => a.label));
  const head = csvCells([
    ...sentenceColumns(sentence),
    ctx.split,
    goldLabel(sentence),
    goldSourceName(sentence),
    goldCredibility(sentence),
    goldSource(sentence)?.grade?.value ?? null,
  ]);
  const tail = `${csvCells([sentence.annotations.length, agreement === null ? null : round(agreement)])}\r\n`;
  if (sentence.annotations.length === 0) {
    return `${head},${csvCells(EMPTY_ANNOTATION_CELLS)},${tail}`;
  }
  const withGrades = showsAnnotatorGrades(ctx.identity);
  let out = "";
  for (const a of sentence.annotations) {
    const who = displayPerson(ctx.identity, ctx.projectId, a.annotator);
    const settled = a.source?.grade ?? null;
    const settledBy = settled?.by ? displayPerson(ctx.identity, ctx.projectId, settled.by) : null;
    const own = withGrades ? a.sourceGrade : null;
    const cells = csvCells([
      who.name,
      who.email,
      a.label,
      a.credibility,
      a.sourceText,
      a.sourceStart,
      a.sourceEnd,
      codePointOrNull(sentence.document, a.sourceStart),
      codePointOrNull(sentence.document, a.sourceEnd),
      a.source?.name ?? null,
      a.source?.type ?? a.sourceType,
      settled?.value ?? null,
      settled?.rationale ?? null,
      settledBy?.name ?? null,
      settled?.at ?? null,
      own?.value ?? null,
      own?.rationale ?? null,
      a.note,
      a.unsure,
      a.createdAt,
      a.updatedAt,
    ]);
    out += `${head},${cells},${tail}`;
  }
  return out;
}

/** Cells joined by commas, without the line end. */
function csvCells(cells: ReadonlyArray<string | number | boolean | null | undefined>): string {
  let line = csvCell(cells[0]);
  for (let i = 1; i < cells.length; i++) line += `,${csvCell(cells[i])}`;
  return line;
}

export function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
