import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/domain/errors";
import {
  compareQueue,
  contextOf,
  displayNames,
  majorityOf,
  sentenceAgreement,
  type IdentitySource,
  type Majority,
  type SentenceAgreement,
  type SentenceContext,
} from "@/lib/domain/review";
import { isLabel, type Label } from "@/lib/domain/annotation";
import { isUuid, requireProjectAccess, type ProjectAccess } from "../access";
import { adjudicationFields } from "./adjudications";
import type { Actor } from "../actor";

export interface ReviewAnnotation {
  annotatorId: string;
  label: Label;
  sourceId: string | null;
  sourceName: string | null;
  sourceText: string | null;
  /** The words highlighted in the document as the source, if any. */
  quote: string | null;
  sourceType: string | null;
  note: string | null;
  unsure: boolean;
  /** Information credibility 1–6, null when not given. */
  credibility: number | null;
}

export interface ReviewAdjudication {
  label: Label | null;
  sourceId: string | null;
  sourceName: string | null;
  sourceText: string | null;
  goldCredibility: number | null;
  note: string | null;
  status: "OPEN" | "RESOLVED" | "NEEDS_DISCUSSION";
  version: number;
  reviewer: string;
}

export interface ReviewSentence {
  id: string;
  index: number;
  text: string;
  isBoilerplate: boolean;
  annotations: ReviewAnnotation[];
  majority: Majority;
  agreement: SentenceAgreement;
  adjudication: ReviewAdjudication | null;
  commentCount: number;
}

/** How many sentences either side a review row can show: one at first, the rest on request. */
export const CONTEXT_RADIUS = 3;

export interface ReviewAnnotator {
  id: string;
  display: string;
}

/** Everyone shown as an annotator in the project: names or the project's stable pseudonyms. */
export async function annotatorIdentities(
  projectId: string,
  userIds: readonly string[],
): Promise<{ mode: "NAMES" | "PSEUDONYMS"; names: Map<string, string> }> {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { identityDisplay: true },
  });
  const [members, others] = await Promise.all([
    db.membership.findMany({
      where: { projectId, OR: [{ role: "ANNOTATOR" }, { userId: { in: [...userIds] } }] },
      select: { userId: true, createdAt: true, user: { select: { name: true } } },
    }),
    db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }),
  ]);
  const people = new Map<string, IdentitySource>(
    members.map((m) => [m.userId, { id: m.userId, name: m.user.name, joinedAt: m.createdAt }]),
  );
  for (const u of others)
    if (!people.has(u.id)) people.set(u.id, { id: u.id, name: u.name, joinedAt: null });
  return {
    mode: project.identityDisplay,
    names: displayNames([...people.values()], project.identityDisplay),
  };
}

const REVIEW_READ = "annotation:read-all" as const;

/** A document with every annotator's answers side by side, for the review page and the API. */
export async function loadDocumentReview(args: {
  actor: Actor;
  projectSlug: string;
  documentId: string;
}) {
  const access = await requireProjectAccess(args.actor, { slug: args.projectSlug }, REVIEW_READ);
  return documentReview(access, args.documentId);
}

export async function documentReview(access: ProjectAccess, documentId: string) {
  if (!isUuid(documentId)) throw notFound("That document");
  const projectId = access.project.id;
  const document = await db.document.findFirst({
    where: { id: documentId, projectId },
    select: { id: true, title: true, text: true },
  });
  if (!document) throw notFound("That document");
  const [sentences, annotations, adjudications, comments] = await Promise.all([
    db.sentence.findMany({
      where: { documentId: document.id, projectId },
      orderBy: { index: "asc" },
      select: { id: true, index: true, text: true, isBoilerplate: true },
    }),
    db.annotation.findMany({
      where: { documentId: document.id, projectId },
      select: {
        sentenceId: true,
        annotatorId: true,
        label: true,
        sourceId: true,
        sourceText: true,
        sourceStart: true,
        sourceEnd: true,
        sourceType: true,
        note: true,
        unsure: true,
        credibility: true,
        source: { select: { name: true } },
      },
    }),
    db.adjudication.findMany({
      where: { projectId, sentence: { documentId: document.id } },
      select: {
        ...adjudicationFields,
        source: { select: { name: true } },
        reviewer: { select: { name: true } },
      },
    }),
    db.comment.groupBy({
      by: ["sentenceId"],
      where: { projectId, deletedAt: null, sentence: { documentId: document.id } },
      _count: { _all: true },
    }),
  ]);

  const annotatorIds = [...new Set(annotations.map((a) => a.annotatorId))];
  const identities = await annotatorIdentities(projectId, annotatorIds);
  const order = new Map([...identities.names.keys()].map((id, i) => [id, i]));
  annotatorIds.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));

  const bySentence = new Map<string, ReviewAnnotation[]>();
  for (const a of annotations) {
    const list = bySentence.get(a.sentenceId) ?? [];
    list.push({
      annotatorId: a.annotatorId,
      label: a.label,
      sourceId: a.sourceId,
      sourceName: a.source?.name ?? null,
      sourceText: a.sourceText,
      quote:
        a.sourceStart !== null && a.sourceEnd !== null
          ? document.text.slice(a.sourceStart, a.sourceEnd)
          : null,
      sourceType: a.sourceType,
      note: a.note,
      unsure: a.unsure,
      credibility: a.credibility,
    });
    bySentence.set(a.sentenceId, list);
  }
  const adjudicationOf = new Map(adjudications.map((a) => [a.sentenceId, a]));
  const commentsOf = new Map(comments.map((c) => [c.sentenceId, c._count._all]));

  return {
    access,
    canAdjudicate: access.can("adjudication:write"),
    identityDisplay: identities.mode,
    document: { id: document.id, title: document.title },
    annotators: annotatorIds.map((id): ReviewAnnotator => ({
      id,
      display: identities.names.get(id) ?? "Annotator",
    })),
    sentences: sentences.map((s): ReviewSentence => {
      const list = (bySentence.get(s.id) ?? []).sort(
        (a, b) => (order.get(a.annotatorId) ?? 0) - (order.get(b.annotatorId) ?? 0),
      );
      const labels = list.map((a) => a.label);
      const adj = adjudicationOf.get(s.id);
      return {
        ...s,
        annotations: list,
        majority: majorityOf(labels),
        agreement: sentenceAgreement(labels),
        adjudication: adj
          ? {
              label: adj.label,
              sourceId: adj.sourceId,
              sourceName: adj.source?.name ?? null,
              sourceText: adj.sourceText,
              goldCredibility: adj.goldCredibility,
              note: adj.note,
              status: adj.status,
              version: adj.version,
              reviewer: adj.reviewer.name,
            }
          : null,
        commentCount: commentsOf.get(s.id) ?? 0,
      };
    }),
  };
}

/**
 * The curation view of a document (reviewers and owners, blind project or
 * not): the whole article with every annotator's answers and the gold label.
 */
export async function loadCuration(args: {
  actor: Actor;
  projectSlug: string;
  documentId: string;
}) {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "curation:read",
  );
  return documentReview(access, args.documentId);
}

export interface QueueItem {
  sentenceId: string;
  documentId: string;
  documentTitle: string;
  sentenceIndex: number;
  text: string;
  disagreement: number;
  ratings: number;
  labels: Array<ReviewAnnotation & { display: string }>;
  majority: Label | null;
  status: "OPEN" | "RESOLVED" | "NEEDS_DISCUSSION";
  goldLabel: Label | null;
  goldNote: string | null;
  goldSource: string | null;
  goldCredibility: number | null;
  version: number;
  commentCount: number;
  /** The neighbouring sentences (CONTEXT_RADIUS either side), for reading the sentence in place. */
  context: SentenceContext;
}

/**
 * Which rows the queue lists: open disagreements; every sentence marked
 * "needs discussion" (agreed or not); or every unresolved sentence that
 * someone marked unsure.
 */
export const QUEUE_FILTERS = ["open", "discussion", "unsure"] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export function isQueueFilter(value: unknown): value is QueueFilter {
  return QUEUE_FILTERS.some((f) => f === value);
}

/**
 * The project's disagreements, worst first: sentences where at least two
 * annotators differ and that are not yet resolved (unless `includeResolved`).
 */
export async function reviewQueue(args: {
  actor: Actor;
  projectSlug: string;
  includeResolved?: boolean;
  filter?: QueueFilter;
  limit?: number;
}) {
  const filter = args.filter ?? "open";
  const access = await requireProjectAccess(args.actor, { slug: args.projectSlug }, REVIEW_READ);
  const projectId = access.project.id;
  // The disagreeing sentences are found in SQL, so the queue of a large project does not load every annotation.
  const rows = await db.$queryRaw<
    Array<{
      sentenceId: string;
      documentId: string;
      title: string;
      index: number;
      text: string;
      status: string | null;
      gold: string | null;
      version: number | null;
      note: string | null;
      goldSource: string | null;
      goldCredibility: number | null;
      comments: number;
    }>
  >`
    SELECT s.id AS "sentenceId", s."documentId", d.title, s.index, s.text,
           j.status::text AS status, j.label::text AS gold, j.version, j.note, j."sourceText" AS "goldSource", j."goldCredibility",
           (SELECT count(*)::int FROM "Comment" c WHERE c."sentenceId" = s.id AND c."deletedAt" IS NULL) AS comments
    FROM "Sentence" s
    JOIN "Document" d ON d.id = s."documentId"
    LEFT JOIN "Adjudication" j ON j."sentenceId" = s.id
    WHERE s."projectId" = ${projectId}::uuid AND NOT s."isBoilerplate"
      AND CASE ${filter}::text
        WHEN 'discussion' THEN j.status = 'NEEDS_DISCUSSION'
        WHEN 'unsure' THEN s.id IN (
          SELECT a."sentenceId" FROM "Annotation" a
          WHERE a."projectId" = ${projectId}::uuid AND a.unsure)
        ELSE s.id IN (
          SELECT a."sentenceId" FROM "Annotation" a
          WHERE a."projectId" = ${projectId}::uuid
          GROUP BY a."sentenceId" HAVING count(DISTINCT a.label) > 1)
      END
      AND (${args.includeResolved ?? false} OR j.status IS NULL OR j.status <> 'RESOLVED')`;
  const ids = rows.map((r) => r.sentenceId);
  const annotations = ids.length
    ? await db.annotation.findMany({
        where: { projectId, sentenceId: { in: ids } },
        select: {
          sentenceId: true,
          annotatorId: true,
          label: true,
          sourceId: true,
          sourceText: true,
          sourceType: true,
          note: true,
          unsure: true,
          credibility: true,
          source: { select: { name: true } },
        },
      })
    : [];
  const [identities, contexts] = await Promise.all([
    annotatorIdentities(projectId, [...new Set(annotations.map((a) => a.annotatorId))]),
    neighbourhoods(
      projectId,
      rows.map((r) => ({ documentId: r.documentId, index: r.index })),
    ),
  ]);
  const order = new Map([...identities.names.keys()].map((id, i) => [id, i]));
  const labelsOf = new Map<string, QueueItem["labels"]>();
  for (const a of annotations) {
    const list = labelsOf.get(a.sentenceId) ?? [];
    list.push({
      annotatorId: a.annotatorId,
      display: identities.names.get(a.annotatorId) ?? "Annotator",
      label: a.label,
      sourceId: a.sourceId,
      sourceName: a.source?.name ?? null,
      sourceText: a.sourceText,
      quote: null,
      sourceType: a.sourceType,
      note: a.note,
      unsure: a.unsure,
      credibility: a.credibility,
    });
    labelsOf.set(a.sentenceId, list);
  }
  const items = rows.map((r): QueueItem => {
    const labels = (labelsOf.get(r.sentenceId) ?? []).sort(
      (a, b) => (order.get(a.annotatorId) ?? 0) - (order.get(b.annotatorId) ?? 0),
    );
    const agreement = sentenceAgreement(labels.map((l) => l.label));
    return {
      sentenceId: r.sentenceId,
      documentId: r.documentId,
      documentTitle: r.title,
      sentenceIndex: r.index,
      text: r.text,
      disagreement: agreement.disagreement,
      ratings: agreement.ratings,
      labels,
      majority: majorityOf(labels.map((l) => l.label)).label,
      status: r.status === "RESOLVED" || r.status === "NEEDS_DISCUSSION" ? r.status : "OPEN",
      goldLabel: r.gold !== null && isLabel(r.gold) ? r.gold : null,
      goldNote: r.note,
      goldSource: r.goldSource,
      goldCredibility: r.goldCredibility,
      version: r.version ?? 0,
      commentCount: r.comments,
      context: contextOf(contexts.get(r.documentId) ?? [], r.index, CONTEXT_RADIUS),
    };
  });
  items.sort((a, b) => compareQueue(a, b));
  return {
    access,
    canAdjudicate: access.can("adjudication:write"),
    items: items.slice(0, args.limit ?? 500),
    total: items.length,
  };
}

/** The sentences within CONTEXT_RADIUS of each wanted one, by document, in one query. */
async function neighbourhoods(
  projectId: string,
  wanted: ReadonlyArray<{ documentId: string; index: number }>,
): Promise<Map<string, Array<{ index: number; text: string }>>> {
  const out = new Map<string, Array<{ index: number; text: string }>>();
  if (wanted.length === 0) return out;
  const rows = await db.$queryRaw<Array<{ documentId: string; index: number; text: string }>>`
    SELECT DISTINCT s."documentId", s.index, s.text
    FROM "Sentence" s
    JOIN unnest(${wanted.map((w) => w.documentId)}::uuid[], ${wanted.map((w) => w.index)}::int[])
      AS w("documentId", index)
      ON s."documentId" = w."documentId"
     AND s.index BETWEEN w.index - ${CONTEXT_RADIUS}::int AND w.index + ${CONTEXT_RADIUS}::int
    WHERE s."projectId" = ${projectId}::uuid`;
  for (const r of rows) {
    const list = out.get(r.documentId) ?? [];
    list.push({ index: r.index, text: r.text });
    out.set(r.documentId, list);
  }
  return out;
}
