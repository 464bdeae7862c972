import "server-only";
import type {
  ExportAdjudication,
  ExportAnnotation,
  ExportDocument,
  ExportSentence,
  RegistrySource,
} from "@/lib/domain/export";
import type { Label } from "@/lib/domain/annotation";

/** A row as the cursor returns it in array mode: values in SELECT-list order. */
export type RawRow = unknown[];

const str = (v: unknown): string => (typeof v === "string" ? v : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : str(v));
const int = (v: unknown): number => (typeof v === "number" ? v : Number(v));
const intOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : int(v));
const bool = (v: unknown): boolean => v === true;
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);
// The column is PostgreSQL's "Label" enum, whose values are exactly the export's labels.
const label = (v: unknown): Label => str(v) as Label;
const labelOrNull = (v: unknown): Label | null => (v === null ? null : label(v));

/**
 * One column of the export's SELECT list: its SQL expression and how its value
 * is decoded. Its position is set once, from the order of the list that also
 * writes the SELECT clause, so reading by name can never drift from the SQL.
 */
export class Column<T> {
  #position = -1;
  constructor(
    readonly sql: string,
    readonly decode: (value: unknown) => T,
  ) {}

  get position(): number {
    return this.#position;
  }

  bind(position: number): void {
    if (this.#position !== -1) throw new Error("A column belongs to one SELECT list.");
    this.#position = position;
  }

  read(row: RawRow): T {
    return this.decode(row[this.#position]);
  }
}

const col = <T>(sql: string, decode: (value: unknown) => T) => new Column(sql, decode);
const utc = (sql: string) => `to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The export's columns, by name, in SELECT-list order. The aliases d (document),
 * s (sentence), adj/asrc/rev (adjudication, its registry source, its reviewer)
 * and a/u/src (annotation, annotator, registry source) are the FROM clause's in ./sql.ts.
 */
export const EXPORT_COLUMNS = bindPositions({
  documentId: col("d.id", str),
  contentHash: col('d."contentHash"', str),
  title: col("d.title", str),
  byline: col("d.byline", strOrNull),
  publisher: col("d.publisher", strOrNull),
  publishedAt: col(`to_char(d."publishedAt", 'YYYY-MM-DD')`, strOrNull),
  sourceUrl: col('d."sourceUrl"', strOrNull),
  metadataJson: col("d.metadata::text", str),

  sentenceId: col("s.id", str),
  sentenceIndex: col("s.index", int),
  sentenceStart: col("s.start", int),
  sentenceEnd: col('s."end"', int),
  sentenceText: col("s.text", str),
  isBoilerplate: col('s."isBoilerplate"', bool),

  adjudicationStatus: col("adj.status", strOrNull),
  goldLabel: col("adj.label", labelOrNull),
  goldSourceText: col('adj."sourceText"', strOrNull),
  goldSourceName: col("asrc.name", strOrNull),
  goldSourceType: col("asrc.type", str),
  goldSourceAliases: col("asrc.aliases", list),
  goldSourceAffiliation: col("asrc.affiliation", strOrNull),
  adjudicationNote: col("adj.note", strOrNull),
  reviewerId: col("rev.id", str),
  reviewerName: col("rev.name", str),
  reviewerEmail: col("rev.email", str),

  annotationId: col("a.id", strOrNull),
  annotatorId: col("u.id", str),
  annotatorName: col("u.name", str),
  annotatorEmail: col("u.email", str),
  label: col("a.label", label),
  sourceText: col('a."sourceText"', strOrNull),
  sourceStart: col('a."sourceStart"', intOrNull),
  sourceEnd: col('a."sourceEnd"', intOrNull),
  sourceName: col("src.name", strOrNull),
  sourceType: col("src.type", str),
  sourceAliases: col("src.aliases", list),
  sourceAffiliation: col("src.affiliation", strOrNull),
  annotationSourceType: col('a."sourceType"', strOrNull),
  annotationNote: col("a.note", strOrNull),
  unsure: col("a.unsure", bool),
  createdAt: col(utc('a."createdAt"'), str),
  updatedAt: col(utc('a."updatedAt"'), str),
});

export type ExportColumnName = keyof typeof EXPORT_COLUMNS;

function bindPositions<S extends Record<string, Column<unknown>>>(columns: S): S {
  Object.values(columns).forEach((column, position) => column.bind(position));
  return columns;
}

/** The SELECT list, written from EXPORT_COLUMNS: each expression named by its column. */
export const EXPORT_SELECT_LIST = Object.entries(EXPORT_COLUMNS)
  .map(([name, column]) => `${column.sql} AS "${name}"`)
  .join(",\n  ");

const c = EXPORT_COLUMNS;

export const sentenceIdOf = (r: RawRow): string => c.sentenceId.read(r);
export const documentIdOf = (r: RawRow): string => c.documentId.read(r);

export function decodeDocument(r: RawRow): ExportDocument {
  return {
    id: c.documentId.read(r),
    contentHash: c.contentHash.read(r),
    title: c.title.read(r),
    byline: c.byline.read(r),
    publisher: c.publisher.read(r),
    publishedAt: c.publishedAt.read(r),
    sourceUrl: c.sourceUrl.read(r),
    metadataJson: c.metadataJson.read(r),
  };
}

/** The row's sentence, with its adjudication when it has one; annotations are added row by row. */
export function decodeSentence(r: RawRow, document: ExportDocument): ExportSentence {
  const status = c.adjudicationStatus.read(r);
  return {
    document,
    id: c.sentenceId.read(r),
    index: c.sentenceIndex.read(r),
    start: c.sentenceStart.read(r),
    end: c.sentenceEnd.read(r),
    text: c.sentenceText.read(r),
    isBoilerplate: c.isBoilerplate.read(r),
    adjudication: status === null ? null : decodeAdjudication(r, status),
    annotations: [],
  };
}

function decodeAdjudication(r: RawRow, status: string): ExportAdjudication {
  return {
    status,
    label: c.goldLabel.read(r),
    sourceText: c.goldSourceText.read(r),
    source: registry(
      r,
      c.goldSourceName,
      c.goldSourceType,
      c.goldSourceAliases,
      c.goldSourceAffiliation,
    ),
    note: c.adjudicationNote.read(r),
    reviewer: {
      id: c.reviewerId.read(r),
      name: c.reviewerName.read(r),
      email: c.reviewerEmail.read(r),
    },
  };
}

/** The row's annotation, or null for a sentence nobody has annotated. */
export function decodeAnnotation(r: RawRow): ExportAnnotation | null {
  const id = c.annotationId.read(r);
  if (id === null) return null;
  return {
    id,
    annotator: {
      id: c.annotatorId.read(r),
      name: c.annotatorName.read(r),
      email: c.annotatorEmail.read(r),
    },
    label: c.label.read(r),
    sourceText: c.sourceText.read(r),
    sourceStart: c.sourceStart.read(r),
    sourceEnd: c.sourceEnd.read(r),
    source: registry(r, c.sourceName, c.sourceType, c.sourceAliases, c.sourceAffiliation),
    sourceType: c.annotationSourceType.read(r),
    note: c.annotationNote.read(r),
    unsure: c.unsure.read(r),
    createdAt: c.createdAt.read(r),
    updatedAt: c.updatedAt.read(r),
  };
}

/** A registry entry from its four columns; null when the LEFT JOIN found none. */
function registry(
  r: RawRow,
  name: Column<string | null>,
  type: Column<string>,
  aliases: Column<string[]>,
  affiliation: Column<string | null>,
): RegistrySource | null {
  const value = name.read(r);
  return value === null
    ? null
    : {
        name: value,
        type: type.read(r),
        aliases: aliases.read(r),
        affiliation: affiliation.read(r),
      };
}
