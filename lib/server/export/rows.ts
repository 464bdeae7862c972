import "server-only";
import type {
  AnnotatorGrade,
  ExportAdjudication,
  ExportAnnotation,
  ExportDocument,
  ExportSentence,
  RegistrySource,
} from "@/lib/domain/export";
import type { Label } from "@/lib/domain/annotation";
import { CodePointIndex } from "@/lib/domain/text";
import {
  isCredibility,
  isReliabilityGrade,
  type Credibility,
  type ReliabilityGrade,
} from "@/lib/domain/sources";

/** A row as pg returns it in array mode: values in SELECT-list order. */
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
// CHECK constraints and the enum hold these to their scales; a value off the scale is a bug worth failing on.
const credibilityOrNull = (v: unknown): Credibility | null => {
  if (v === null || v === undefined) return null;
  const n = int(v);
  if (!isCredibility(n)) throw new Error(`Credibility ${JSON.stringify(v)} is off the 1–6 scale.`);
  return n;
};
const gradeOrNull = (v: unknown): ReliabilityGrade | null => {
  if (v === null || v === undefined) return null;
  if (!isReliabilityGrade(v))
    throw new Error(`Reliability grade ${JSON.stringify(v)} is off the A–F scale.`);
  return v;
};

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
 * The export's columns, by name, in SELECT-list order: one row per annotation.
 * A document's own columns are read once per document (DOCUMENT_COLUMNS), not
 * repeated on each of its rows. The aliases d (document),
 * s (sentence), adj/asrc/rev (adjudication, its registry source, its reviewer),
 * a/u/src (annotation, annotator, registry source), agr/agrrev and sgr/sgrrev
 * (the settled grade of each registry source and who settled it) and ag (the
 * annotator's own grade of the source they cited) are the FROM clause's in ./sql.ts.
 */
export const EXPORT_COLUMNS = bindPositions({
  documentId: col("d.id", str),

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
  goldSourceSide: col("asrc.side", strOrNull),
  goldSourceDescription: col("asrc.description", str),
  goldSourceGrade: col("agr.grade", gradeOrNull),
  goldSourceGradeRationale: col("agr.rationale", str),
  goldSourceGradeAt: col(utc('agr."createdAt"'), str),
  goldSourceGraderId: col("agrrev.id", strOrNull),
  goldSourceGraderName: col("agrrev.name", str),
  goldSourceGraderEmail: col("agrrev.email", str),
  goldCredibility: col('adj."goldCredibility"', credibilityOrNull),
  adjudicationNote: col("adj.note", strOrNull),
  reviewerId: col("rev.id", str),
  reviewerName: col("rev.name", str),
  reviewerEmail: col("rev.email", str),
  adjudicationCreatedAt: col(utc('adj."createdAt"'), str),
  adjudicationUpdatedAt: col(utc('adj."updatedAt"'), str),

  annotationId: col("a.id", strOrNull),
  annotatorId: col("u.id", str),
  annotatorName: col("u.name", str),
  annotatorEmail: col("u.email", str),
  label: col("a.label", label),
  credibility: col("a.credibility", credibilityOrNull),
  sourceText: col('a."sourceText"', strOrNull),
  sourceStart: col('a."sourceStart"', intOrNull),
  sourceEnd: col('a."sourceEnd"', intOrNull),
  sourceName: col("src.name", strOrNull),
  sourceType: col("src.type", str),
  sourceAliases: col("src.aliases", list),
  sourceAffiliation: col("src.affiliation", strOrNull),
  sourceSide: col("src.side", strOrNull),
  sourceDescription: col("src.description", str),
  sourceGrade: col("sgr.grade", gradeOrNull),
  sourceGradeRationale: col("sgr.rationale", str),
  sourceGradeAt: col(utc('sgr."createdAt"'), str),
  sourceGraderId: col("sgrrev.id", strOrNull),
  sourceGraderName: col("sgrrev.name", str),
  sourceGraderEmail: col("sgrrev.email", str),
  annotatorGrade: col("ag.grade", gradeOrNull),
  annotatorGradeRationale: col("ag.rationale", str),
  annotationSourceType: col('a."sourceType"', strOrNull),
  annotationNote: col("a.note", strOrNull),
  unsure: col("a.unsure", bool),
  createdAt: col(utc('a."createdAt"'), str),
  updatedAt: col(utc('a."updatedAt"'), str),
});

export type ExportColumnName = keyof typeof EXPORT_COLUMNS;

/** A document's columns, read once per document with its text when the format needs it. */
export const DOCUMENT_COLUMNS = bindPositions({
  id: col("d.id", str),
  contentHash: col('d."contentHash"', str),
  title: col("d.title", str),
  byline: col("d.byline", strOrNull),
  publisher: col("d.publisher", strOrNull),
  publishedAt: col(`to_char(d."publishedAt", 'YYYY-MM-DD')`, strOrNull),
  sourceUrl: col('d."sourceUrl"', strOrNull),
  metadataJson: col("d.metadata::text", str),
});

function bindPositions<S extends Record<string, Column<unknown>>>(columns: S): S {
  Object.values(columns).forEach((column, position) => column.bind(position));
  return columns;
}

const selectList = (columns: Record<string, Column<unknown>>): string =>
  Object.entries(columns)
    .map(([name, column]) => `${column.sql} AS "${name}"`)
    .join(",\n  ");

/** The SELECT list, written from EXPORT_COLUMNS: each expression named by its column. */
export const EXPORT_SELECT_LIST = selectList(EXPORT_COLUMNS);

/** The document's SELECT list, written from DOCUMENT_COLUMNS. */
export const DOCUMENT_SELECT_LIST = selectList(DOCUMENT_COLUMNS);

const c = EXPORT_COLUMNS;

export const sentenceIdOf = (r: RawRow): string => c.sentenceId.read(r);
/** The id of a document row (DOCUMENT_COLUMNS). */
export const documentRowIdOf = (r: RawRow): string => DOCUMENT_COLUMNS.id.read(r);
/** The text DOCUMENT_SQL adds after a document's columns, or null where it was not asked for. */
export const documentTextOf = (r: RawRow): string | null =>
  strOrNull(r[Object.keys(DOCUMENT_COLUMNS).length]);
export const documentIdOf = (r: RawRow): string => c.documentId.read(r);

/**
 * A document row (DOCUMENT_COLUMNS); `codePoints` converts its offsets
 * (BMP_ONLY for a text whose units are code points).
 */
export function decodeDocument(
  r: RawRow,
  codePoints: CodePointIndex = CodePointIndex.BMP_ONLY,
): ExportDocument {
  const d = DOCUMENT_COLUMNS;
  return {
    id: d.id.read(r),
    contentHash: d.contentHash.read(r),
    title: d.title.read(r),
    byline: d.byline.read(r),
    publisher: d.publisher.read(r),
    publishedAt: d.publishedAt.read(r),
    sourceUrl: d.sourceUrl.read(r),
    metadataJson: d.metadataJson.read(r),
    codePoints,
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
    credibility: c.goldCredibility.read(r),
    sourceText: c.goldSourceText.read(r),
    source: registry(r, GOLD_SOURCE),
    note: c.adjudicationNote.read(r),
    reviewer: {
      id: c.reviewerId.read(r),
      name: c.reviewerName.read(r),
      email: c.reviewerEmail.read(r),
    },
    createdAt: c.adjudicationCreatedAt.read(r),
    updatedAt: c.adjudicationUpdatedAt.read(r),
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
    credibility: c.credibility.read(r),
    sourceText: c.sourceText.read(r),
    sourceStart: c.sourceStart.read(r),
    sourceEnd: c.sourceEnd.read(r),
    source: registry(r, ANNOTATION_SOURCE),
    sourceGrade: annotatorGrade(r),
    sourceType: c.annotationSourceType.read(r),
    note: c.annotationNote.read(r),
    unsure: c.unsure.read(r),
    createdAt: c.createdAt.read(r),
    updatedAt: c.updatedAt.read(r),
  };
}

/** The columns of one registry source and its settled grade, as joined for the gold label or an annotation. */
interface RegistryColumns {
  name: Column<string | null>;
  type: Column<string>;
  aliases: Column<string[]>;
  affiliation: Column<string | null>;
  side: Column<string | null>;
  description: Column<string>;
  grade: Column<ReliabilityGrade | null>;
  gradeRationale: Column<string>;
  gradeAt: Column<string>;
  graderId: Column<string | null>;
  graderName: Column<string>;
  graderEmail: Column<string>;
}

const GOLD_SOURCE: RegistryColumns = {
  name: c.goldSourceName,
  type: c.goldSourceType,
  aliases: c.goldSourceAliases,
  affiliation: c.goldSourceAffiliation,
  side: c.goldSourceSide,
  description: c.goldSourceDescription,
  grade: c.goldSourceGrade,
  gradeRationale: c.goldSourceGradeRationale,
  gradeAt: c.goldSourceGradeAt,
  graderId: c.goldSourceGraderId,
  graderName: c.goldSourceGraderName,
  graderEmail: c.goldSourceGraderEmail,
};

const ANNOTATION_SOURCE: RegistryColumns = {
  name: c.sourceName,
  type: c.sourceType,
  aliases: c.sourceAliases,
  affiliation: c.sourceAffiliation,
  side: c.sourceSide,
  description: c.sourceDescription,
  grade: c.sourceGrade,
  gradeRationale: c.sourceGradeRationale,
  gradeAt: c.sourceGradeAt,
  graderId: c.sourceGraderId,
  graderName: c.sourceGraderName,
  graderEmail: c.sourceGraderEmail,
};

/** A registry entry with its settled grade; null when the LEFT JOIN found none. */
function registry(r: RawRow, cols: RegistryColumns): RegistrySource | null {
  const name = cols.name.read(r);
  if (name === null) return null;
  const grade = cols.grade.read(r);
  const graderId = cols.graderId.read(r);
  return {
    name,
    type: cols.type.read(r),
    aliases: cols.aliases.read(r),
    affiliation: cols.affiliation.read(r),
    side: cols.side.read(r),
    description: cols.description.read(r),
    grade:
      grade === null
        ? null
        : {
            value: grade,
            rationale: cols.gradeRationale.read(r),
            by:
              graderId === null
                ? null
                : { id: graderId, name: cols.graderName.read(r), email: cols.graderEmail.read(r) },
            at: cols.gradeAt.read(r),
          },
  };
}

function annotatorGrade(r: RawRow): AnnotatorGrade | null {
  const value = c.annotatorGrade.read(r);
  return value === null ? null : { value, rationale: c.annotatorGradeRationale.read(r) };
}
