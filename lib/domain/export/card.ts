import { stringify } from "yaml";
import { krippendorffAlpha, percentAgreement, type CountTable } from "@/lib/domain/agreement";
import { SPLIT_NAMES, type ExportFormat, type SplitName } from "./options";
import { LABELS, type Label } from "../annotation/labels";
import { datasetLabel, type ExportSentence } from "./records";

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

function sizeCategory(n: number): string {
  if (n < 1_000) return "n<1K";
  if (n < 10_000) return "1K<n<10K";
  if (n < 100_000) return "10K<n<100K";
  if (n < 1_000_000) return "100K<n<1M";
  return "1M<n<10M";
}

const fmt = (x: number | null) => (x === null ? "undefined" : x.toFixed(3));

/**
 * The dataset card (README.md with a Hugging Face YAML header) for a Parquet
 * export: license, task, labels and sizes up top; label definitions, the
 * project's guidelines, counts and agreement below.
 */
export function datasetCard(args: {
  projectName: string;
  guidelines: string;
  license?: string;
  format: ExportFormat;
  files: Array<{ split: SplitName | "all"; path: string }>;
  stats: ExportStats;
  generatedAt: string;
}): string {
  const { stats } = args;
  const agreement = stats.agreement();
  // One file of the whole dataset is Hugging Face's single "train" split, with every sentence in it.
  const splits = args.files.map((f) => ({
    name: f.split === "all" ? "train" : f.split,
    num_examples:
      f.split === "all" ? stats.sentences : (stats.bySplit.get(f.split)?.sentences ?? 0),
  }));
  const header = {
    license: args.license ?? "other",
    pretty_name: args.projectName,
    task_categories: ["text-classification"],
    task_ids: ["multi-class-classification"],
    size_categories: [sizeCategory(stats.sentences)],
    tags: ["source-attribution", "claim-detection", "news"],
    dataset_info: {
      features: [
        { name: "document_id", dtype: "string" },
        { name: "document_title", dtype: "string" },
        { name: "sentence_index", dtype: "int32" },
        { name: "start", dtype: "int32" },
        { name: "end", dtype: "int32" },
        { name: "text", dtype: "string" },
        { name: "is_boilerplate", dtype: "bool" },
        { name: "label", dtype: "string" },
        { name: "label_origin", dtype: "string" },
        { name: "gold_label", dtype: "string" },
        { name: "gold_source", dtype: "string" },
        { name: "annotator_labels", dtype: "string" },
        { name: "annotator_count", dtype: "int32" },
        { name: "agreement", dtype: "float64" },
      ],
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
    "## Labels",
    "",
    ...LABELS.map((l) => `- **${l}**: ${LABEL_DEFINITIONS[l]}`),
    "",
    "`label` is the adjudicated gold label where a reviewer settled one (`label_origin` = `gold`),",
    "otherwise the majority of the annotators (`majority`); `none` marks a tie or an unannotated sentence.",
    "",
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
  ];
  return lines.join("\n");
}

export { SPLIT_NAMES };
