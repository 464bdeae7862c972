import {
  displayPerson,
  goldLabel,
  goldSourceName,
  sentenceAgreement,
  sentenceColumns,
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
  "sentence_text",
  "is_boilerplate",
  "split",
  "gold_label",
  "gold_source",
  "annotator",
  "annotator_email",
  "label",
  "source_text",
  "source_start",
  "source_end",
  "source_name",
  "source_type",
  "note",
  "unsure",
  "created_at",
  "updated_at",
  "annotator_count",
  "sentence_agreement",
] as const;

export function csvHeader(): string {
  return csvRow(CSV_COLUMNS);
}

/** One row per annotation; a sentence nobody annotated still gets one row, with empty annotation cells. */
export function csvSentenceRows(
  sentence: ExportSentence,
  ctx: { identity: IdentityMode; projectId: string; split: SplitName | null },
): string {
  const agreement = sentenceAgreement(sentence.annotations.map((a) => a.label));
  const head = [
    ...sentenceColumns(sentence),
    ctx.split,
    goldLabel(sentence),
    goldSourceName(sentence),
  ];
  const tail = [sentence.annotations.length, agreement === null ? null : round(agreement)];
  if (sentence.annotations.length === 0) {
    return csvRow([
      ...head,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      ...tail,
    ]);
  }
  let out = "";
  for (const a of sentence.annotations) {
    const who = displayPerson(ctx.identity, ctx.projectId, a.annotator);
    out += csvRow([
      ...head,
      who.name,
      who.email,
      a.label,
      a.sourceText,
      a.sourceStart,
      a.sourceEnd,
      a.source?.name ?? null,
      a.source?.type ?? a.sourceType,
      a.note,
      a.unsure,
      a.createdAt,
      a.updatedAt,
      ...tail,
    ]);
  }
  return out;
}

export function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
