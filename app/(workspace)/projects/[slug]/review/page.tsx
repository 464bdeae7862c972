import type { Metadata } from "next";
import { adjudicationForRow, annotationsForRow } from "@/components/review/rows";
import { ReviewList } from "@/components/review/review-list";
import { requireUserPage } from "@/lib/auth";
import { loadForPage } from "@/lib/server/page-errors";
import { reviewQueue } from "@/lib/server/review/review";
import { addCommentAction, adjudicateAction, listCommentsAction } from "@/lib/actions/review";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewQueuePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUserPage(`/projects/${slug}/review`);
  const queue = await loadForPage(() => reviewQueue({ actor: user, projectSlug: slug }));
  return (
    <>
      <h1 className="text-xl font-semibold">Review queue</h1>
      <p className="mb-4 mt-1 text-sm text-stone-600">
        {queue.total === 0
          ? "No open disagreements: every sentence the annotators disagree on has a gold label."
          : `${queue.total} ${queue.total === 1 ? "sentence" : "sentences"} where annotators disagree, worst first.`}
        {queue.total > queue.items.length ? ` Showing the first ${queue.items.length}.` : ""}
      </p>
      <ReviewList
        projectSlug={slug}
        canAdjudicate={queue.canAdjudicate}
        adjudicate={adjudicateAction}
        comments={{ list: listCommentsAction, add: addCommentAction }}
        showDocument
        rows={queue.items.map((item) => ({
          sentenceId: item.sentenceId,
          documentId: item.documentId,
          documentTitle: item.documentTitle,
          index: item.sentenceIndex,
          text: item.text,
          agreement: 1 - item.disagreement,
          agreementKind: item.majority ? "majority" : "split",
          majority: item.majority,
          annotations: annotationsForRow(
            item.labels,
            (id) => item.labels.find((l) => l.annotatorId === id)?.display ?? "Annotator",
          ),
          adjudication:
            item.version > 0
              ? adjudicationForRow({
                  label: item.goldLabel,
                  sourceText: item.goldSource,
                  goldCredibility: item.goldCredibility,
                  note: item.goldNote,
                  status: item.status,
                  version: item.version,
                })
              : null,
          commentCount: item.commentCount,
        }))}
      />
    </>
  );
}
