import { z } from "zod";
import type { IdentityMode, SplitName } from "./options";
import {
  EXPORT_LABELS,
  datasetLabel,
  displayPerson,
  goldLabel,
  sentenceAgreement,
  type ExportSentence,
  type RegistrySource,
} from "./records";
import { SOURCE_TYPES } from "../annotation/labels";
import { round } from "./csv";

const registry = (s: RegistrySource | null) =>
  s ? { name: s.name, type: s.type, aliases: s.aliases, affiliation: s.affiliation } : null;

/**
 * One JSONL line per sentence. The document's full text travels on the first
 * line of each document (null on the others), which is what a re-import needs
 * to rebuild the document with identical sentence offsets.
 */
export function jsonlLine(
  sentence: ExportSentence,
  ctx: { identity: IdentityMode; projectId: string; split: SplitName | null; documentText: string | null },
): string {
  const d = sentence.document;
  const labels = sentence.annotations.map((a) => a.label);
  const agreement = sentenceAgreement(labels);
  const adj = sentence.adjudication;
  const chosen = datasetLabel(sentence);
  // Metadata is already JSON from PostgreSQL: spliced in rather than parsed and re-serialised.
  const documentJson =
    `{"id":${JSON.stringify(d.id)},"title":${JSON.stringify(d.title)},"byline":${JSON.stringify(d.byline)},` +
    `"publisher":${JSON.stringify(d.publisher)},"published_at":${JSON.stringify(d.publishedAt)},` +
    `"source_url":${JSON.stringify(d.sourceUrl)},"metadata":${d.metadataJson},"text":${JSON.stringify(ctx.documentText)}}`;
  const rest = {
    sentence: { index: sentence.index, start: sentence.start, end: sentence.end, text: sentence.text, is_boilerplate: sentence.isBoilerplate },
    ...(ctx.split ? { split: ctx.split } : {}),
    gold_label: goldLabel(sentence),
    label: chosen.label,
    label_origin: chosen.origin,
    adjudication: adj
      ? {
          status: adj.status,
          label: adj.label,
          source_text: adj.sourceText,
          source: registry(adj.source),
          note: adj.note,
          reviewer: displayPerson(ctx.identity, ctx.projectId, adj.reviewer),
        }
      : null,
    annotations: sentence.annotations.map((a) => ({
      annotator: displayPerson(ctx.identity, ctx.projectId, a.annotator),
      label: a.label,
      source_text: a.sourceText,
      source_start: a.sourceStart,
      source_end: a.sourceEnd,
      source: registry(a.source),
      source_type: a.sourceType,
      note: a.note,
      unsure: a.unsure,
      created_at: a.createdAt,
      updated_at: a.updatedAt,
    })),
    agreement: { annotators: labels.length, observed: agreement === null ? null : round(agreement) },
  };
  return `{"document":${documentJson},${JSON.stringify(rest).slice(1)}\n`;
}

const label = z.enum(EXPORT_LABELS);
const nullableText = z.string().nullable().default(null);
const person = z.object({ name: z.string().min(1), email: z.string().nullable().default(null) });
const source = z
  .object({
    name: z.string().min(1),
    type: z.enum(SOURCE_TYPES),
    aliases: z.array(z.string()).default([]),
    affiliation: nullableText,
  })
  .nullable()
  .default(null);

/** A line of a Sourcelight JSONL dataset, as the re-import reads it back. */
export const DatasetLineSchema = z.object({
  document: z.object({
    id: z.string(),
    title: z.string(),
    byline: nullableText,
    publisher: nullableText,
    published_at: z.iso.date().nullable().default(null),
    source_url: nullableText,
    metadata: z.record(z.string(), z.json()).default({}),
    text: nullableText,
  }),
  sentence: z.object({
    index: z.number().int().min(0),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    text: z.string(),
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
        source_start: z.number().int().min(0).nullable().default(null),
        source_end: z.number().int().min(0).nullable().default(null),
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
export type DatasetLine = z.output<typeof DatasetLineSchema>;
