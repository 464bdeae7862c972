import type { Metadata } from "next";
import Link from "next/link";
import { adjudicationForRow, annotationsForRow } from "@/components/review/rows";
import { ReviewList } from "@/components/review/review-list";
import { requireUserPage } from "@/lib/auth";
import { loadForPage } from "@/lib/server/page-errors";
import { isQueueFilter, reviewQueue, type QueueFilter } from "@/lib/server/review/review";
import { addCommentAction, adjudicateAction, listCommentsAction } from "@/lib/actions/review";

export const metadata: Metadata = { title: "Review queue" };

const FILTERS: ReadonlyArray<[QueueFilter, string]> = [
  ["open", "Open disagreements"],
  ["discussion", "Needs discussion"],
  ["unsure", "Marked unsure"],
];

function summary(filter: QueueFilter, total: number): string {
  const n = `${total} ${total === 1 ? "sentence" : "sentences"}`;
  if (filter === "discussion")
    return total === 0
      ? "No sentence is marked “needs discussion”."
      : `${n} marked “needs discussion”. Clear the mark once it is talked through.`;
  if (filter === "unsure")
    return total === 0
      ? "No unresolved sentence is marked unsure."
      : `${n} that an annotator marked unsure, not yet resolved.`;
  return total === 0
    ? "No open disagreements: every sentence the annotators disagree on has a gold label."
    : `${n} where annotators disagree, worst first.`;
}

export default async function ReviewQueuePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const query = await searchParams;
  const filter = isQueueFilter(query.show) ? query.show : "open";
  const user = await requireUserPage(`/projects/${slug}/review`);
  const queue = await loadForPage(() => reviewQueue({ actor: user, projectSlug: slug, filter }));
  return (
    <>
      <h1 className="text-xl font-semibold">Review queue</h1>
      <nav aria-label="Queue filter" className="mt-2 flex flex-wrap gap-2 text-sm">
        {FILTERS.map(([value, text]) => (
          <Link
            key={value}
            href={
              value === "open"
                ? `/projects/${slug}/review`
                : `/projects/${slug}/review?show=${value}`
            }
            aria-current={value === filter ? "page" : undefined}
            className="rounded-full border border-stone-300 px-3 py-1 hover:bg-stone-100 aria-[current=page]:border-stone-900 aria-[current=page]:bg-stone-900 aria-[current=page]:text-white"
          >
            {text}
          </Link>
        ))}
      </nav>
      <p className="mb-4 mt-2 text-sm text-stone-600">
        {summary(filter, queue.total)}
        {queue.total > queue.items.length ? ` Showing the first ${queue.items.length}.` : ""}
      </p>
      <ReviewList
        key={filter}
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
          agreementKind:
            item.disagreement === 0 ? "unanimous" : item.majority ? "majority" : "split",
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
          context: item.context,
        }))}
      />
    </>
  );
}
