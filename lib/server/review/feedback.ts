import "server-only";
import { db } from "@/lib/db";
import { summariseFeedback, type FeedbackSummary } from "@/lib/domain/review";
import type { Label } from "@/lib/domain/annotation";
import { AppError } from "@/lib/domain/errors";
import { requireProjectAccess, type ProjectAccess } from "../access";
import type { Actor } from "../actor";

/* An annotator's own record against the gold labels: the Feedback page. */

export interface FeedbackItem {
  sentenceId: string;
  documentId: string;
  documentTitle: string;
  sentenceIndex: number;
  text: string;
  mine: Label;
  gold: Label;
  reviewerNote: string | null;
  goldSource: string | null;
}

/**
 * What an annotator learns from review: on documents they have submitted,
 * every resolved sentence where their label differs from the gold label, and
 * a summary of how often they matched it.
 */
export async function annotatorFeedback(args: { actor: Actor; projectSlug: string }): Promise<{
  access: ProjectAccess;
  items: FeedbackItem[];
  summary: FeedbackSummary;
}> {
  const access = await requireProjectAccess(args.actor, { slug: args.projectSlug }, "project:read");
  if (!access.can("annotation:write-own") && !args.actor.isAdmin) {
    throw new AppError("FORBIDDEN", "Feedback is for the project's annotators.");
  }
  const projectId = access.project.id;
  const submitted = await db.documentProgress.findMany({
    where: { userId: args.actor.id, status: "SUBMITTED", document: { projectId } },
    select: { documentId: true },
  });
  const documentIds = submitted.map((p) => p.documentId);
  const rows = documentIds.length
    ? await db.annotation.findMany({
        where: {
          projectId,
          annotatorId: args.actor.id,
          documentId: { in: documentIds },
          sentence: { adjudication: { status: "RESOLVED", label: { not: null } } },
        },
        select: {
          label: true,
          sentence: {
            select: {
              id: true,
              index: true,
              text: true,
              document: { select: { id: true, title: true } },
              adjudication: {
                select: {
                  label: true,
                  note: true,
                  updatedAt: true,
                  sourceText: true,
                  source: { select: { name: true } },
                },
              },
            },
          },
        },
      })
    : [];
  const compared = rows.flatMap((r) => {
    const adj = r.sentence.adjudication;
    return adj?.label ? [{ row: r, adj, gold: adj.label }] : [];
  });
  const items = compared
    .filter(({ row, gold }) => row.label !== gold)
    .map(({ row, adj, gold }): FeedbackItem => ({
      sentenceId: row.sentence.id,
      documentId: row.sentence.document.id,
      documentTitle: row.sentence.document.title,
      sentenceIndex: row.sentence.index,
      text: row.sentence.text,
      mine: row.label,
      gold,
      reviewerNote: adj.note,
      goldSource: adj.source?.name ?? adj.sourceText,
    }))
    .sort((a, b) =>
      a.documentTitle < b.documentTitle
        ? -1
        : a.documentTitle > b.documentTitle
          ? 1
          : a.sentenceIndex - b.sentenceIndex,
    );
  return {
    access,
    items,
    summary: summariseFeedback(
      compared.map(({ row, adj, gold }) => ({ label: row.label, gold, settledAt: adj.updatedAt })),
    ),
  };
}
