import type { IdentityMode } from "./options";
import { SOURCELIGHT_CONTEXT } from "./context";
import { sliceWhole } from "../text/code-points";
import {
  displayPerson,
  goldCredibility,
  goldLabel,
  showsAnnotatorGrades,
  type AnnotatorGrade,
  type ExportDocument,
  type ExportSentence,
  type Person,
  type RegistrySource,
} from "./records";

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
/** How much context a TextQuoteSelector carries on each side, in UTF-16 units (never half a pair). */
const QUOTE_CONTEXT = 32;

/** The export's context: the W3C model's, then Sourcelight's own terms, embedded so no fetch is needed. */
export const W3C_EXPORT_CONTEXT = [ANNO_CONTEXT, SOURCELIGHT_CONTEXT["@context"]] as const;

export function collectionIri(projectId: string): string {
  return `urn:sourcelight:project:${projectId}:annotations`;
}

/**
 * Opens the AnnotationCollection; annotations follow as items of its one
 * page. Both carry an id, as the model requires of collections and pages.
 */
export function w3cOpen(project: { id: string; name: string }): string {
  const collection = collectionIri(project.id);
  return (
    `{"@context":${JSON.stringify(W3C_EXPORT_CONTEXT)},"id":${JSON.stringify(collection)},"type":"AnnotationCollection",` +
    `"label":${JSON.stringify(`${project.name}: sentence annotations`)},` +
    `"first":{"id":${JSON.stringify(`${collection}:page:1`)},"type":"AnnotationPage","partOf":${JSON.stringify(collection)},"startIndex":0,"items":[\n`
  );
}

/** Closes the page and the collection; `total` is known only once every item is written. */
export function w3cClose(total: number): string {
  return `\n]},"total":${total}}\n`;
}

export function documentIri(documentId: string): string {
  return `urn:sourcelight:document:${documentId}`;
}

function quoteSelector(text: string, start: number, end: number) {
  return {
    type: "TextQuoteSelector",
    exact: text.slice(start, end),
    prefix: sliceWhole(text, start - QUOTE_CONTEXT, start),
    suffix: sliceWhole(text, end, end + QUOTE_CONTEXT),
  };
}

/** A span of the document: the quote with its context, and its position in code points as the model counts. */
function target(document: ExportDocument, text: string, start: number, end: number) {
  const cp = document.codePoints;
  return {
    source: documentIri(document.id),
    selector: [
      quoteSelector(text, start, end),
      { type: "TextPositionSelector", start: cp.toCodePoint(start), end: cp.toCodePoint(end) },
    ],
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
  document: ExportDocument,
  text: string,
  sourceText: string | null,
  source: RegistrySource | null,
  span: { start: number; end: number } | null,
  /** The annotator's own grade of `source`; undefined on the gold label's body, which is no annotator's. */
  ownGrade: AnnotatorGrade | null | undefined,
) {
  if (!sourceText && !source && !span) return [];
  return [
    {
      type: "TextualBody",
      purpose: "identifying",
      value: source?.name ?? sourceText ?? (span ? text.slice(span.start, span.end) : ""),
      ...(sourceText ? { attribution: sourceText } : {}),
      ...(source ? registryFields(ctx, source) : {}),
      ...(source && ownGrade !== undefined && showsAnnotatorGrades(ctx.identity)
        ? {
            annotatorGrade: ownGrade
              ? { value: ownGrade.value, rationale: ownGrade.rationale }
              : null,
          }
        : {}),
      ...(span ? { span: target(document, text, span.start, span.end) } : {}),
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
        d,
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
    target: target(d, t, sentence.start, sentence.end),
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
        ...sourceBody(ctx, d, t, adj.sourceText, adj.source, null, undefined),
      ],
      target: target(d, t, sentence.start, sentence.end),
    });
  }
  return items;
}
