import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/domain/errors";
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

/** The reason a reopen is refused, or null: once a reviewer settled the document's disagreements, only they can let it reopen. */
async function reopenRefusal(
  documentId: string,
  progress: { reopenAllowedAt: Date | null } | null,
): Promise<string | null> {
  if (progress?.reopenAllowedAt) return null;
  const settled = await db.adjudication.count({
    where: { sentence: { documentId }, status: "RESOLVED" },
  });
  return settled > 0
    ? "A reviewer has adjudicated this document's disagreements, so it stays as you submitted it. Ask a reviewer to allow you to reopen it."
    : null;
}

/**
 * Marks the actor's work on a document as done, or reopens it (`submitted:
 * false`). Submitted work is read-only (lib/server/annotations/lock.ts);
 * reopening is audited, and refused once the document is adjudicated unless
 * a reviewer allowed it (allowReopen), which the reopen uses up.
 */
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
  const key = { documentId_userId: { documentId: document.id, userId: args.actor.id } };
  const before = await db.documentProgress.findUnique({
    where: key,
    select: { status: true, reopenAllowedAt: true },
  });
  const reopening = !args.submitted && before?.status === "SUBMITTED";
  if (reopening) {
    const refusal = await reopenRefusal(document.id, before);
    if (refusal) throw new AppError("CONFLICT", refusal);
  }
  const status = args.submitted ? "SUBMITTED" : "IN_PROGRESS";
  const submittedAt = args.submitted ? new Date() : null;
  return db.$transaction(async (tx) => {
    const progress = await tx.documentProgress.upsert({
      where: key,
      create: { documentId: document.id, userId: args.actor.id, status, submittedAt },
      update: { status, submittedAt, ...(reopening ? { reopenAllowedAt: null } : {}) },
      select: { status: true, submittedAt: true },
    });
    await audit(tx, {
      actorId: args.actor.id,
      action: args.submitted ? "document.submit" : "document.reopen",
      entityType: "Document",
      entityId: document.id,
      projectId: access.project.id,
      before: before ? { status: before.status } : undefined,
      after: {
        status,
        ...(reopening && before?.reopenAllowedAt
          ? { reopenAllowedAt: before.reopenAllowedAt.toISOString() }
          : {}),
      },
    });
    return progress;
  });
}

/**
 * A reviewer lets one annotator reopen a submitted document although its
 * disagreements are adjudicated (their next reopen uses the permission up).
 */
export async function allowReopen(args: {
  actor: Actor;
  projectSlug: string;
  documentId: string;
  annotatorId: string;
}): Promise<{ allowed: true }> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "adjudication:write",
  );
  const document = await documentInProject(access.project.id, args.documentId);
  if (!isUuid(args.annotatorId)) throw notFound("That annotator's submission");
  return db.$transaction(async (tx) => {
    const updated = await tx.documentProgress.updateMany({
      where: { documentId: document.id, userId: args.annotatorId, status: "SUBMITTED" },
      data: { reopenAllowedAt: new Date() },
    });
    if (updated.count === 0) throw notFound("That annotator's submission");
    await audit(tx, {
      actorId: args.actor.id,
      action: "document.reopen-allowed",
      entityType: "Document",
      entityId: document.id,
      projectId: access.project.id,
      after: { annotatorId: args.annotatorId },
    });
    return { allowed: true as const };
  });
}

/**
 * The next document the actor should annotate, of those they have not
 * submitted: first the ones assigned to them (earliest due date first), then
 * ones they already started, then unassigned ones that still need annotators
 * (fewest annotators so far, then the oldest). A document assigned to others
 * is theirs: it is never offered to someone else. Null when nothing is left.
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
      SELECT d."id", d."title", d."createdAt", mine."dueOn", mine."id" IS NOT NULL AS assigned,
             EXISTS (SELECT 1 FROM "Assignment" s WHERE s."documentId" = d."id") AS planned,
             (SELECT count(DISTINCT a."annotatorId") FROM "Annotation" a WHERE a."documentId" = d."id" AND a."annotatorId" <> ${args.actor.id}::uuid) AS others,
             EXISTS (SELECT 1 FROM "Annotation" a WHERE a."documentId" = d."id" AND a."annotatorId" = ${args.actor.id}::uuid) AS started
      FROM "Document" d
      LEFT JOIN "Assignment" mine ON mine."documentId" = d."id" AND mine."annotatorId" = ${args.actor.id}::uuid
      WHERE d."projectId" = ${access.project.id}::uuid
        AND (${after}::uuid IS NULL OR d."id" <> ${after}::uuid)
        AND NOT EXISTS (SELECT 1 FROM "DocumentProgress" p WHERE p."documentId" = d."id" AND p."userId" = ${args.actor.id}::uuid AND p."status" = 'SUBMITTED')
    )
    SELECT "id", "title" FROM counts
    WHERE assigned OR started OR (NOT planned AND others < ${access.project.annotatorsPerDocument})
    ORDER BY assigned DESC, "dueOn" ASC NULLS LAST, others ASC, "createdAt" ASC, "id" ASC
    LIMIT 1`;
  return rows[0] ?? null;
}

export interface AnnotatorQueue {
  userId: string;
  name: string;
  submitted: number;
  inProgress: number;
  tagged: number;
  /** Documents assigned to this annotator. */
  assigned: number;
  /** Assigned documents first (earliest due date first), then the rest in import order. */
  documents: Array<{
    id: string;
    title: string;
    status: "SUBMITTED" | "IN_PROGRESS" | "NOT_STARTED";
    tagged: number;
    taggable: number;
    assigned: boolean;
    /** The due date (yyyy-mm-dd) of the assignment, when it has one. */
    dueOn: string | null;
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
  const [documents, tagged, progress, assignments] = await Promise.all([
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
    db.assignment.findMany({
      where: { projectId, annotatorId: { in: userIds } },
      select: { annotatorId: true, documentId: true, dueOn: true },
    }),
  ]);
  const assignedBy = new Map(
    assignments.map((a) => [
      `${a.annotatorId}:${a.documentId}`,
      a.dueOn ? a.dueOn.toISOString().slice(0, 10) : null,
    ]),
  );
  const taggedBy = new Map(tagged.map((t) => [`${t.annotatorId}:${t.documentId}`, t._count._all]));
  const statusBy = new Map(progress.map((p) => [`${p.userId}:${p.documentId}`, p.status]));
  const queues = members.map((m): AnnotatorQueue => {
    const docs = documents.map((d) => {
      const key = `${m.userId}:${d.id}`;
      const count = taggedBy.get(key) ?? 0;
      const status: AnnotatorQueue["documents"][number]["status"] =
        statusBy.get(key) ?? (count > 0 ? "IN_PROGRESS" : "NOT_STARTED");
      return {
        id: d.id,
        title: d.title,
        status,
        tagged: count,
        taggable: d._count.sentences,
        assigned: assignedBy.has(key),
        dueOn: assignedBy.get(key) ?? null,
      };
    });
    // Stable sort: assigned work first, by due date (none last), the rest keep import order.
    docs.sort(
      (a, b) =>
        Number(b.assigned) - Number(a.assigned) ||
        (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999"),
    );
    return {
      userId: m.userId,
      name: m.user.name,
      submitted: docs.filter((d) => d.status === "SUBMITTED").length,
      inProgress: docs.filter((d) => d.status === "IN_PROGRESS").length,
      tagged: docs.reduce((n, d) => n + d.tagged, 0),
      assigned: docs.filter((d) => d.assigned).length,
      documents: docs,
    };
  });
  return { totalDocuments: documents.length, queues };
}
