import "server-only";
import { db } from "@/lib/db";
import {
  clearAnnotationSchema,
  saveAnnotationSchema,
  type AnnotationView,
  type Label,
  type ServerState,
  type SourceType,
  type SuggestionOutcome,
} from "@/lib/domain/annotation";
import { AppError, notFound } from "@/lib/domain/errors";
import { isCredibility } from "@/lib/domain/sources";
import { isUuid, requireProjectAccess } from "../access";
import type { Actor } from "../actor";
import { parseInput } from "../validation";

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

interface AnnotationRow {
  id: string;
  sentenceId: string;
  version: number;
  label: Label;
  sourceText: string | null;
  sourceStart: number | null;
  sourceEnd: number | null;
  sourceId: string | null;
  sourceType: SourceType | null;
  note: string | null;
  unsure: boolean;
  suggestion: SuggestionOutcome | null;
  credibility: number | null;
}

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

/**
 * Saves the actor's own annotation of one sentence. The write is a single
 * statement guarded by the version the client last saw, so two tabs cannot
 * overwrite each other: a stale write throws AnnotationConflict with the
 * server's value.
 */
export async function saveAnnotation(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<AnnotationView> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "annotation:write-own",
  );
  const input = parseInput(saveAnnotationSchema, args.input);
  const projectId = access.project.id;

  // Scoped by project: a sentence of another project is simply not found.
  const sentence = await db.sentence.findFirst({
    where: { id: input.sentenceId, projectId },
    select: { id: true, documentId: true, start: true, end: true, text: true },
  });
  if (!sentence) throw notFound("That sentence");

  if (input.annotationId) {
    const own = await db.annotation.findFirst({
      where: { id: input.annotationId, projectId, annotatorId: args.actor.id },
      select: { sentenceId: true },
    });
    if (!own) throw notFound("That annotation");
    if (own.sentenceId !== sentence.id) {
      throw new AppError("VALIDATION", "That annotation belongs to another sentence.", {
        annotationId: ["That annotation belongs to another sentence."],
      });
    }
  }

  let sourceText = input.sourceText;
  const { sourceStart, sourceEnd } = input;
  if (sourceStart != null && sourceEnd != null) {
    if (sourceStart < sentence.start || sourceEnd > sentence.end) {
      const message = "The source span must lie inside the sentence.";
      throw new AppError("VALIDATION", message, { sourceStart: [message] });
    }
    // The quote is taken from the text itself, so it always matches the offsets.
    sourceText ??= sentence.text.slice(sourceStart - sentence.start, sourceEnd - sentence.start);
  }

  let sourceType = input.sourceType ?? null;
  if (input.sourceId) {
    const source = await db.source.findFirst({
      where: { id: input.sourceId, projectId },
      select: { name: true, type: true },
    });
    if (!source) {
      const message = "That source is not in this project's registry.";
      throw new AppError("VALIDATION", message, { sourceId: [message] });
    }
    sourceType ??= source.type;
    sourceText ??= source.name;
  }

  const values = {
    label: input.label,
    sourceText,
    sourceStart: sourceStart ?? null,
    sourceEnd: sourceEnd ?? null,
    sourceId: input.sourceId ?? null,
    sourceType,
    note: input.note,
    unsure: input.unsure,
    credibility: input.credibility ?? null,
  };
  // A client that does not send credibility (an older workspace) keeps the stored one.
  const keepCredibility = input.credibility === undefined;

  let rows: AnnotationRow[];
  if (input.expectedVersion === 0) {
    rows = await db.$queryRaw<AnnotationRow[]>`
      INSERT INTO "Annotation" ("projectId", "documentId", "sentenceId", "annotatorId", "label", "sourceText", "sourceStart", "sourceEnd",
                                 "sourceId", "sourceType", "note", "unsure", "credibility", "version", "updatedAt",
                                 "suggestion")
      VALUES (${projectId}::uuid, ${sentence.documentId}::uuid, ${sentence.id}::uuid, ${args.actor.id}::uuid, ${values.label}::"Label",
              ${values.sourceText}, ${values.sourceStart}, ${values.sourceEnd}, ${values.sourceId}::uuid,
              ${values.sourceType}::"SourceType", ${values.note}, ${values.unsure}, ${values.credibility}::int, 1, now(),
              ${input.suggestion ?? null}::"SuggestionOutcome")
      ON CONFLICT ("sentenceId", "annotatorId") DO NOTHING
      RETURNING "id", "sentenceId", "version", "label", "sourceText", "sourceStart", "sourceEnd", "sourceId", "sourceType", "note", "unsure", "credibility", "suggestion"`;
  } else {
    rows = await db.$queryRaw<AnnotationRow[]>`
      UPDATE "Annotation" SET "label" = ${values.label}::"Label", "sourceText" = ${values.sourceText},
             "sourceStart" = ${values.sourceStart}, "sourceEnd" = ${values.sourceEnd}, "sourceId" = ${values.sourceId}::uuid,
             "sourceType" = ${values.sourceType}::"SourceType", "note" = ${values.note}, "unsure" = ${values.unsure},
             "credibility" = CASE WHEN ${keepCredibility} THEN "credibility" ELSE ${values.credibility}::int END,
             "version" = "version" + 1, "updatedAt" = now(),
             -- A caller that does not send the outcome (an older client) leaves it as it was.
             "suggestion" = CASE WHEN ${input.suggestion === undefined} THEN "suggestion"
                                 ELSE ${input.suggestion ?? null}::"SuggestionOutcome" END
      WHERE "sentenceId" = ${sentence.id}::uuid AND "annotatorId" = ${args.actor.id}::uuid AND "version" = ${input.expectedVersion}
      RETURNING "id", "sentenceId", "version", "label", "sourceText", "sourceStart", "sourceEnd", "sourceId", "sourceType", "note", "unsure", "credibility", "suggestion"`;
  }
  const row = rows[0];
  if (!row) throw new AnnotationConflict(await currentState(sentence.id, args.actor.id));
  return toView(row);
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
  const own = await db.annotation.findFirst({
    where: { id: input.annotationId, projectId: access.project.id, annotatorId: args.actor.id },
    select: { sentenceId: true },
  });
  if (!own) throw notFound("That annotation");
  const deleted = await db.annotation.deleteMany({
    where: { id: input.annotationId, version: input.expectedVersion },
  });
  if (deleted.count === 0)
    throw new AnnotationConflict(await currentState(own.sentenceId, args.actor.id));
  return { sentenceId: own.sentenceId };
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
