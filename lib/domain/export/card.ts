import { stringify } from "yaml";
import { krippendorffAlpha, percentAgreement, type CountTable } from "@/lib/domain/agreement";
import {
  SPLIT_NAMES,
  type ExportFormat,
  type IdentityMode,
  type SplitMode,
  type SplitName,
} from "./options";
import { formatFeatures } from "./features";
import { SOURCELIGHT_CONTEXT_PATH } from "./context";
import { GOLD_MODEL_VERSION, LABEL_STUDIO_CONFIG } from "./label-studio";
import { LABELS, type Label } from "../annotation/labels";
import { datasetLabel, showsAnnotatorGrades, type ExportSentence } from "./records";
import {
  CREDIBILITY_MEANINGS,
  CREDIBILITY_VALUES,
  RELIABILITY_GRADES,
  RELIABILITY_MEANINGS,
} from "../sources/grades";

const LABEL_DEFINITIONS: Record<Label, string> = {
  SOURCED_FACT: "A factual statement the article attributes to a named or identifiable source.",
  UNVERIFIED_CLAIM:
    "A factual statement with no attribution, or attributed only vaguely, that the reader cannot check.",
  OPINION: "A judgement, prediction or value statement rather than a checkable fact.",
  NOT_A_CLAIM: "A sentence that states nothing checkable: questions, boilerplate, headings.",
};

/** Counts gathered while the rows stream past; they make the dataset card. */
export class ExportStats {
  sentences = 0;
  annotations = 0;
  documents = 0;
  readonly bySplit = new Map<
    SplitName | "all",
    { sentences: number; labels: Map<string, number> }
  >();
  readonly origins = new Map<string, number>();
  private readonly annotators = new Set<string>();
  private lastDocument: string | null = null;
  // Only sentences with two or more annotations matter for agreement: their
  // label counts, packed (4 ints a sentence), so a million-row export stays small.
  private counts = new Int32Array(4 * 1024);
  private pairableUnits = 0;

  add(sentence: ExportSentence, split: SplitName | null): void {
    this.sentences++;
    this.annotations += sentence.annotations.length;
    if (sentence.document.id !== this.lastDocument) {
      this.documents++;
      this.lastDocument = sentence.document.id;
    }
    const chosen = datasetLabel(sentence);
    this.origins.set(chosen.origin, (this.origins.get(chosen.origin) ?? 0) + 1);
    const key = split ?? "all";
    const entry = this.bySplit.get(key) ?? { sentences: 0, labels: new Map<string, number>() };
    entry.sentences++;
    const l = chosen.label ?? "(none)";
    entry.labels.set(l, (entry.labels.get(l) ?? 0) + 1);
    this.bySplit.set(key, entry);
    for (const a of sentence.annotations) this.annotators.add(a.annotator.id);
    if (sentence.annotations.length >= 2) {
      const K = LABELS.length;
      if ((this.pairableUnits + 1) * K > this.counts.length) {
        const grown = new Int32Array(this.counts.length * 2);
        grown.set(this.counts);
        this.counts = grown;
      }
      const base = this.pairableUnits * K;
      for (const a of sentence.annotations) {
        const at = base + LABELS.indexOf(a.label);
        this.counts[at] = (this.counts[at] ?? 0) + 1;
      }
      this.pairableUnits++;
    }
  }

  get annotatorCount(): number {
    return this.annotators.size;
  }

  agreement(): { alpha: number | null; observed: number | null; units: number } {
    if (this.pairableUnits === 0) return { alpha: null, observed: null, units: 0 };
    const K = LABELS.length;
    const table: CountTable = {
      kind: "counts",
      unitCount: this.pairableUnits,
      categoryCount: K,
      counts: this.counts.subarray(0, this.pairableUnits * K),
    };
    const alpha = krippendorffAlpha(table);
    const observed = percentAgreement(table);
    return {
      alpha: alpha.defined ? alpha.value : null,
      observed: observed.defined ? observed.value : null,
      units: this.pairableUnits,
    };
  }
}

/** Where each format carries the grades; `named` when the export names its annotators. */
function gradeFields(format: ExportFormat, named: boolean): string[] {
  const unnamed = "this export does not name the annotators, so it leaves their own grades out";
  switch (format) {
    case "jsonl":
      return [
        "- Information credibility: `annotations[].credibility`; the gold one in `adjudication.credibility`, and in",
        "  `gold_credibility` beside a gold label (null otherwise).",
        "- Settled grade: `grade` of each registry source (`annotations[].source`, `adjudication.source`): `value`,",
        "  `rationale`, `by` (the reviewer, shown like the annotators), `at`; null when none is settled.",
        named
          ? "- Annotator's grade: `annotations[].source_grade`, the annotator's own grade of the registry source they cited: `value`, `rationale`; null when they gave none."
          : `- Annotator's grade: no \`source_grade\` field: ${unnamed}.`,
      ];
    case "csv":
      return [
        "- Information credibility: `credibility` (the row's annotation), `gold_credibility` (beside a gold label).",
        "- Settled grade: of the row's registry source in `source_grade`, `source_grade_rationale`, `source_grade_by`",
        "  (the reviewer, shown like the annotators), `source_grade_at`; of the gold label's source in `gold_source_grade`.",
        named
          ? "- Annotator's grade: `annotator_source_grade` and `annotator_source_grade_rationale`, the row's annotator's own grade of the registry source they cited; empty when they gave none."
          : `- Annotator's grade: \`annotator_source_grade\` and \`annotator_source_grade_rationale\` are empty: ${unnamed}.`,
      ];
    case "parquet":
      return [
        "- Per annotation: string columns holding a JSON array with one element per annotation, in the order of",
        "  `annotator_labels`: `annotator_credibility` (1–6 or null), `annotator_sources` (the registry source's name,",
        "  else the attributed words, or null) and `annotator_source_settled_grades` (that registry source's settled",
        "  grade, A–F, or null).",
        "- Gold: `gold_credibility`; the gold label's source's settled grade in `gold_source_grade`,",
        "  `gold_source_grade_rationale`, `gold_source_grade_at`.",
        named
          ? '- Annotator\'s grade: `annotator_source_grades`, a JSON array in the same order: each annotator\'s own grade of the registry source they cited, `{"value": "A".."F", "rationale": "…"}`, or null when they gave none.'
          : `- Annotator's grade: no \`annotator_source_grades\` column: ${unnamed}.`,
      ];
    case "w3c":
      return [
        "- Information credibility: `credibility` on each annotation (`classifying`), the gold one on the",
        "  `assessing` annotation; null when none was given.",
        "- Settled grade: `settledGrade` on each `identifying` body that names a registry source: `value`,",
        "  `rationale`, `creator` (the reviewer), `created`; null when none is settled.",
        named
          ? "- Annotator's grade: `annotatorGrade` on each annotator's `identifying` body that names a registry source: `value`, `rationale`; null when they gave none. The gold label's body has none."
          : `- Annotator's grade: no \`annotatorGrade\`: ${unnamed}.`,
      ];
    case "label-studio":
      return [
        "- Information credibility: a per-region `number` result (`from_name` `credibility`, `value.number`) beside",
        "  the sentence's `labels` region, in each annotator's prediction and, for the gold credibility, in the gold one.",
        "- Settled grade: a per-region `textarea` result (`from_name` `settled_source_grade`, `value.text` the",
        "  letter) beside a region whose source is a registry source with a settled grade. Rationales are not carried.",
        named
          ? "- Annotator's grade: a per-region `textarea` result (`from_name` `annotator_source_grade`, `value.text` the letter) in the annotator's prediction, when they graded the registry source they cited."
          : `- Annotator's grade: no \`annotator_source_grade\` results: ${unnamed}.`,
      ];
  }
}

/** The Admiralty scales (NATO AJP-2.1) and where the file carries them. */
function gradesSection(format: ExportFormat, identity: IdentityMode): string[] {
  return [
    "## Grades",
    "",
    "Sources and information are graded separately, on the Admiralty scales (NATO AJP-2.1, STANAG 2511).",
    "",
    "**Information credibility**, a whole number per annotation and beside the gold label; empty when none was given:",
    "",
    ...CREDIBILITY_VALUES.map((v) => `- **${v}**: ${CREDIBILITY_MEANINGS[v]}`),
    "",
    "**Source reliability**, a letter per registry source. The *settled* grade is the project's, set by a",
    "reviewer (the latest assessment: grade, rationale, reviewer, time); each annotator may also grade the",
    "sources they cited, which only exports that name the annotators carry (a pseudonymous export leaves them out):",
    "",
    ...RELIABILITY_GRADES.map((g) => `- **${g}**: ${RELIABILITY_MEANINGS[g]}`),
    "",
    "**F** and **6** mean *cannot be judged*: they are answers, not the worst point of the scale. Read them",
    "as missing values in statistics (Sourcelight's agreement figures do), and A–E, 1–5 as ordinal scales.",
    "",
    "In this file:",
    "",
    ...gradeFields(format, showsAnnotatorGrades(identity)),
    "",
  ];
}

function sizeCategory(n: number): string {
  if (n < 1_000) return "n<1K";
  if (n < 10_000) return "1K<n<10K";
  if (n < 100_000) return "10K<n<100K";
  if (n < 1_000_000) return "100K<n<1M";
  return "1M<n<10M";
}

const fmt = (x: number | null) => (x === null ? "undefined" : x.toFixed(3));

const FORMAT_NAMES: Record<ExportFormat, string> = {
  jsonl: "JSON Lines, one sentence per line with its annotations nested",
  csv: "CSV (RFC 4180, UTF-8), one row per annotation (a sentence nobody annotated has one row)",
  parquet: "Parquet, one row per sentence with the gold or majority label",
  w3c: "W3C Web Annotation (JSON-LD), one AnnotationCollection",
  "label-studio": "Label Studio tasks (JSON array), one task per document with predictions",
};

/** How a Label Studio project takes the tasks back. */
function labelStudioSection(): string[] {
  return [
    "## Structure",
    "",
    "One task per document: `data.text` is the document's text (`data.title`, `data.sourcelight_document_id` beside it).",
    `Its \`predictions\` are the gold labels (\`model_version\` \`${GOLD_MODEL_VERSION}\`) and each annotator's labels`,
    "(`sourcelight:annotator:<name>`), a `labels` region per sentence with the attributed source in a per-region `textarea`",
    "and the credibility and source grades beside it (see Grades).",
    "Import the file into a Label Studio project whose labelling interface is:",
    "",
    "```xml",
    LABEL_STUDIO_CONFIG,
    "```",
    "",
  ];
}

/** Where the offsets of each format are, and in which unit. */
function offsetsSection(format: ExportFormat): string[] {
  const where: Record<ExportFormat, string> = {
    jsonl:
      "`sentence.start`/`end` and `annotations[].source_start`/`source_end` count UTF-16 code units; `sentence.start_cp`/`end_cp` and `source_start_cp`/`source_end_cp` count Unicode code points. `document.text` (first line of each document) is the text they index.",
    csv: "`sentence_start`/`sentence_end` and `source_start`/`source_end` count UTF-16 code units; the `_cp` columns beside them count Unicode code points.",
    parquet:
      "`start`/`end` count UTF-16 code units; `start_cp`/`end_cp` count Unicode code points.",
    w3c: "`TextPositionSelector` `start`/`end` count Unicode code points, as the Web Annotation model requires.",
    "label-studio":
      "Each region's `value.start`/`end` count UTF-16 code units, as Label Studio's text annotator does; `value.text` is the sentence they index in `data.text`.",
  };
  return [
    "## Offsets",
    "",
    "Offsets index the document's normalised text. UTF-16 code units are what JavaScript and Java strings count;",
    "Unicode code points are what Python `str`, Rust `chars()` and PostgreSQL count. They differ after every",
    "character beyond the Basic Multilingual Plane (most emoji): slice with the unit your language counts.",
    where[format],
    "",
  ];
}

/** What the W3C file holds beyond the Web Annotation model, and where its terms are defined. */
function w3cSection(): string[] {
  return [
    "## Structure",
    "",
    "One `AnnotationCollection` (with `id`, `label`, `total`) whose first `AnnotationPage` holds every annotation:",
    "motivation `classifying` for each annotator's label, `assessing` for the gold label. Bodies with purpose",
    "`identifying` name the source: `value`, `attribution`, `span`, `sourceType`, `aliases`, `affiliation`, `side`,",
    "`description`, `settledGrade` and, in exports that name annotators, `annotatorGrade`; annotations carry `credibility`.",
    `Those terms are defined in Sourcelight's JSON-LD context, embedded in the file's \`@context\` after the W3C one`,
    `and served by the app at \`${SOURCELIGHT_CONTEXT_PATH}\`.`,
    "",
  ];
}

/** One annotator's recorded time, as the export names them (name or pseudonym). */
export interface CardAnnotatorTime {
  annotator: string;
  documents: number;
  activeSeconds: number;
  medianSecondsPerSentence: number | null;
}

/** How long annotation took: active time per annotator, the way the app measures it. */
function timeSection(times: readonly CardAnnotatorTime[]): string[] {
  if (times.length === 0) return [];
  return [
    "## Annotation time",
    "",
    "Active time in the annotation workspace: the window focused, pauses longer than two minutes left out,",
    "reported by heartbeat and never credited beyond the wall-clock time between reports. Seconds per",
    "sentence is each document's active time over the sentences the annotator tagged in it; the median is",
    "across documents.",
    "",
    "| annotator | median seconds per sentence | active seconds | documents |",
    "|---|---:|---:|---:|",
    ...times.map(
      (t) =>
        `| ${t.annotator.replace(/\|/g, "\\|")} | ${t.medianSecondsPerSentence === null ? "" : t.medianSecondsPerSentence.toFixed(1)} | ${t.activeSeconds} | ${t.documents} |`,
    ),
    "",
  ];
}

/**
 * The dataset card (README.md with a Hugging Face YAML header) for the file it
 * sits beside: license, task, the file's own features (label as a class
 * label), splits and sizes up top; label definitions, offsets and their unit,
 * the grades, the project's guidelines, counts and agreement below.
 */
export function datasetCard(args: {
  projectName: string;
  guidelines: string;
  license?: string;
  format: ExportFormat;
  split: SplitMode;
  identity: IdentityMode;
  files: Array<{ split: SplitName | "all"; path: string }>;
  stats: ExportStats;
  generatedAt: string;
  /** Recorded annotation time per annotator; the section is left out when there is none. */
  annotationTime?: readonly CardAnnotatorTime[];
}): string {
  const { stats } = args;
  const agreement = stats.agreement();
  // One file of the whole dataset is Hugging Face's single "train" split, with every sentence in it.
  const splits = args.files.map((f) => ({
    name: f.split === "all" ? "train" : f.split,
    num_examples:
      f.split === "all" ? stats.sentences : (stats.bySplit.get(f.split)?.sentences ?? 0),
  }));
  const features = formatFeatures(args.format, { split: args.split, identity: args.identity });
  const header = {
    license: args.license ?? "other",
    pretty_name: args.projectName,
    task_categories: ["text-classification"],
    task_ids: ["multi-class-classification"],
    size_categories: [sizeCategory(stats.sentences)],
    tags: ["source-attribution", "claim-detection", "news"],
    dataset_info: {
      ...(features ? { features } : {}),
      splits,
    },
    configs: [
      {
        config_name: "default",
        data_files: args.files.map((f) => ({
          split: f.split === "all" ? "train" : f.split,
          path: f.path,
        })),
      },
    ],
    labels: [...LABELS],
  };
  // The counts table has a column per split present, also when the splits are a column of one file.
  const present = [...SPLIT_NAMES, "all" as const].filter((k) => stats.bySplit.has(k));
  const splitKeys = present.length > 0 ? present : args.files.map((f) => f.split);
  const labelRows = [...LABELS, "(none)"].map((label) => {
    const cells = splitKeys.map((k) => String(stats.bySplit.get(k)?.labels.get(label) ?? 0));
    return `| ${label} | ${cells.join(" | ")} |`;
  });
  const lines = [
    "---",
    stringify(header).trimEnd(),
    "---",
    "",
    `# ${args.projectName}`,
    "",
    `Sentences from news articles, each labelled by who stands behind it. Exported from Sourcelight on ${args.generatedAt}.`,
    "",
    `Format: ${FORMAT_NAMES[args.format]}. Files: ${args.files.map((f) => `\`${f.path}\``).join(", ")}.`,
    args.split === "none"
      ? "No split: every sentence is in the one file (Hugging Face reads it as `train`)."
      : args.split === "column"
        ? "Split by document (seeded hash of its text): the `split` field says train, validation or test."
        : args.format === "w3c" || args.format === "label-studio"
          ? "Split by document (seeded hash of its text), one file per split."
          : "Split by document (seeded hash of its text), one file per split; each row also names its `split`.",
    "",
    "## Labels",
    "",
    ...LABELS.map((l) => `- **${l}**: ${LABEL_DEFINITIONS[l]}`),
    "",
    ...(args.format === "csv"
      ? [
          "`label` is each annotator's label; `gold_label` the adjudicated one where a reviewer settled it.",
          `Both are class labels: ${LABELS.map((l, i) => `${i} = ${l}`).join(", ")}.`,
        ]
      : args.format === "w3c"
        ? ["Labels are the `value` of each annotation's `classifying` body."]
        : args.format === "label-studio"
          ? ["Labels are the `labels` of each prediction's regions, one region per sentence."]
          : [
              "`label` is the adjudicated gold label where a reviewer settled one (`label_origin` = `gold`),",
              "otherwise the majority of the annotators (`majority`); empty (`none`) marks a tie or an unannotated sentence.",
              `\`label\` and \`gold_label\` are class labels: ${LABELS.map((l, i) => `${i} = ${l}`).join(", ")}.`,
            ]),
    "",
    ...offsetsSection(args.format),
    ...(args.format === "w3c" ? w3cSection() : []),
    ...(args.format === "label-studio" ? labelStudioSection() : []),
    ...gradesSection(args.format, args.identity),
    "## Annotation guidelines",
    "",
    args.guidelines.trim() || "_The project has no written guidelines._",
    "",
    "## Counts",
    "",
    `${stats.documents} documents, ${stats.sentences} sentences, ${stats.annotations} annotations by ${stats.annotatorCount} annotators.`,
    `Gold labels: ${stats.origins.get("gold") ?? 0}; majority labels: ${stats.origins.get("majority") ?? 0}; unlabelled: ${stats.origins.get("none") ?? 0}.`,
    "",
    `| label | ${splitKeys.join(" | ")} |`,
    `|---|${splitKeys.map(() => "---:").join("|")}|`,
    ...labelRows,
    "",
    "## Agreement",
    "",
    `Over ${agreement.units} sentences with two or more annotators: Krippendorff's alpha (nominal) ${fmt(agreement.alpha)},`,
    `observed agreement ${fmt(agreement.observed)}.`,
    "",
    ...timeSection(args.annotationTime ?? []),
  ];
  return lines.join("\n");
}

export { SPLIT_NAMES };
