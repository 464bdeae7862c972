/**
 * Label Studio tasks with predictions, for teams who hand results back to a
 * Label Studio project: one task per document (`data.text` is the document's
 * text), and per document one prediction for the gold labels and one per
 * annotator, each sentence a `labels` region. Offsets are UTF-16 units, as
 * Label Studio's browser annotator counts them. The file imports into a
 * project with LABEL_STUDIO_CONFIG as its labelling interface.
 */
import { LABELS } from "../annotation/labels";
import type { Credibility, ReliabilityGrade } from "../sources/grades";
import type { IdentityMode } from "./options";
import {
  displayPerson,
  goldCredibility,
  goldLabel,
  goldSource,
  showsAnnotatorGrades,
  type ExportDocument,
  type ExportSentence,
} from "./records";

/**
 * The labelling interface the exported tasks fit: our labels over the text,
 * and per region the source, the information credibility and the source's
 * grades. Credibility is a `Number` and the grades are text, not `Choices`:
 * a `choices` result is a label to Label Studio's importers, ours included.
 */
export const LABEL_STUDIO_CONFIG = [
  "<View>",
  '  <Labels name="label" toName="text">',
  ...LABELS.map((l) => `    <Label value="${l}"/>`),
  "  </Labels>",
  '  <Text name="text" value="$text"/>',
  '  <TextArea name="source" toName="text" perRegion="true" placeholder="Attributed to"/>',
  '  <Number name="credibility" toName="text" perRegion="true" min="1" max="6"/>',
  '  <TextArea name="settled_source_grade" toName="text" perRegion="true" maxSubmissions="1" placeholder="Settled source grade (A–F)"/>',
  '  <TextArea name="annotator_source_grade" toName="text" perRegion="true" maxSubmissions="1" placeholder="Your source grade (A–F)"/>',
  "</View>",
].join("\n");

/** The model_version of the gold prediction; annotators' are "sourcelight:annotator:<name>". */
export const GOLD_MODEL_VERSION = "sourcelight:gold";

interface Region {
  id: string;
  from_name: string;
  to_name: "text";
  type: "labels" | "textarea" | "number";
  value: Record<string, unknown>;
}

/** What a region says beside its label; each is left out when null. */
interface RegionFields {
  sourceText: string | null;
  credibility: Credibility | null;
  settledGrade: ReliabilityGrade | null;
  annotatorGrade: ReliabilityGrade | null;
}

interface Prediction {
  model_version: string;
  result: Region[];
}

function regions(
  sentence: ExportSentence,
  regionId: string,
  label: string,
  fields: RegionFields,
): Region[] {
  const at = { start: sentence.start, end: sentence.end };
  const out: Region[] = [
    {
      id: regionId,
      from_name: "label",
      to_name: "text",
      type: "labels",
      value: { ...at, text: sentence.text, labels: [label] },
    },
  ];
  // Same id: Label Studio shows per-region controls as part of the labelled region.
  const text = (from_name: string, value: string) =>
    out.push({
      id: regionId,
      from_name,
      to_name: "text",
      type: "textarea",
      value: { ...at, text: [value] },
    });
  if (fields.sourceText) text("source", fields.sourceText);
  if (fields.credibility !== null) {
    out.push({
      id: regionId,
      from_name: "credibility",
      to_name: "text",
      type: "number",
      value: { ...at, number: fields.credibility },
    });
  }
  if (fields.settledGrade) text("settled_source_grade", fields.settledGrade);
  if (fields.annotatorGrade) text("annotator_source_grade", fields.annotatorGrade);
  return out;
}

/**
 * Collects a document's sentences (they arrive in order) and writes its task
 * when the next document starts: memory holds one document at a time.
 */
export class LabelStudioWriter {
  private document: ExportDocument | null = null;
  private text = "";
  private gold: Region[] = [];
  private byAnnotator = new Map<string, Prediction>();
  private tasks = 0;

  constructor(private readonly ctx: { identity: IdentityMode; projectId: string }) {}

  /** Opens the JSON array. */
  open(): string {
    return "[\n";
  }

  /** Adds a sentence; returns the previous document's task when this one starts a new document. */
  add(sentence: ExportSentence, documentText: string): string {
    const flushed = this.document?.id === sentence.document.id ? "" : this.flush();
    if (!this.document) {
      this.document = sentence.document;
      this.text = documentText;
    }
    const gold = goldLabel(sentence);
    if (gold) {
      const adj = sentence.adjudication;
      this.gold.push(
        ...regions(sentence, `s${sentence.index}-gold`, gold, {
          sourceText: adj?.source?.name ?? adj?.sourceText ?? null,
          credibility: goldCredibility(sentence),
          settledGrade: goldSource(sentence)?.grade?.value ?? null,
          annotatorGrade: null,
        }),
      );
    }
    const withGrades = showsAnnotatorGrades(this.ctx.identity);
    for (const a of sentence.annotations) {
      let prediction = this.byAnnotator.get(a.annotator.id);
      if (!prediction) {
        const who = displayPerson(this.ctx.identity, this.ctx.projectId, a.annotator);
        prediction = {
          model_version: `sourcelight:annotator:${who.email ?? who.name}`,
          result: [],
        };
        this.byAnnotator.set(a.annotator.id, prediction);
      }
      prediction.result.push(
        ...regions(sentence, `s${sentence.index}`, a.label, {
          sourceText: a.source?.name ?? a.sourceText,
          credibility: a.credibility,
          settledGrade: a.source?.grade?.value ?? null,
          annotatorGrade: withGrades && a.source ? (a.sourceGrade?.value ?? null) : null,
        }),
      );
    }
    return flushed;
  }

  /** Writes the last task and closes the array. */
  close(): string {
    return `${this.flush()}${this.tasks === 0 ? "" : "\n"}]\n`;
  }

  private flush(): string {
    const d = this.document;
    if (!d) return "";
    const predictions: Prediction[] = [
      ...(this.gold.length > 0 ? [{ model_version: GOLD_MODEL_VERSION, result: this.gold }] : []),
      // By name, so the order does not depend on who tagged the first sentence.
      ...[...this.byAnnotator.values()].sort((a, b) =>
        a.model_version < b.model_version ? -1 : a.model_version > b.model_version ? 1 : 0,
      ),
    ];
    const task = {
      data: {
        text: this.text,
        title: d.title,
        sourcelight_document_id: d.id,
        ...(d.publisher ? { publisher: d.publisher } : {}),
        ...(d.publishedAt ? { published_at: d.publishedAt } : {}),
        ...(d.sourceUrl ? { source_url: d.sourceUrl } : {}),
      },
      predictions,
    };
    const line = `${this.tasks === 0 ? "" : ",\n"}${JSON.stringify(task)}`;
    this.tasks++;
    this.document = null;
    this.text = "";
    this.gold = [];
    this.byAnnotator = new Map();
    return line;
  }
}
