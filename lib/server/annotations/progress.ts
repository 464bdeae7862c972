import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/domain/errors";
import { isUuid, requireProjectAccess } from "../access";
import type { Actor } from "../actor";
import { audit } from "../audit/record";

async function documentInProject(projectId: string, documentId: string) {
  if (!isUuid(documentId)) throw notFound("That document");
  const document = await db.document.findFirst({
    where: { id: documentId, projectId },
    select: { id: true },
  });
  if (!document) throw notFound("That document");
  return document;
}

/** Marks the actor's work on a document as done, or reopens it (`submitted: false`). */
export async function setDocumentSubmitted(args: {
  actor: Actor;
  projectSlug: string;
  documentId: string;
  submitted: boolean;
}) {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "annotation:write-own",
  );
  const document = await documentInProject(access.project.id, args.documentId);
  const status = args.submitted ? "SUBMITTED" : "IN_PROGRESS";
  const submittedAt = args.submitted ? new Date() : null;
  return db.$transaction(async (tx) => {
    const progress = await tx.documentProgress.upsert({
      where: { documentId_userId: { documentId: document.id, userId: args.actor.id } },
      create: { documentId: document.id, userId: args.actor.id, status, submittedAt },
      update: { status, submittedAt },
      select: { status: true, submittedAt: true },
    });
    await audit(tx, {
      actorId: args.actor.id,
      action: args.submitted ? "document.submit" : "document.reopen",
      entityType: "Document",
      entityId: document.id,
      projectId: access.project.id,
    });
    return progress;
  });
}

/**
 * The next document the actor should annotate: one they have not submitted
 * that still needs annotators (or that they already started), with the fewest
 * annotators so far first, then the oldest. Null when nothing is left.
 */
export async function nextDocument(args: {
  actor: Actor;
  projectSlug: string;
  after?: string | null;
}): Promise<{ id: string; title: string } | null> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "annotation:write-own",
  );
  const after = args.after && isUuid(args.after) ? args.after : null;
  const rows = await db.$queryRaw<Array<{ id: string; title: string }>>`
    WITH counts AS (
      SELECT d."id", d."title", d."createdAt",
             (SELECT count(DISTINCT a."annotatorId") FROM "Annotation" a WHERE a."documentId" = d."id" AND a."annotatorId" <> ${args.actor.id}::uuid) AS others,
             EXISTS (SELECT 1 FROM "Annotation" a WHERE a."documentId" = d."id" AND a."annotatorId" = ${args.actor.id}::uuid) AS started
      FROM "Document" d
      WHERE d."projectId" = ${access.project.id}::uuid
        AND (${after}::uuid IS NULL OR d."id" <> ${after}::uuid)
        AND NOT EXISTS (SELECT 1 FROM "DocumentProgress" p WHERE p."documentId" = d."id" AND p."userId" = ${args.actor.id}::uuid AND p."status" = 'SUBMITTED')
    )
    SELECT "id", "title" FROM counts
    WHERE started OR others < ${access.project.annotatorsPerDocument}
    ORDER BY others ASC, "createdAt" ASC, "id" ASC
    LIMIT 1`;
  return rows[0] ?? null;
}

export interface AnnotatorQueue {
  userId: string;
  name: string;
  submitted: number;
  inProgress: number;
  tagged: number;
  documents: Array<{
    id: string;
    title: string;
    status: "SUBMITTED" | "IN_PROGRESS" | "NOT_STARTED";
    tagged: number;
    taggable: number;
  }>;
}

/**
 * Each annotator's queue and progress on the project page. Members who may
 * read everyone's work see every annotator; an annotator sees their own.
 */
export async function annotatorQueues(args: {
  actor: Actor;
  projectSlug: string;
}): Promise<{ totalDocuments: number; queues: AnnotatorQueue[] }> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:read",
  );
  const projectId = access.project.id;
  const members = await db.membership.findMany({
    where: {
      projectId,
      role: "ANNOTATOR",
      ...(access.can("annotation:read-all") ? {} : { userId: args.actor.id }),
    },
    select: { userId: true, user: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  if (
    !access.can("annotation:read-all") &&
    access.can("annotation:write-own") &&
    !members.some((m) => m.userId === args.actor.id)
  ) {
    members.push({ userId: args.actor.id, user: { name: args.actor.name } });
  }
  const userIds = members.map((m) => m.userId);
  const [documents, tagged, progress] = await Promise.all([
    db.document.findMany({
      where: { projectId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        title: true,
        _count: { select: { sentences: { where: { isBoilerplate: false } } } },
      },
    }),
    db.annotation.groupBy({
      by: ["annotatorId", "documentId"],
      where: { projectId, annotatorId: { in: userIds } },
      _count: { _all: true },
    }),
    db.documentProgress.findMany({
      where: { userId: { in: userIds }, document: { projectId } },
      select: { userId: true, documentId: true, status: true },
    }),
  ]);
  const taggedBy = new Map(tagged.map((t) => [`${t.annotatorId}:${t.documentId}`, t._count._all]));
  const statusBy = new Map(progress.map((p) => [`${p.userId}:${p.documentId}`, p.status]));
  const queues = members.map((m): AnnotatorQueue => {
    const docs = documents.map((d) => {
      const key = `${m.userId}:${d.id}`;
      const count = taggedBy.get(key) ?? 0;
      const status: AnnotatorQueue["documents"][number]["status"] =
        statusBy.get(key) ?? (count > 0 ? "IN_PROGRESS" : "NOT_STARTED");
      return { id: d.id, title: d.title, status, tagged: count, taggable: d._count.sentences };
    });
    return {
      userId: m.userId,
      name: m.user.name,
      submitted: docs.filter((d) => d.status === "SUBMITTED").length,
      inProgress: docs.filter((d) => d.status === "IN_PROGRESS").length,
      tagged: docs.reduce((n, d) => n + d.tagged, 0),
      documents: docs,
    };
  });
  return { totalDocuments: documents.length, queues };
}
