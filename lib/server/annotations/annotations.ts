import "server-only";
import { db, sqlPool } from "@/lib/db";
import {
  clearAnnotationSchema,
  saveAnnotationSchema,
  type AnnotationView,
  type Label,
  type ServerState,
} from "@/lib/domain/annotation";
import { AppError, notFound } from "@/lib/domain/errors";
import { isStorableText } from "@/lib/domain/input";
import { can } from "@/lib/domain/permissions";
import { isCredibility } from "@/lib/domain/sources";
import { isUuid, requireProjectAccess } from "../access";
import {
  actorForCredential,
  readOnlyToken,
  unauthenticated,
  type Credential,
} from "../accounts/credentials";
import type { Actor } from "../actor";
import { noteRequestUser } from "../ops/request-log";
import { parseInput } from "../validation";
import { DocumentLocked } from "./lock";
import {
  runSaveStatement,
  type SaveCaller,
  type SaveOutcome,
  type WrittenRow,
} from "./save-statement";

export type { AnnotationView };

/**
 * A save refused because the annotation changed elsewhere (another tab or
 * device). It carries what the server holds so the annotator can choose.
 */
export class AnnotationConflict extends AppError {
  constructor(readonly current: ServerState) {
    super(
      "CONFLICT",
      "This sentence was changed elsewhere (another tab or device). Choose which version to keep.",
    );
  }
}

/** An annotation as read or written: the save statement returns the same columns. */
type AnnotationRow = WrittenRow;

export const annotationSelect = {
  id: true,
  sentenceId: true,
  version: true,
  label: true,
  sourceText: true,
  sourceStart: true,
  sourceEnd: true,
  sourceId: true,
  sourceType: true,
  note: true,
  unsure: true,
  suggestion: true,
  credibility: true,
} as const;

export function toView(row: AnnotationRow): AnnotationView {
  return {
    id: row.id,
    sentenceId: row.sentenceId,
    version: row.version,
    fields: {
      label: row.label,
      sourceText: row.sourceText,
      sourceStart: row.sourceStart,
      sourceEnd: row.sourceEnd,
      sourceId: row.sourceId,
      sourceType: row.sourceType,
      note: row.note,
      unsure: row.unsure,
      // The workspace needs the earlier outcome to tell an edited acceptance from an ignored suggestion.
      suggestion: row.suggestion,
      credibility: isCredibility(row.credibility) ? row.credibility : null,
    },
  };
}

async function currentState(sentenceId: string, annotatorId: string): Promise<ServerState> {
  const row = await db.annotation.findUnique({
    where: { sentenceId_annotatorId: { sentenceId, annotatorId } },
    select: annotationSelect,
  });
  return row ? toView(row) : null;
}

/** Who saves: a loaded actor (server actions, the CLI, tests) or credentials the save checks itself. */
export type SaveAnnotationArgs = ({ actor: Actor } | { credential: Credential }) & {
  projectSlug: string;
  input: unknown;
};

/**
 * Saves the caller's own annotation of one sentence. The write is guarded by
 * the version the client last saw, so two tabs cannot overwrite each other: a
 * stale write throws AnnotationConflict with the server's value.
 *
 * Every check (credentials, membership and role, sentence, annotation and
 * source in the project, the span, the submitted lock) and the write are one
 * statement (save-statement.ts); the outcome is turned into the same errors,
 * in the same order, as checking them one by one. Input that fails validation
 * takes the slow path so that a caller without access still learns nothing
 * but NOT_FOUND.
 */
export async function saveAnnotation(args: SaveAnnotationArgs): Promise<AnnotationView> {
  const caller: SaveCaller =
    "actor" in args ? { kind: "actor", actor: args.actor } : args.credential;
  const parsed = saveAnnotationSchema.safeParse(args.input);
  if (!parsed.success || !isPlausibleSlug(args.projectSlug)) {
    const actor = "actor" in args ? args.actor : await actorForCredential(args.credential, "write");
    await requireProjectAccess(actor, { slug: args.projectSlug }, "annotation:write-own");
    parseInput(saveAnnotationSchema, args.input);
    throw new Error("unreachable: the input failed validation above");
  }
  const input = parsed.data;
  const { sourceStart, sourceEnd } = input;
  const span = sourceStart != null && sourceEnd != null ? { sourceStart, sourceEnd } : null;
  let sourceText = input.sourceText;
  if (span && sourceText == null) {
    // The quote is taken from the text itself, so it always matches the offsets (UTF-16, as in JS).
    const sentence = await db.sentence.findFirst({
      where: { id: input.sentenceId, project: { slug: args.projectSlug } },
      select: { start: true, end: true, text: true },
    });
    if (sentence && span.sourceStart >= sentence.start && span.sourceEnd <= sentence.end) {
      sourceText = sentence.text.slice(
        span.sourceStart - sentence.start,
        span.sourceEnd - sentence.start,
      );
    }
  }
  const outcome = await runSaveStatement(caller, args.projectSlug, {
    sentenceId: input.sentenceId,
    annotationId: input.annotationId ?? null,
    sourceId: input.sourceId ?? null,
    sourceStart: span?.sourceStart ?? null,
    sourceEnd: span?.sourceEnd ?? null,
    label: input.label,
    sourceText,
    sourceType: input.sourceType ?? null,
    note: input.note,
    unsure: input.unsure,
    credibility: input.credibility ?? null,
    // A client that does not send credibility or the outcome (an older workspace) keeps the stored one.
    keepCredibility: input.credibility === undefined,
    suggestion: input.suggestion ?? null,
    keepSuggestion: input.suggestion === undefined,
    expectedVersion: input.expectedVersion,
  });
  // The statement confirmed the credentials: the request's log line names the user.
  if (outcome.userId) noteRequestUser(outcome.userId);
  if (outcome.written) return toView(outcome.written);
  // Nothing was written although every check passed: the version was stale.
  const userId = refuseFailedCheck(outcome, input);
  throw new AnnotationConflict(await currentState(input.sentenceId, userId));
}

function isPlausibleSlug(slug: string): boolean {
  return slug.length <= 200 && isStorableText(slug);
}

/**
 * Throws the error of the first check the save failed, in the order they were
 * once made one at a time; returns the caller's id when every check passed.
 */
function refuseFailedCheck(
  outcome: SaveOutcome,
  input: {
    sentenceId: string;
    annotationId?: string | null;
    sourceId?: string | null;
    sourceStart?: number | null;
  },
): string {
  if (!outcome.userId) throw unauthenticated();
  if (outcome.scope !== "READ_WRITE") throw readOnlyToken();
  const isAdmin = outcome.isAdmin === true;
  if (!outcome.projectFound || (!isAdmin && !outcome.role)) throw notFound("That project");
  // The statement checked the role against the same table; asking it here names the refusal.
  if (!can({ isAdmin, role: outcome.role }, "annotation:write-own", { blindAnnotation: true }))
    throw new AppError("FORBIDDEN", "Your role in this project does not allow that.");
  if (!outcome.sentenceFound) throw notFound("That sentence");
  if (input.annotationId) {
    if (!outcome.ownSentenceId) throw notFound("That annotation");
    if (outcome.ownSentenceId !== input.sentenceId) {
      throw new AppError("VALIDATION", "That annotation belongs to another sentence.", {
        annotationId: ["That annotation belongs to another sentence."],
      });
    }
  }
  if (input.sourceStart != null && !outcome.spanInside) {
    const message = "The source span must lie inside the sentence.";
    throw new AppError("VALIDATION", message, { sourceStart: [message] });
  }
  if (input.sourceId && !outcome.sourceFound) {
    const message = "That source is not in this project's registry.";
    throw new AppError("VALIDATION", message, { sourceId: [message] });
  }
  if (outcome.submitted) throw new DocumentLocked();
  return outcome.userId;
}

/** Deletes the actor's own annotation, if it is still the version they saw. */
export async function clearAnnotation(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<{ sentenceId: string }> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "annotation:write-own",
  );
  const input = parseInput(clearAnnotationSchema, args.input);
  // One statement: the annotation must be the actor's own in this project, and not on a submitted document.
  const { rows } = await sqlPool().query<{
    sentenceId: string | null;
    submitted: boolean;
    deleted: boolean;
  }>(
    `WITH own AS (
       SELECT a.id, a."sentenceId", a."documentId" FROM "Annotation" a
       WHERE a.id = $1::uuid AND a."projectId" = $2::uuid AND a."annotatorId" = $3::uuid
     ),
     locked AS (
       SELECT EXISTS (
         SELECT 1 FROM "DocumentProgress" d, own o
         WHERE d."documentId" = o."documentId" AND d."userId" = $3::uuid AND d.status = 'SUBMITTED'
       ) AS submitted
     ),
     deleted AS (
       DELETE FROM "Annotation" a USING own o, locked l
       WHERE a.id = o.id AND a.version = $4::int AND NOT l.submitted
       RETURNING a.id
     )
     SELECT o."sentenceId", l.submitted, EXISTS (SELECT 1 FROM deleted) AS deleted
     FROM locked l LEFT JOIN own o ON true`,
    [input.annotationId, access.project.id, args.actor.id, input.expectedVersion],
  );
  const outcome = rows[0];
  if (!outcome?.sentenceId) throw notFound("That annotation");
  if (outcome.submitted) throw new DocumentLocked();
  if (!outcome.deleted)
    throw new AnnotationConflict(await currentState(outcome.sentenceId, args.actor.id));
  return { sentenceId: outcome.sentenceId };
}

/** Another annotator's tag, shown only where the project lets annotators see each other's work. */
export interface OtherAnnotation {
  sentenceId: string;
  annotator: string;
  label: Label;
  sourceText: string | null;
  credibility: number | null;
}

export interface WorkspaceData {
  document: {
    id: string;
    title: string;
    byline: string | null;
    publisher: string | null;
    publishedAt: Date | null;
    sourceUrl: string | null;
    text: string;
  };
  sentences: Array<{
    id: string;
    index: number;
    start: number;
    end: number;
    text: string;
    isBoilerplate: boolean;
  }>;
  mine: AnnotationView[];
  others: OtherAnnotation[] | null;
  canWrite: boolean;
  canManageSources: boolean;
  canEditDocument: boolean;
  /** Reviewers, owners, and everyone in open projects, see every thread; others once they submit. */
  canReadAll: boolean;
  blind: boolean;
  /** The attribution assistant is on: suggestions may be fetched (lib/server/annotations/suggestions.ts). */
  assistantEnabled: boolean;
  guidelines: string;
  progress: { status: "IN_PROGRESS" | "SUBMITTED" | null; submittedAt: Date | null };
  /** The sentence this user saved most recently in the document, where the keys resume. */
  lastWorkedSentenceId: string | null;
}

/** Everything the annotation workspace needs for one document, in one load. */
export async function loadWorkspace(args: {
  actor: Actor;
  projectSlug: string;
  documentId: string;
}): Promise<WorkspaceData> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:read",
  );
  if (!isUuid(args.documentId)) throw notFound("That document");
  const projectId = access.project.id;
  const document = await db.document.findFirst({
    where: { id: args.documentId, projectId },
    select: {
      id: true,
      title: true,
      byline: true,
      publisher: true,
      publishedAt: true,
      sourceUrl: true,
      text: true,
      sentences: {
        orderBy: { index: "asc" },
        select: { id: true, index: true, start: true, end: true, text: true, isBoilerplate: true },
      },
    },
  });
  if (!document) throw notFound("That document");
  const canReadAll = access.can("annotation:read-all");
  const [mine, others, project, progress, lastWorked] = await Promise.all([
    db.annotation.findMany({
      where: { documentId: document.id, projectId, annotatorId: args.actor.id },
      select: annotationSelect,
    }),
    canReadAll
      ? db.annotation.findMany({
          where: { documentId: document.id, projectId, annotatorId: { not: args.actor.id } },
          select: {
            sentenceId: true,
            label: true,
            sourceText: true,
            credibility: true,
            annotator: { select: { name: true } },
          },
          orderBy: { createdAt: "asc" },
        })
      : Promise.resolve(null),
    db.project.findUniqueOrThrow({ where: { id: projectId }, select: { guidelines: true } }),
    db.documentProgress.findUnique({
      where: { documentId_userId: { documentId: document.id, userId: args.actor.id } },
      select: { status: true, submittedAt: true },
    }),
    db.annotation.findFirst({
      where: { documentId: document.id, projectId, annotatorId: args.actor.id },
      orderBy: { updatedAt: "desc" },
      select: { sentenceId: true },
    }),
  ]);
  const { sentences, ...meta } = document;
  return {
    document: meta,
    sentences,
    mine: mine.map(toView),
    others:
      others?.map((o) => ({
        sentenceId: o.sentenceId,
        annotator: o.annotator.name,
        label: o.label,
        sourceText: o.sourceText,
        credibility: o.credibility,
      })) ?? null,
    canWrite: access.can("annotation:write-own"),
    canManageSources: access.can("source:manage"),
    canEditDocument: access.can("document:edit"),
    canReadAll,
    blind: access.project.blindAnnotation,
    assistantEnabled: access.project.assistantEnabled,
    guidelines: project.guidelines,
    progress: { status: progress?.status ?? null, submittedAt: progress?.submittedAt ?? null },
    lastWorkedSentenceId: lastWorked?.sentenceId ?? null,
  };
}
