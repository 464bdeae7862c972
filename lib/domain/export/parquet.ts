import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import type { SchemaElement } from "hyparquet";
import {
  datasetLabel,
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

/** Sentences per row group: bounds what is held in memory while the file is written. */
export const PARQUET_ROW_GROUP = 5_000;

export type ParquetKind = "STRING" | "INT32" | "BOOLEAN" | "DOUBLE";
type Kind = ParquetKind;
type ParquetColumn = readonly [string, Kind, boolean];
/**
 * The Parquet file's columns: name, type, nullable. Per-annotation values are
 * JSON arrays in one string column each, in the same order (annotators by
 * email): `annotator_labels[i]`, `annotator_credibility[i]`,
 * `annotator_sources[i]` are one annotation. An export that names annotators
 * adds ANNOTATOR_GRADE_COLUMNS; a split export adds `split` last.
 */
export const PARQUET_COLUMNS: ReadonlyArray<ParquetColumn> = [
  ["document_id", "STRING", false],
  ["document_title", "STRING", false],
  ["sentence_index", "INT32", false],
  ["start", "INT32", false],
  ["end", "INT32", false],
  ["start_cp", "INT32", false],
  ["end_cp", "INT32", false],
  ["text", "STRING", false],
  ["is_boilerplate", "BOOLEAN", false],
  ["label", "STRING", true],
  ["label_origin", "STRING", false],
  ["gold_label", "STRING", true],
  ["gold_source", "STRING", true],
  ["gold_credibility", "INT32", true],
  ["gold_source_grade", "STRING", true],
  ["gold_source_grade_rationale", "STRING", true],
  ["gold_source_grade_at", "STRING", true],
  ["annotator_labels", "STRING", false],
  ["annotator_credibility", "STRING", false],
  ["annotator_sources", "STRING", false],
  ["annotator_source_settled_grades", "STRING", false],
  ["annotator_count", "INT32", false],
  ["agreement", "DOUBLE", true],
];

/**
 * Each annotator's own grade of the source they cited, as JSONL's
 * `source_grade` (`{"value","rationale"}` or null), one per annotation: only
 * in exports that name the annotators (showsAnnotatorGrades).
 */
export const ANNOTATOR_GRADE_COLUMNS: ReadonlyArray<ParquetColumn> = [
  ["annotator_source_grades", "STRING", false],
];

/**
 * Columns written without min/max statistics: a reader prunes row groups by
 * the bounds of ids, labels and numbers, never by those of free text or of a
 * JSON array, and computing them was a sizeable share of the encoding time.
 */
const WITHOUT_STATISTICS: ReadonlySet<string> = new Set([
  "text",
  "gold_source_grade_rationale",
  "annotator_labels",
  "annotator_credibility",
  "annotator_sources",
  "annotator_source_settled_grades",
  "annotator_source_grades",
]);

export interface ParquetShape {
  withSplit: boolean;
  identity: IdentityMode;
}

export function parquetColumns(shape: ParquetShape): ReadonlyArray<ParquetColumn> {
  return [
    ...PARQUET_COLUMNS,
    ...(showsAnnotatorGrades(shape.identity) ? ANNOTATOR_GRADE_COLUMNS : []),
    ...(shape.withSplit ? [["split", "STRING", false] as const] : []),
  ];
}

function schema(shape: ParquetShape): SchemaElement[] {
  const cols = parquetColumns(shape);
  return [
    { name: "root", num_children: cols.length },
    ...cols.map(([name, kind, nullable]): SchemaElement => ({
      name,
      type: kind === "STRING" ? "BYTE_ARRAY" : kind,
      ...(kind === "STRING" ? { converted_type: "UTF8" as const } : {}),
      repetition_type: nullable ? "OPTIONAL" : "REQUIRED",
    })),
  ];
}

/**
 * Writes a Parquet file a row group at a time: sentences are collected up to
 * PARQUET_ROW_GROUP, encoded, and the bytes handed out, so memory stays flat
 * however many rows the export has. One row per sentence, labelled with the
 * gold label or, where there is none, the annotators' majority.
 */
export class ParquetSentenceWriter {
  private readonly bytes = new ByteWriter();
  private readonly writer: ParquetWriter;
  private readonly columns: unknown[][];
  private rows = 0;
  private readonly withGrades: boolean;

  constructor(private readonly shape: ParquetShape) {
    this.withGrades = showsAnnotatorGrades(shape.identity);
    this.writer = new ParquetWriter({
      writer: this.bytes,
      schema: schema(shape),
      createdBy: "Sourcelight",
    });
    this.columns = schema(shape)
      .slice(1)
      .map(() => []);
  }

  /**
   * The file's header (its magic number), written when the writer was made:
   * sent as soon as the rows start coming, so that the download starts before
   * the first row group (PARQUET_ROW_GROUP sentences) is complete.
   */
  header(): Uint8Array {
    return this.take();
  }

  /** Adds a sentence; returns encoded bytes when a row group was completed. */
  add(sentence: ExportSentence, split: SplitName | null): Uint8Array | null {
    const chosen = datasetLabel(sentence);
    const labels = sentence.annotations.map((a) => a.label);
    const agreement = sentenceAgreement(labels);
    const settled = goldSource(sentence)?.grade ?? null;
    const annotations = sentence.annotations;
    const values: unknown[] = [
      ...sentenceColumns(sentence),
      chosen.label,
      chosen.origin,
      goldLabel(sentence),
      goldSourceName(sentence),
      goldCredibility(sentence),
      settled?.value ?? null,
      settled?.rationale ?? null,
      settled?.at ?? null,
      JSON.stringify(labels),
      JSON.stringify(annotations.map((a) => a.credibility)),
      JSON.stringify(annotations.map((a) => a.source?.name ?? a.sourceText)),
      JSON.stringify(annotations.map((a) => a.source?.grade?.value ?? null)),
      labels.length,
      agreement,
    ];
    if (this.withGrades) {
      values.push(
        JSON.stringify(
          annotations.map((a) =>
            a.sourceGrade
              ? { value: a.sourceGrade.value, rationale: a.sourceGrade.rationale }
              : null,
          ),
        ),
      );
    }
    if (this.shape.withSplit) values.push(split ?? "train");
    values.forEach((v, i) => this.columns[i]?.push(v));
    this.rows++;
    return this.rows >= PARQUET_ROW_GROUP ? this.flushGroup() : null;
  }

  /** Writes the last row group and the footer; returns the remaining bytes. */
  finish(): Uint8Array {
    const head = this.rows > 0 ? this.flushGroup() : new Uint8Array(0);
    void this.writer.finish();
    const tail = this.take();
    const out = new Uint8Array(head.length + tail.length);
    out.set(head);
    out.set(tail, head.length);
    return out;
  }

  private flushGroup(): Uint8Array {
    const names = schema(this.shape).slice(1);
    void this.writer.write({
      columnData: names.map((el, i) => ({
        name: el.name,
        data: this.columns[i] ?? [],
        statistics: !WITHOUT_STATISTICS.has(el.name),
      })),
      rowGroupSize: this.rows,
    });
    for (const c of this.columns) c.length = 0;
    this.rows = 0;
    return this.take();
  }

  // The writer's `offset` keeps counting for the file's footer; only the buffer is emptied.
  private take(): Uint8Array {
    const chunk = this.bytes.getBytes().slice();
    this.bytes.index = 0;
    return chunk;
  }
}
