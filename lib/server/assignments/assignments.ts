import "server-only";
import { db, type Prisma } from "@/lib/db";
import { pageOf, type PageQuery, type Pagination } from "@/lib/domain/api/pagination";
import { AppError } from "@/lib/domain/errors";
import {
  assignmentChangeSchema,
  distributeAssignments,
  type AssignmentChange,
  type DocumentSelection,
} from "@/lib/domain/workflow";
import { requireProjectAccess } from "../access";
import type { Actor } from "../actor";
import { audit } from "../audit/record";
import { parseInput } from "../validation";

/** More pairs than this in one change is a mistake (or an attack), not a plan. */
const MAX_PAIRS = 50_000;
const DAY_MS = 86_400_000;

export type AssignmentStatus = "NOT_STARTED" | "IN_PROGRESS" | "SUBMITTED";

export interface AssignmentRow {
  documentId: string;
  title: string;
  annotatorId: string;
  annotator: string;
  /** yyyy-mm-dd, or null. */
  dueOn: string | null;
  status: AssignmentStatus;
  /** The assignment's creation or the annotator's latest save on the document, whichever is later. */
  lastActivityAt: Date;
}

export interface AnnotatorWorkload {
  userId: string;
  name: string;
  assigned: number;
  notStarted: number;
  inProgress: number;
  submitted: number;
}

export interface AssignmentsView {
  /** Owners change assignments; everyone else only reads. */
  canManage: boolean;
  /** Reviewers (and owners) may let an annotator reopen an adjudicated document. */
  canAllowReopen: boolean;
  /** Members work can be assigned to: annotators and owners. */
  annotators: AnnotatorWorkload[];
  assignments: AssignmentRow[];
  /** The project's documents to choose from (owners only; empty otherwise). */
  documents: Array<{ id: string; title: string }>;
  /** Submissions of adjudicated documents, which only a reviewer can let reopen (reviewers only). */
  lockedSubmissions: Array<{
    documentId: string;
    title: string;
    annotatorId: string;
    annotator: string;
    reopenAllowed: boolean;
  }>;
}

/** The JSON API's view: one page of the assignments, and no list of the project's documents. */
export type AssignmentsPage = Omit<AssignmentsView, "documents"> & { pagination: Pagination };

/**
 * The project's assignments. Owners and whoever may read everyone's work see
 * all of them with each annotator's workload; an annotator of a blind project
 * sees only their own, so nobody learns who else was given a document.
 */
export async function listAssignments(args: {
  actor: Actor;
  projectSlug: string;
}): Promise<AssignmentsView> {
  return assignmentsView(args, { withDocuments: true });
}

/**
 * One page of the assignments (GET /api/projects/{slug}/assignments), in the
 * page's order. The workload counts all of them, not only the page's; the
 * project's documents are the documents list's to page.
 */
export async function listAssignmentsPage(args: {
  actor: Actor;
  projectSlug: string;
  page: PageQuery;
}): Promise<AssignmentsPage> {
  const {
    documents: _none,
    assignments: all,
    ...view
  } = await assignmentsView(args, {
    withDocuments: false,
  });
  const { items, pagination } = pageOf(all, args.page);
  return { ...view, assignments: items, pagination };
}

async function assignmentsView(
  args: { actor: Actor; projectSlug: string },
  options: { withDocuments: boolean },
): Promise<AssignmentsView> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:read",
  );
  const projectId = access.project.id;
  const everyone = access.can("assignment:manage") || access.can("annotation:read-all");
  const onlyMine = everyone ? {} : { annotatorId: args.actor.id };
  const [rows, members] = await Promise.all([
    db.assignment.findMany({
      where: { projectId, ...onlyMine },
      orderBy: [{ dueOn: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
      select: {
        documentId: true,
        annotatorId: true,
        dueOn: true,
        createdAt: true,
        document: { select: { title: true } },
        annotator: { select: { name: true } },
      },
    }),
    everyone
      ? db.membership.findMany({
          where: { projectId, role: { in: ["ANNOTATOR", "OWNER"] } },
          orderBy: { createdAt: "asc" },
          select: { userId: true, role: true, user: { select: { name: true } } },
        })
      : Promise.resolve([]),
  ]);
  const documentIds = [...new Set(rows.map((r) => r.documentId))];
  const annotatorIds = [...new Set(rows.map((r) => r.annotatorId))];
  const [progress, latest] = await Promise.all([
    db.documentProgress.findMany({
      where: { documentId: { in: documentIds }, userId: { in: annotatorIds } },
      select: { documentId: true, userId: true, status: true },
    }),
    db.annotation.groupBy({
      by: ["documentId", "annotatorId"],
      where: { projectId, documentId: { in: documentIds }, annotatorId: { in: annotatorIds } },
      _max: { updatedAt: true },
    }),
  ]);
  const statusOf = new Map(progress.map((p) => [`${p.documentId}:${p.userId}`, p.status]));
  const savedAt = new Map(
    latest.map((l) => [`${l.documentId}:${l.annotatorId}`, l._max.updatedAt]),
  );
  const assignments = rows.map((r): AssignmentRow => {
    const key = `${r.documentId}:${r.annotatorId}`;
    const saved = savedAt.get(key) ?? null;
    const status: AssignmentStatus = statusOf.get(key) ?? (saved ? "IN_PROGRESS" : "NOT_STARTED");
    return {
      documentId: r.documentId,
      title: r.document.title,
      annotatorId: r.annotatorId,
      annotator: r.annotator.name,
      dueOn: r.dueOn ? r.dueOn.toISOString().slice(0, 10) : null,
      status,
      lastActivityAt: saved && saved > r.createdAt ? saved : r.createdAt,
    };
  });
  // Owners are listed only when they have work: most do not annotate.
  const people = members.filter(
    (m) => m.role === "ANNOTATOR" || assignments.some((a) => a.annotatorId === m.userId),
  );
  const annotators = people.map((m): AnnotatorWorkload => {
    const mine = assignments.filter((a) => a.annotatorId === m.userId);
    const count = (s: AssignmentStatus) => mine.filter((a) => a.status === s).length;
    return {
      userId: m.userId,
      name: m.user.name,
      assigned: mine.length,
      notStarted: count("NOT_STARTED"),
      inProgress: count("IN_PROGRESS"),
      submitted: count("SUBMITTED"),
    };
  });
  const canManage = access.can("assignment:manage");
  const canAllowReopen = access.can("adjudication:write");
  const [documents, locked] = await Promise.all([
    canManage && options.withDocuments
      ? db.document.findMany({
          where: { projectId },
          orderBy: [{ title: "asc" }, { id: "asc" }],
          select: { id: true, title: true },
        })
      : Promise.resolve([]),
    canAllowReopen
      ? db.documentProgress.findMany({
          where: {
            status: "SUBMITTED",
            document: {
              projectId,
              sentences: { some: { adjudication: { is: { status: "RESOLVED" } } } },
            },
          },
          orderBy: [{ submittedAt: "desc" }, { id: "asc" }],
          take: 200,
          select: {
            documentId: true,
            userId: true,
            reopenAllowedAt: true,
            document: { select: { title: true } },
            user: { select: { name: true } },
          },
        })
      : Promise.resolve([]),
  ]);
  return {
    canManage,
    canAllowReopen,
    annotators,
    assignments,
    documents,
    lockedSubmissions: locked.map((l) => ({
      documentId: l.documentId,
      title: l.document.title,
      annotatorId: l.userId,
      annotator: l.user.name,
      reopenAllowed: l.reopenAllowedAt !== null,
    })),
  };
}

async function selectedDocuments(projectId: string, selection: DocumentSelection) {
  if (selection.documentIds) {
    const wanted = [...new Set(selection.documentIds)];
    const found = await db.document.findMany({
      where: { projectId, id: { in: wanted } },
      select: { id: true },
    });
    if (found.length !== wanted.length) {
      const message = `${wanted.length - found.length} of the chosen documents are not in this project.`;
      throw new AppError("VALIDATION", message, { documentIds: [message] });
    }
    return wanted;
  }
  const filter = selection.filter ?? { q: "", unassigned: false };
  const found = await db.document.findMany({
    where: {
      projectId,
      ...(filter.q ? { title: { contains: filter.q, mode: "insensitive" as const } } : {}),
      ...(filter.unassigned ? { assignments: { none: {} } } : {}),
    },
    select: { id: true },
  });
  if (found.length === 0) {
    const message = "No document matches that filter.";
    throw new AppError("VALIDATION", message, { filter: [message] });
  }
  return found.map((d) => d.id);
}

/** The chosen people, each of whom must be a member who may annotate (an annotator or an owner). */
async function assignableMembers(projectId: string, userIds: readonly string[], field: string) {
  const wanted = [...new Set(userIds)];
  const found = await db.membership.findMany({
    where: { projectId, userId: { in: wanted }, role: { in: ["ANNOTATOR", "OWNER"] } },
    select: { userId: true },
  });
  if (found.length !== wanted.length) {
    const message =
      wanted.length === 1
        ? "That person is not an annotator of this project."
        : `${wanted.length - found.length} of the chosen people are not annotators of this project.`;
    throw new AppError("VALIDATION", message, { [field]: [message] });
  }
  return wanted;
}

function checkSize(pairs: number) {
  if (pairs > MAX_PAIRS) {
    const message = `That would change ${pairs.toLocaleString("en")} assignments; at most ${MAX_PAIRS.toLocaleString("en")} at a time.`;
    throw new AppError("VALIDATION", message, { documents: [message] });
  }
}

const dueDate = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);

export interface AssignmentChangeResult {
  action: AssignmentChange["action"];
  /** Assignments created, moved or removed. */
  changed: number;
}

/**
 * One change to the project's assignments (assign, distribute, unassign,
 * reassign, reclaim), in one transaction with its audit event. Owners only.
 */
export async function changeAssignments(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<AssignmentChangeResult> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "assignment:manage",
  );
  const input = parseInput(assignmentChangeSchema, args.input);
  const projectId = access.project.id;
  const record = (tx: Prisma.TransactionClient, changed: number, details: Prisma.InputJsonObject) =>
    audit(tx, {
      actorId: args.actor.id,
      action: `assignment.${input.action}`,
      entityType: "Project",
      entityId: projectId,
      projectId,
      after: { changed, ...details },
    });

  switch (input.action) {
    case "assign": {
      const documentIds = await selectedDocuments(projectId, input.documents);
      const annotatorIds = await assignableMembers(projectId, input.annotatorIds, "annotatorIds");
      checkSize(documentIds.length * annotatorIds.length);
      const dueOn = dueDate(input.dueOn);
      return db.$transaction(async (tx) => {
        const created = await tx.assignment.createMany({
          data: documentIds.flatMap((documentId) =>
            annotatorIds.map((annotatorId) => ({
              projectId,
              documentId,
              annotatorId,
              assignedById: args.actor.id,
              dueOn,
            })),
          ),
          skipDuplicates: true,
        });
        // Existing assignments of the selection take the new due date too.
        if (dueOn) {
          await tx.assignment.updateMany({
            where: {
              projectId,
              documentId: { in: documentIds },
              annotatorId: { in: annotatorIds },
            },
            data: { dueOn },
          });
        }
        await record(tx, created.count, {
          documents: documentIds.length,
          annotatorIds,
          dueOn: input.dueOn,
        });
        return { action: input.action, changed: created.count };
      });
    }
    case "distribute": {
      const documentIds = await selectedDocuments(projectId, input.documents);
      const annotatorIds = await assignableMembers(projectId, input.annotatorIds, "annotatorIds");
      checkSize(documentIds.length * input.perDocument);
      const existing = await db.assignment.findMany({
        where: { projectId, documentId: { in: documentIds } },
        select: { documentId: true, annotatorId: true },
      });
      const plan = distributeAssignments({
        documentIds,
        annotatorIds,
        perDocument: input.perDocument,
        seed: input.seed,
        existing,
      });
      const dueOn = dueDate(input.dueOn);
      return db.$transaction(async (tx) => {
        const created = await tx.assignment.createMany({
          data: plan.map((p) => ({ projectId, ...p, assignedById: args.actor.id, dueOn })),
          skipDuplicates: true,
        });
        await record(tx, created.count, {
          documents: documentIds.length,
          annotatorIds,
          perDocument: input.perDocument,
          seed: input.seed,
          dueOn: input.dueOn,
        });
        return { action: input.action, changed: created.count };
      });
    }
    case "unassign": {
      const documentIds = await selectedDocuments(projectId, input.documents);
      const annotatorIds = [...new Set(input.annotatorIds)];
      return db.$transaction(async (tx) => {
        const removed = await tx.assignment.deleteMany({
          where: { projectId, documentId: { in: documentIds }, annotatorId: { in: annotatorIds } },
        });
        await record(tx, removed.count, { documents: documentIds.length, annotatorIds });
        return { action: input.action, changed: removed.count };
      });
    }
    case "reassign": {
      if (input.fromAnnotatorId === input.toAnnotatorId) {
        const message = "Choose someone else to take the work over.";
        throw new AppError("VALIDATION", message, { toAnnotatorId: [message] });
      }
      const documentIds = await selectedDocuments(projectId, input.documents);
      await assignableMembers(projectId, [input.toAnnotatorId], "toAnnotatorId");
      return db.$transaction(async (tx) => {
        const moving = await tx.assignment.findMany({
          where: { projectId, documentId: { in: documentIds }, annotatorId: input.fromAnnotatorId },
          select: { documentId: true, dueOn: true },
        });
        await tx.assignment.deleteMany({
          where: { projectId, documentId: { in: documentIds }, annotatorId: input.fromAnnotatorId },
        });
        await tx.assignment.createMany({
          data: moving.map((m) => ({
            projectId,
            documentId: m.documentId,
            annotatorId: input.toAnnotatorId,
            assignedById: args.actor.id,
            dueOn: m.dueOn,
          })),
          skipDuplicates: true,
        });
        await record(tx, moving.length, {
          fromAnnotatorId: input.fromAnnotatorId,
          toAnnotatorId: input.toAnnotatorId,
        });
        return { action: input.action, changed: moving.length };
      });
    }
    case "reclaim": {
      const cutoff = new Date(Date.now() - input.olderThanDays * DAY_MS);
      return db.$transaction(async (tx) => {
        // Not submitted, assigned before the cutoff, and no save of the annotator's on it since.
        const removed = await tx.$executeRaw`
          DELETE FROM "Assignment" s
          WHERE s."projectId" = ${projectId}::uuid
            AND s."createdAt" < ${cutoff}
            AND NOT EXISTS (SELECT 1 FROM "DocumentProgress" p
                            WHERE p."documentId" = s."documentId" AND p."userId" = s."annotatorId" AND p."status" = 'SUBMITTED')
            AND NOT EXISTS (SELECT 1 FROM "Annotation" a
                            WHERE a."documentId" = s."documentId" AND a."annotatorId" = s."annotatorId" AND a."updatedAt" >= ${cutoff})`;
        await record(tx, removed, { olderThanDays: input.olderThanDays });
        return { action: input.action, changed: removed };
      });
    }
  }
}
