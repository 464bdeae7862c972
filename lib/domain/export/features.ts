import { LABELS } from "../annotation/labels";
import { CSV_COLUMNS } from "./csv";
import type { ExportFormat, IdentityMode, SplitMode } from "./options";
import { parquetColumns, type ParquetKind } from "./parquet";
import { showsAnnotatorGrades } from "./records";

/*
 * The features (Hugging Face `dataset_info.features`) of each format's file,
 * as the dataset card lists them: exactly the columns or fields the writer
 * puts in the file it sits beside. CSV and Parquet are read from the writers'
 * own column lists; JSONL's nested record is written out here, and a unit test
 * holds it to the keys of a written line.
 */

export type ClassLabel = { class_label: { names: Record<string, string> } };
export interface Feature {
  name: string;
  dtype?: string | ClassLabel;
  struct?: Feature[];
  /** A list of records. */
  list?: Feature[];
  /** A list of plain values of this dtype. */
  sequence?: string;
}

/** `label` and `gold_label` hold label names; the card declares them as a class label over LABELS. */
export const LABEL_FEATURE_TYPE: ClassLabel = {
  class_label: { names: Object.fromEntries(LABELS.map((l, i) => [String(i), l])) },
};

const v = (name: string, dtype: string): Feature => ({ name, dtype });
const label = (name: string): Feature => ({ name, dtype: LABEL_FEATURE_TYPE });

const PARQUET_DTYPES: Record<ParquetKind, string> = {
  STRING: "string",
  INT32: "int32",
  BOOLEAN: "bool",
  DOUBLE: "float64",
};

const LABEL_COLUMNS = new Set(["label", "gold_label"]);
const CSV_INT_COLUMNS = new Set([
  "sentence_index",
  "sentence_start",
  "sentence_end",
  "sentence_start_cp",
  "sentence_end_cp",
  "source_start",
  "source_end",
  "source_start_cp",
  "source_end_cp",
  "gold_credibility",
  "credibility",
  "annotator_count",
]);
const CSV_TYPES: Record<string, string> = {
  is_boilerplate: "bool",
  unsure: "bool",
  sentence_agreement: "float64",
};

function csvFeatures(): Feature[] {
  return CSV_COLUMNS.map((name) =>
    LABEL_COLUMNS.has(name)
      ? label(name)
      : v(name, CSV_INT_COLUMNS.has(name) ? "int32" : (CSV_TYPES[name] ?? "string")),
  );
}

function parquetFeatures(withSplit: boolean, identity: IdentityMode): Feature[] {
  return parquetColumns({ withSplit, identity }).map(([name, kind]) =>
    LABEL_COLUMNS.has(name) ? label(name) : v(name, PARQUET_DTYPES[kind]),
  );
}

const person = (name: string): Feature => ({
  name,
  struct: [v("name", "string"), v("email", "string")],
});

function registrySource(): Feature {
  return {
    name: "source",
    struct: [
      v("name", "string"),
      v("type", "string"),
      { name: "aliases", sequence: "string" },
      v("affiliation", "string"),
      v("side", "string"),
      v("description", "string"),
      {
        name: "grade",
        struct: [v("value", "string"), v("rationale", "string"), person("by"), v("at", "string")],
      },
    ],
  };
}

function jsonlFeatures(withSplit: boolean, identity: IdentityMode): Feature[] {
  return [
    {
      name: "document",
      struct: [
        v("id", "string"),
        v("title", "string"),
        v("byline", "string"),
        v("publisher", "string"),
        v("published_at", "string"),
        v("source_url", "string"),
        // Free-form: the metadata kept at import, as a JSON object.
        v("metadata", "json"),
        v("text", "string"),
      ],
    },
    {
      name: "sentence",
      struct: [
        v("index", "int32"),
        v("start", "int32"),
        v("end", "int32"),
        v("start_cp", "int32"),
        v("end_cp", "int32"),
        v("text", "string"),
        v("is_boilerplate", "bool"),
      ],
    },
    ...(withSplit ? [v("split", "string")] : []),
    label("gold_label"),
    v("gold_credibility", "int32"),
    label("label"),
    v("label_origin", "string"),
    {
      name: "adjudication",
      struct: [
        v("status", "string"),
        label("label"),
        v("credibility", "int32"),
        v("source_text", "string"),
        registrySource(),
        v("note", "string"),
        person("reviewer"),
        v("created_at", "string"),
        v("updated_at", "string"),
      ],
    },
    {
      name: "annotations",
      list: [
        person("annotator"),
        label("label"),
        v("credibility", "int32"),
        v("source_text", "string"),
        v("source_start", "int32"),
        v("source_end", "int32"),
        v("source_start_cp", "int32"),
        v("source_end_cp", "int32"),
        registrySource(),
        ...(showsAnnotatorGrades(identity)
          ? [{ name: "source_grade", struct: [v("value", "string"), v("rationale", "string")] }]
          : []),
        v("source_type", "string"),
        v("note", "string"),
        v("unsure", "bool"),
        v("created_at", "string"),
        v("updated_at", "string"),
      ],
    },
    {
      name: "agreement",
      struct: [v("annotators", "int32"), v("observed", "float64")],
    },
  ];
}

/**
 * The features of one export's file, or null for W3C and Label Studio: a
 * JSON-LD graph and a task list, not tables, which the card describes in prose instead.
 */
export function formatFeatures(
  format: ExportFormat,
  options: { split: SplitMode; identity: IdentityMode },
): Feature[] | null {
  switch (format) {
    case "csv":
      return csvFeatures();
    case "parquet":
      return parquetFeatures(options.split !== "none", options.identity);
    case "jsonl":
      return jsonlFeatures(options.split !== "none", options.identity);
    case "w3c":
    case "label-studio":
      return null;
  }
}
