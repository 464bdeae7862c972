import { z } from "zod";
import { isStorableJson, pgInt, pgText, UNSTORABLE_TEXT_MESSAGE } from "../input";
import type { IdentityMode, SplitName } from "./options";
import {
  codePointOrNull,
  datasetLabel,
  displayPerson,
  goldCredibility,
  goldLabel,
  sentenceAgreement,
  showsAnnotatorGrades,
  type AnnotatorGrade,
  type ExportDocument,
  type ExportSentence,
  type Person,
  type RegistrySource,
} from "./records";
import { LABELS, SOURCE_TYPES, type Label } from "../annotation/labels";
import { credibilitySchema, reliabilityGradeSchema } from "../sources/grades";
import { round } from "./csv";

/** A JSON string, or null. */
const str = (v: string | null): string => (v === null ? "null" : JSON.stringify(v));
const num = (v: number | null): string => (v === null ? "null" : String(v));

function registryJson(personJson: (p: Person) => string, s: RegistrySource | null): string {
  if (!s) return "null";
  const g = s.grade;
  const grade = g
    ? `{"value":${str(g.value)},"rationale":${str(g.rationale)},"by":${g.by ? personJson(g.by) : "null"},"at":${str(g.at)}}`
    : "null";
  return (
    `{"name":${str(s.name)},"type":${str(s.type)},"aliases":${JSON.stringify(s.aliases)},"affiliation":${str(s.affiliation)},` +
    `"side":${str(s.side)},"description":${str(s.description)},"grade":${grade}}`
  );
}

function gradeJson(g: AnnotatorGrade | null): string {
  return g ? `{"value":${str(g.value)},"rationale":${str(g.rationale)}}` : "null";
}

/**
 * A person as the export shows them, written once per person: an export names
 * the same few annotators and reviewers on every line, and a pseudonym costs
 * two hashes. Kept with the name and email it was written from, so a changed
 * person is written anew.
 */
class PersonJson {
  private readonly written = new Map<string, { name: string; email: string; json: string }>();

  constructor(private readonly ctx: { identity: IdentityMode; projectId: string }) {}

  readonly of = (person: Person): string => {
    const known = this.written.get(person.id);
    if (known && known.name === person.name && known.email === person.email) return known.json;
    const shown = displayPerson(this.ctx.identity, this.ctx.projectId, person);
    const json = `{"name":${str(shown.name)},"email":${str(shown.email)}}`;
    this.written.set(person.id, { name: person.name, email: person.email, json });
    return json;
  };
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

  private readonly people: PersonJson;

  constructor(private readonly ctx: { identity: IdentityMode; projectId: string }) {
    this.people = new PersonJson(ctx);
  }

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
    const withGrades = showsAnnotatorGrades(this.ctx.identity);
    const person = this.people.of;
    let line =
      `${this.documentHead}${str(extra.documentText)}},` +
      `"sentence":{"index":${sentence.index},"start":${sentence.start},"end":${sentence.end},` +
      `"start_cp":${d.codePoints.toCodePoint(sentence.start)},"end_cp":${d.codePoints.toCodePoint(sentence.end)},"text":${str(sentence.text)},"is_boilerplate":${sentence.isBoilerplate}},`;
    if (extra.split) line += `"split":${str(extra.split)},`;
    const chosen = datasetLabel(sentence);
    line += `"gold_label":${str(goldLabel(sentence))},"gold_credibility":${num(goldCredibility(sentence))},"label":${str(chosen.label)},"label_origin":${str(chosen.origin)},"adjudication":`;
    const adj = sentence.adjudication;
    line += adj
      ? `{"status":${str(adj.status)},"label":${str(adj.label)},"credibility":${num(adj.credibility)},"source_text":${str(adj.sourceText)},` +
        `"source":${registryJson(person, adj.source)},"note":${str(adj.note)},"reviewer":${person(adj.reviewer)},` +
        `"created_at":${str(adj.createdAt)},"updated_at":${str(adj.updatedAt)}}`
      : "null";
    line += `,"annotations":[`;
    const labels: Label[] = [];
    const annotations = sentence.annotations;
    for (let i = 0; i < annotations.length; i++) {
      const a = annotations[i];
      if (!a) continue;
      labels.push(a.label);
      line +=
        `${i > 0 ? "," : ""}{"annotator":${person(a.annotator)},"label":${str(a.label)},"credibility":${num(a.credibility)},` +
        `"source_text":${str(a.sourceText)},"source_start":${a.sourceStart},"source_end":${a.sourceEnd},` +
        `"source_start_cp":${num(codePointOrNull(d, a.sourceStart))},"source_end_cp":${num(codePointOrNull(d, a.sourceEnd))},` +
        `"source":${registryJson(person, a.source)},${withGrades ? `"source_grade":${gradeJson(a.sourceGrade)},` : ""}` +
        `"source_type":${str(a.sourceType)},"note":${str(a.note)},"unsure":${a.unsure},` +
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
const credibility = credibilitySchema.default(null);
const source = z
  .object({
    name: pgText().min(1),
    type: z.enum(SOURCE_TYPES),
    aliases: z.array(pgText()).default([]),
    affiliation: nullableText,
    side: nullableText,
    description: pgText().default(""),
    grade: z
      .object({
        value: reliabilityGradeSchema,
        rationale: pgText().default(""),
        by: person.nullable().default(null),
        at: z.iso.datetime({ offset: true }),
      })
      .nullable()
      .default(null),
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
      credibility,
      source_text: nullableText,
      source,
      note: nullableText,
      reviewer: person,
      created_at: z.iso.datetime({ offset: true }).optional(),
      updated_at: z.iso.datetime({ offset: true }).optional(),
    })
    .nullable()
    .default(null),
  annotations: z
    .array(
      z.object({
        annotator: person,
        label,
        credibility,
        source_text: nullableText,
        source_start: pgInt().min(0).nullable().default(null),
        source_end: pgInt().min(0).nullable().default(null),
        source,
        /** Present only in exports that name the annotators (see showsAnnotatorGrades). */
        source_grade: z
          .object({ value: reliabilityGradeSchema, rationale: pgText().default("") })
          .nullable()
          .default(null),
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
