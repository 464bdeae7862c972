import type { IdentityMode } from "./options";
import {
  displayPerson,
  goldCredibility,
  goldLabel,
  showsAnnotatorGrades,
  type AnnotatorGrade,
  type ExportSentence,
  type Person,
  type RegistrySource,
} from "./records";

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
/** How much context a TextQuoteSelector carries on each side, in UTF-16 units. */
const QUOTE_CONTEXT = 32;

/** Opens the AnnotationCollection; annotations follow as items of its first page. */
export function w3cOpen(projectName: string): string {
  return (
    `{"@context":${JSON.stringify(ANNO_CONTEXT)},"type":"AnnotationCollection",` +
    `"label":${JSON.stringify(`${projectName}: sentence annotations`)},"first":{"type":"AnnotationPage","items":[\n`
  );
}

export function w3cClose(): string {
  return "\n]}}\n";
}

export function documentIri(documentId: string): string {
  return `urn:sourcelight:document:${documentId}`;
}

function quoteSelector(text: string, start: number, end: number) {
  return {
    type: "TextQuoteSelector",
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - QUOTE_CONTEXT), start),
    suffix: text.slice(end, end + QUOTE_CONTEXT),
  };
}

function target(documentId: string, text: string, start: number, end: number) {
  return {
    source: documentIri(documentId),
    selector: [quoteSelector(text, start, end), { type: "TextPositionSelector", start, end }],
  };
}

function agent(identity: IdentityMode, projectId: string, person: Person) {
  const shown = displayPerson(identity, projectId, person);
  return {
    type: "Person",
    name: shown.name,
    ...(shown.email ? { email: `mailto:${shown.email}` } : {}),
  };
}

interface W3cContext {
  identity: IdentityMode;
  projectId: string;
}

/** A registry entry's own fields, with its settled grade as an assessment by its reviewer. */
function registryFields(ctx: W3cContext, source: RegistrySource) {
  const g = source.grade;
  return {
    sourceType: source.type,
    aliases: source.aliases,
    affiliation: source.affiliation,
    side: source.side,
    description: source.description,
    settledGrade: g
      ? {
          value: g.value,
          rationale: g.rationale,
          ...(g.by ? { creator: agent(ctx.identity, ctx.projectId, g.by) } : {}),
          created: g.at,
        }
      : null,
  };
}

function sourceBody(
  ctx: W3cContext,
  documentId: string,
  text: string,
  sourceText: string | null,
  source: RegistrySource | null,
  span: { start: number; end: number } | null,
  ownGrade: AnnotatorGrade | null,
) {
  if (!sourceText && !source && !span) return [];
  return [
    {
      type: "TextualBody",
      purpose: "identifying",
      value: source?.name ?? sourceText ?? (span ? text.slice(span.start, span.end) : ""),
      ...(sourceText ? { attribution: sourceText } : {}),
      ...(source ? registryFields(ctx, source) : {}),
      ...(source && showsAnnotatorGrades(ctx.identity)
        ? {
            annotatorGrade: ownGrade
              ? { value: ownGrade.value, rationale: ownGrade.rationale }
              : null,
          }
        : {}),
      ...(span ? { span: target(documentId, text, span.start, span.end) } : {}),
    },
  ];
}

/**
 * The W3C Web Annotations of one sentence: one per annotator, plus the gold
 * label (motivation "assessing") when adjudicated. `text` is the document's
 * text, which the TextQuoteSelector's prefix and suffix are cut from.
 */
export function w3cAnnotations(
  sentence: ExportSentence,
  ctx: { identity: IdentityMode; projectId: string; documentText: string },
): object[] {
  const d = sentence.document;
  const t = ctx.documentText;
  const items: object[] = sentence.annotations.map((a) => ({
    id: `urn:sourcelight:annotation:${a.id}`,
    type: "Annotation",
    motivation: "classifying",
    creator: agent(ctx.identity, ctx.projectId, a.annotator),
    created: a.createdAt,
    modified: a.updatedAt,
    credibility: a.credibility,
    body: [
      { type: "TextualBody", purpose: "classifying", value: a.label },
      ...sourceBody(
        ctx,
        d.id,
        t,
        a.sourceText,
        a.source,
        a.sourceStart !== null && a.sourceEnd !== null
          ? { start: a.sourceStart, end: a.sourceEnd }
          : null,
        a.sourceGrade,
      ),
      ...(a.note ? [{ type: "TextualBody", purpose: "commenting", value: a.note }] : []),
    ],
    target: target(d.id, t, sentence.start, sentence.end),
  }));
  const gold = goldLabel(sentence);
  const adj = sentence.adjudication;
  if (gold && adj) {
    items.push({
      id: `urn:sourcelight:adjudication:${sentence.id}`,
      type: "Annotation",
      motivation: "assessing",
      creator: agent(ctx.identity, ctx.projectId, adj.reviewer),
      created: adj.createdAt,
      modified: adj.updatedAt,
      credibility: goldCredibility(sentence),
      body: [
        { type: "TextualBody", purpose: "classifying", value: gold },
        ...sourceBody(ctx, d.id, t, adj.sourceText, adj.source, null, null),
      ],
      target: target(d.id, t, sentence.start, sentence.end),
    });
  }
  return items;
}
