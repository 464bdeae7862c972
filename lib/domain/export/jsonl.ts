import { z } from "zod";
import { isStorableJson, pgInt, pgText, UNSTORABLE_TEXT_MESSAGE } from "../input";
import type { IdentityMode, SplitName } from "./options";
import {
  datasetLabel,
  displayPerson,
  goldLabel,
  sentenceAgreement,
  type ExportDocument,
  type ExportSentence,
  type Person,
  type RegistrySource,
} from "./records";
import { LABELS, SOURCE_TYPES, type Label } from "../annotation/labels";
import { round } from "./csv";

/** A JSON string, or null. */
const str = (v: string | null): string => (v === null ? "null" : JSON.stringify(v));

function registryJson(s: RegistrySource | null): string {
  if (!s) return "null";
  return `{"name":${str(s.name)},"type":${str(s.type)},"aliases":${JSON.stringify(s.aliases)},"affiliation":${str(s.affiliation)}}`;
}

function personJson(identity: IdentityMode, projectId: string, person: Person): string {
  const shown = displayPerson(identity, projectId, person);
  return `{"name":${str(shown.name)},"email":${str(shown.email)}}`;
}

/**
 * Writes the JSONL lines of one export: one line per sentence. The
 * document's full text travels on the first line of each document (null on
 * the others), which is what a re-import needs to rebuild the document with
 * identical sentence offsets.
 *
 * The JSON is written by hand rather than built as objects for
 * JSON.stringify: an export serialises millions of annotations, and the
 * intermediate objects were most of its garbage. The document part is the
 * same on every line of a document and is written once per document. Field
 * order and values are exactly what JSON.stringify of the documented shape
 * gives (a unit test holds the two together).
 */
export class JsonlWriter {
  private document: ExportDocument | null = null;
  /** The document object up to, not including, its "text" member. */
  private documentHead = "";

  constructor(private readonly ctx: { identity: IdentityMode; projectId: string }) {}

  line(
    sentence: ExportSentence,
    extra: { split: SplitName | null; documentText: string | null },
  ): string {
    const d = sentence.document;
    if (d !== this.document) {
      this.document = d;
      // Metadata is already JSON from PostgreSQL: spliced in rather than parsed and re-serialised.
      this.documentHead =
        `{"document":{"id":${str(d.id)},"title":${str(d.title)},"byline":${str(d.byline)},` +
        `"publisher":${str(d.publisher)},"published_at":${str(d.publishedAt)},` +
        `"source_url":${str(d.sourceUrl)},"metadata":${d.metadataJson},"text":`;
    }
    const { identity, projectId } = this.ctx;
    let line =
      `${this.documentHead}${str(extra.documentText)}},` +
      `"sentence":{"index":${sentence.index},"start":${sentence.start},"end":${sentence.end},"text":${str(sentence.text)},"is_boilerplate":${sentence.isBoilerplate}},`;
    if (extra.split) line += `"split":${str(extra.split)},`;
    const chosen = datasetLabel(sentence);
    line += `"gold_label":${str(goldLabel(sentence))},"label":${str(chosen.label)},"label_origin":${str(chosen.origin)},"adjudication":`;
    const adj = sentence.adjudication;
    line += adj
      ? `{"status":${str(adj.status)},"label":${str(adj.label)},"source_text":${str(adj.sourceText)},"source":${registryJson(adj.source)},` +
        `"note":${str(adj.note)},"reviewer":${personJson(identity, projectId, adj.reviewer)}}`
      : "null";
    line += `,"annotations":[`;
    const labels: Label[] = [];
    for (const [i, a] of sentence.annotations.entries()) {
      labels.push(a.label);
      line +=
        `${i > 0 ? "," : ""}{"annotator":${personJson(identity, projectId, a.annotator)},"label":${str(a.label)},` +
        `"source_text":${str(a.sourceText)},"source_start":${a.sourceStart},"source_end":${a.sourceEnd},` +
        `"source":${registryJson(a.source)},"source_type":${str(a.sourceType)},"note":${str(a.note)},"unsure":${a.unsure},` +
        `"created_at":${str(a.createdAt)},"updated_at":${str(a.updatedAt)}}`;
    }
    const agreement = sentenceAgreement(labels);
    line += `],"agreement":{"annotators":${labels.length},"observed":${agreement === null ? "null" : round(agreement)}}}\n`;
    return line;
  }
}

const label = z.enum(LABELS);
const nullableText = pgText().nullable().default(null);
const person = z.object({ name: pgText().min(1), email: pgText().nullable().default(null) });
const source = z
  .object({
    name: pgText().min(1),
    type: z.enum(SOURCE_TYPES),
    aliases: z.array(pgText()).default([]),
    affiliation: nullableText,
  })
  .nullable()
  .default(null);

/** A line of a Sourcelight JSONL dataset, as the re-import reads it back. */
export const datasetLineSchema = z.object({
  document: z.object({
    id: pgText(),
    title: pgText(),
    byline: nullableText,
    publisher: nullableText,
    published_at: z.iso.date().nullable().default(null),
    source_url: nullableText,
    metadata: z
      .record(pgText(), z.json())
      .refine(isStorableJson, UNSTORABLE_TEXT_MESSAGE)
      .default({}),
    text: nullableText,
  }),
  sentence: z.object({
    index: pgInt().min(0),
    start: pgInt().min(0),
    end: pgInt().min(0),
    text: pgText(),
    is_boilerplate: z.boolean(),
  }),
  adjudication: z
    .object({
      status: z.enum(["OPEN", "RESOLVED", "NEEDS_DISCUSSION"]),
      label: label.nullable(),
      source_text: nullableText,
      source,
      note: nullableText,
      reviewer: person,
    })
    .nullable()
    .default(null),
  annotations: z
    .array(
      z.object({
        annotator: person,
        label,
        source_text: nullableText,
        source_start: pgInt().min(0).nullable().default(null),
        source_end: pgInt().min(0).nullable().default(null),
        source,
        source_type: source.unwrap().unwrap().shape.type.nullable().default(null),
        note: nullableText,
        unsure: z.boolean().default(false),
        created_at: z.iso.datetime({ offset: true }).optional(),
        updated_at: z.iso.datetime({ offset: true }).optional(),
      }),
    )
    .default([]),
});
export type DatasetLine = z.output<typeof datasetLineSchema>;
