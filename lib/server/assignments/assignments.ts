import "server-only";
import { db, Prisma } from "@/lib/db";
import { z } from "zod";
import {
  DEFAULT_PAGE_SIZE,
  pagination,
  screenPageSchema,
  type PageQuery,
  type Pagination,
} from "@/lib/domain/api/pagination";
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

export interface LockedSubmission {
  documentId: string;
  title: string;
  annotatorId: string;
  annotator: string;
  reopenAllowed: boolean;
}

/** What the assignments page and the JSON API both show. */
interface AssignmentsOverview {
  /** Owners change assignments; everyone else only reads. */
  canManage: boolean;
  /** Reviewers (and owners) may let an annotator reopen an adjudicated document. */
  canAllowReopen: boolean;
  /** Members work can be assigned to: annotators and owners; each counts all their assignments. */
  annotators: AnnotatorWorkload[];
  assignments: AssignmentRow[];
  /** Submissions of adjudicated documents, which only a reviewer can let reopen (reviewers only). */
  lockedSubmissions: LockedSubmission[];
}

/** The JSON API's view: one page of the assignments (the documents list pages the documents). */
export interface AssignmentsPage extends AssignmentsOverview {
  pagination: Pagination;
}

/** The assignments page's view: the same page, and the documents an owner assigns from. */
export interface AssignmentsView extends AssignmentsPage {
  /** The project's documents to choose from (owners only; empty otherwise). */
  documents: Array<{ id: string; title: string }>;
}

/** The page's query string: `?page=` as the documents list reads it; no query at all is page 1. */
const viewQuerySchema = z.object({ page: screenPageSchema }).catch({ page: 1 });

/**
 * The assignments page: one page of the assignments, with each annotator's
 * workload over all of them. Owners and whoever may read everyone's work see
 * everyone's; an annotator of a blind project sees only their own, so nobody
 * learns who else was given a document.
 */
export async function listAssignmentsView(args: {
  actor: Actor;
  projectSlug: string;
  query: unknown;
}): Promise<AssignmentsView> {
  const list = await assignmentList(args);
  // The documents list's page size, which the JSON API's default is too.
  const page: PageQuery = {
    page: viewQuerySchema.parse(args.query).page,
    pageSize: DEFAULT_PAGE_SIZE,
  };
  const [overview, documents] = await Promise.all([
    pageOf(list, page),
    list.canManage
      ? db.document.findMany({
          where: { projectId: list.projectId },
          orderBy: [{ title: "asc" }, { id: "asc" }],
          select: { id: true, title: true },
        })
      : Promise.resolve([]),
  ]);
  return { ...overview, documents };
}

/**
 * One page of the assignments (GET /api/projects/{slug}/assignments), paged
 * by offset in the list's order, with the total of the same rows; statuses are
 * computed for the page's rows only. The workload counts all of them, not only
 * the page's.
 */
export async function listAssignmentsPage(args: {
  actor: Actor;
  projectSlug: string;
  page: PageQuery;
}): Promise<AssignmentsPage> {
  return pageOf(await assignmentList(args), args.page);
}

async function pageOf(list: AssignmentList, page: PageQuery): Promise<AssignmentsPage> {
  const [assignments, total, annotators, lockedSubmissions] = await Promise.all([
    assignmentRows(list, page),
    assignmentCount(list),
    workload(list),
    lockedSubmissionsOf(list),
  ]);
  const { canManage, canAllowReopen } = list;
  // The keys in the order the API has always answered them: scripts may compare bodies byte for byte.
  return {
    canManage,
    canAllowReopen,
    annotators,
    lockedSubmissions,
    assignments,
    pagination: pagination(total, page),
  };
}

/** Whose assignments the actor may see, and what they may do with them. */
interface AssignmentList {
  projectId: string;
  /** Owners and whoever may read everyone's work see everyone's assignments and workload. */
  everyone: boolean;
  /** The condition on "Assignment" s that keeps the actor's share of the list. */
  where: Prisma.Sql;
  canManage: boolean;
  canAllowReopen: boolean;
}

async function assignmentList(args: {
  actor: Actor;
  projectSlug: string;
}): Promise<AssignmentList> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:read",
  );
  const projectId = access.project.id;
  const everyone = access.can("assignment:manage") || access.can("annotation:read-all");
  const inProject = Prisma.sql`s."projectId" = ${projectId}::uuid`;
  return {
    projectId,
    everyone,
    where: everyone
      ? inProject
      : Prisma.sql`${inProject} AND s."annotatorId" = ${args.actor.id}::uuid`,
    canManage: access.can("assignment:manage"),
    canAllowReopen: access.can("adjudication:write"),
  };
}

// Nulls last, as Postgres puts them in ascending order; the id settles ties (one batch shares createdAt).
const LIST_ORDER = Prisma.sql`s."dueOn" ASC NULLS LAST, s."createdAt" ASC, s.id ASC`;

/**
 * One page of the list's rows in its order. The page's
 * assignments are chosen first, so progress and the latest save are looked up
 * for those rows only, not for every row an OFFSET skips.
 */
async function assignmentRows(list: AssignmentList, page: PageQuery): Promise<AssignmentRow[]> {
  const rows = await db.$queryRaw<
    Array<{
      documentId: string;
      title: string;
      annotatorId: string;
      annotator: string;
      dueOn: string | null;
      submitted: boolean;
      started: boolean;
      lastActivityAt: Date;
    }>
  >`
    SELECT s."documentId"::text AS "documentId", d.title, s."annotatorId"::text AS "annotatorId",
      u.name AS annotator, to_char(s."dueOn", 'YYYY-MM-DD') AS "dueOn",
      COALESCE(p.status = 'SUBMITTED', false) AS submitted,
      (p.id IS NOT NULL OR saved.at IS NOT NULL) AS started,
      GREATEST(s."createdAt", saved.at) AS "lastActivityAt"
    FROM (
      SELECT s.id, s."projectId", s."documentId", s."annotatorId", s."dueOn", s."createdAt"
      FROM "Assignment" s WHERE ${list.where}
      ORDER BY ${LIST_ORDER}
      LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}
    ) s
    JOIN "Document" d ON d.id = s."documentId"
    JOIN "User" u ON u.id = s."annotatorId"
    LEFT JOIN "DocumentProgress" p ON p."documentId" = s."documentId" AND p."userId" = s."annotatorId"
    LEFT JOIN LATERAL (
      SELECT max(a."updatedAt") AS at FROM "Annotation" a
      WHERE a."projectId" = s."projectId" AND a."documentId" = s."documentId" AND a."annotatorId" = s."annotatorId"
    ) saved ON true
    ORDER BY ${LIST_ORDER}`;
  return rows.map((r) => ({
    documentId: r.documentId,
    title: r.title,
    annotatorId: r.annotatorId,
    annotator: r.annotator,
    dueOn: r.dueOn,
    status: r.submitted ? "SUBMITTED" : r.started ? "IN_PROGRESS" : "NOT_STARTED",
    lastActivityAt: r.lastActivityAt,
  }));
}

async function assignmentCount(list: AssignmentList): Promise<number> {
  const [counted] = await db.$queryRaw<
    Array<{ total: number }>
  >`SELECT count(*)::int AS total FROM "Assignment" s WHERE ${list.where}`;
  return counted?.total ?? 0;
}

/**
 * Each annotator's assignments by status, over all of them, in one
 * aggregate. Only those who see everyone's work get it; owners are listed
 * only when they have work, as most do not annotate.
 */
async function workload(list: AssignmentList): Promise<AnnotatorWorkload[]> {
  if (!list.everyone) return [];
  const [members, counts] = await Promise.all([
    db.membership.findMany({
      where: { projectId: list.projectId, role: { in: ["ANNOTATOR", "OWNER"] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { userId: true, role: true, user: { select: { name: true } } },
    }),
    db.$queryRaw<
      Array<{ annotatorId: string; assigned: number; submitted: number; inProgress: number }>
    >`
      SELECT s."annotatorId"::text AS "annotatorId", count(*)::int AS assigned,
        count(*) FILTER (WHERE p.status = 'SUBMITTED')::int AS submitted,
        count(*) FILTER (WHERE p.status IS DISTINCT FROM 'SUBMITTED' AND (p.id IS NOT NULL OR EXISTS (
          SELECT 1 FROM "Annotation" a
          WHERE a."projectId" = s."projectId" AND a."documentId" = s."documentId" AND a."annotatorId" = s."annotatorId"
        )))::int AS "inProgress"
      FROM "Assignment" s
      LEFT JOIN "DocumentProgress" p ON p."documentId" = s."documentId" AND p."userId" = s."annotatorId"
      WHERE ${list.where}
      GROUP BY s."annotatorId"`,
  ]);
  const byAnnotator = new Map(counts.map((c) => [c.annotatorId, c]));
  return members
    .filter((m) => m.role === "ANNOTATOR" || byAnnotator.has(m.userId))
    .map((m): AnnotatorWorkload => {
      const c = byAnnotator.get(m.userId) ?? { assigned: 0, submitted: 0, inProgress: 0 };
      return {
        userId: m.userId,
        name: m.user.name,
        assigned: c.assigned,
        notStarted: c.assigned - c.inProgress - c.submitted,
        inProgress: c.inProgress,
        submitted: c.submitted,
      };
    });
}

/** The latest 200 submissions of adjudicated documents (reviewers only). */
async function lockedSubmissionsOf(list: AssignmentList): Promise<LockedSubmission[]> {
  if (!list.canAllowReopen) return [];
  const locked = await db.documentProgress.findMany({
    where: {
      status: "SUBMITTED",
      document: {
        projectId: list.projectId,
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
  });
  return locked.map((l) => ({
    documentId: l.documentId,
    title: l.document.title,
    annotatorId: l.userId,
    annotator: l.user.name,
    reopenAllowed: l.reopenAllowedAt !== null,
  }));
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
