import { z } from "zod";

export const EXPORT_FORMATS = ["jsonl", "csv", "w3c", "parquet", "label-studio"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const IDENTITY_MODES = ["names", "emails", "pseudonyms"] as const;
export type IdentityMode = (typeof IDENTITY_MODES)[number];
export const SPLIT_MODES = ["none", "column", "files"] as const;
export type SplitMode = (typeof SPLIT_MODES)[number];
export const SPLIT_NAMES = ["train", "validation", "test"] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

// Query strings and HTML checkboxes send "on"/"1"/"true"; an unchecked box sends nothing.
const flag = z.preprocess(
  (v) => {
    if (typeof v === "boolean") return v;
    if (v === undefined || v === null || v === "") return false;
    if (typeof v === "string") {
      const s = v.trim().toLowerCase();
      if (["1", "true", "on", "yes"].includes(s)) return true;
      if (["0", "false", "off", "no"].includes(s)) return false;
    }
    return v;
  },
  z.boolean({ error: "Use true or false." }),
);

const share = z.coerce
  .number({ error: "Enter a number from 0 to 100." })
  .min(0, "Enter a number from 0 to 100.")
  .max(100, "Enter a number from 0 to 100.");

/** The options a query string (API, page links) may carry; `document` may repeat. */
export const EXPORT_QUERY_OPTIONS = [
  "format",
  "document",
  "adjudicatedOnly",
  "includeBoilerplate",
  "identity",
  "split",
  "seed",
  "train",
  "validation",
  "test",
  "bom",
  "card",
] as const;

const unknownOptionMessage = (keys: readonly PropertyKey[]): string => {
  const names = keys.map((k) => `"${String(k)}"`).join(", ");
  return `Unknown export option${keys.length > 1 ? "s" : ""} ${names}: the options are ${EXPORT_QUERY_OPTIONS.join(", ")}.`;
};

/**
 * One export request, whichever door it comes through (page, API, CLI).
 * Strict: a misspelt option (`adjudicated_only`) is refused, naming it, rather
 * than ignored, which would export more than was asked for.
 */
export const exportOptionsSchema = z
  .strictObject(
    {
      format: z.enum(EXPORT_FORMATS, {
        error: "Choose a format: jsonl, csv, w3c, parquet or label-studio.",
      }),
      documents: z
        .array(z.uuid({ error: "A document id is not valid." }))
        .max(50_000)
        .default([]),
      adjudicatedOnly: flag.default(false),
      includeBoilerplate: flag.default(false),
      /** Unset: the project's identity setting decides. */
      identity: z.enum(IDENTITY_MODES, { error: "Choose names, emails or pseudonyms." }).optional(),
      split: z.enum(SPLIT_MODES, { error: "Choose none, column or files." }).default("none"),
      seed: z.coerce
        .number({ error: "The seed must be a whole number." })
        .int("The seed must be a whole number.")
        .min(0)
        .max(2_147_483_647)
        .default(42),
      train: share.default(80),
      validation: share.default(10),
      test: share.default(10),
      bom: flag.default(false),
      /** Adds the dataset card (README.md): the download becomes a zip. Split files always have one. */
      card: flag.default(false),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys" ? unknownOptionMessage(issue.keys) : undefined,
    },
  )
  .refine((o) => o.split === "none" || o.train + o.validation + o.test > 0, {
    message: "The split proportions must not all be zero.",
    path: ["train"],
  });
export type ExportOptions = z.output<typeof exportOptionsSchema>;

const isQueryOption = (key: string): key is (typeof EXPORT_QUERY_OPTIONS)[number] =>
  EXPORT_QUERY_OPTIONS.some((name) => name === key);

/**
 * Reads export options from a URL's query (API and page links). Every
 * parameter is passed on, so that the schema refuses the ones it does not know.
 */
export function exportOptionsInput(params: URLSearchParams): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (key === "document") continue;
    if (!isQueryOption(key)) input[key] = value;
    else if (value !== "") input[key] = value;
  }
  const documents = params
    .getAll("document")
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  if (documents.length > 0) input.documents = documents;
  return input;
}

/** The query string that reproduces the options: the page builds its download link with it. */
export function exportOptionsQuery(options: ExportOptions): string {
  const params = new URLSearchParams({ format: options.format });
  if (options.adjudicatedOnly) params.set("adjudicatedOnly", "true");
  if (options.includeBoilerplate) params.set("includeBoilerplate", "true");
  if (options.identity) params.set("identity", options.identity);
  if (options.split !== "none") {
    params.set("split", options.split);
    params.set("seed", String(options.seed));
    params.set("train", String(options.train));
    params.set("validation", String(options.validation));
    params.set("test", String(options.test));
  }
  if (options.bom) params.set("bom", "true");
  if (options.card && options.split !== "files") params.set("card", "true");
  for (const id of options.documents) params.append("document", id);
  return params.toString();
}

export function fileExtension(format: ExportFormat): string {
  if (format === "w3c") return "jsonld";
  // Label Studio's import takes a JSON array of tasks, named .json.
  if (format === "label-studio") return "label-studio.json";
  return format;
}

export function contentType(format: ExportFormat): string {
  switch (format) {
    case "jsonl":
      return "application/x-ndjson; charset=utf-8";
    case "csv":
      return "text/csv; charset=utf-8";
    case "w3c":
      return 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8';
    case "parquet":
      return "application/vnd.apache.parquet";
    case "label-studio":
      return "application/json; charset=utf-8";
  }
}
