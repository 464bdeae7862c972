import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/domain/errors";
import { isUuid, requireProjectAccess } from "../access";
import type { Actor } from "../actor";

/**
 * A write refused because the annotator submitted the document: submitted work
 * is read-only for its annotator until they reopen it, so gold labels,
 * feedback and agreement cannot drift under a reviewer. CONFLICT (409): the
 * request was understood, the document's state forbids it.
 */
export class DocumentLocked extends AppError {
  constructor() {
    super(
      "CONFLICT",
      "You submitted this document, so it is read-only. Reopen the document to change it.",
      {
        documentId: ["Submitted: reopen the document to change it."],
      },
    );
  }
}

/*
 * The lock check itself is part of the save and clear statements
 * (save-statement.ts, clearAnnotation): the write may go ahead only when
 *   NOT EXISTS (SELECT 1 FROM "DocumentProgress" p
 *               WHERE p."documentId" = $documentId AND p."userId" = $annotatorId
 *                 AND p."status" = 'SUBMITTED')
 */

export interface DocumentLockState {
  /** Sentences whose gold label a reviewer has settled: the workspace marks them. */
  adjudicatedSentenceIds: string[];
  /** Reopening the actor's submitted work needs a reviewer's permission (the document is adjudicated). */
  reopenNeedsReviewer: boolean;
}

/**
 * What the workspace shows about locking: which sentences are adjudicated (a
 * fact, not the gold label, so it tells a blind annotator nothing of others'
 * tags) and whether the actor may reopen their submission themselves.
 */
export async function documentLockState(args: {
  actor: Actor;
  projectSlug: string;
  documentId: string;
}): Promise<DocumentLockState> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:read",
  );
  if (!isUuid(args.documentId)) throw notFound("That document");
  const [settled, progress] = await Promise.all([
    db.adjudication.findMany({
      where: {
        projectId: access.project.id,
        status: "RESOLVED",
        sentence: { documentId: args.documentId },
      },
      select: { sentenceId: true },
    }),
    db.documentProgress.findUnique({
      where: { documentId_userId: { documentId: args.documentId, userId: args.actor.id } },
      select: { reopenAllowedAt: true },
    }),
  ]);
  return {
    adjudicatedSentenceIds: settled.map((a) => a.sentenceId),
    reopenNeedsReviewer: settled.length > 0 && !progress?.reopenAllowedAt,
  };
}
