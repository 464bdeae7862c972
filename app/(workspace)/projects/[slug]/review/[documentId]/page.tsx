import type { Metadata } from "next";
import Link from "next/link";
import { adjudicationForRow, annotationsForRow } from "@/components/review/rows";
import { ReviewList, type ReviewRow } from "@/components/review/review-list";
import { requireUserPage } from "@/lib/auth";
import { isLabel } from "@/lib/domain/annotation";
import { contextOf } from "@/lib/domain/review";
import { loadForPage } from "@/lib/server/page-errors";
import { CONTEXT_RADIUS, loadDocumentReview } from "@/lib/server/review/review";
import { addCommentAction, adjudicateAction, listCommentsAction } from "@/lib/actions/review";

export const metadata: Metadata = { title: "Review document" };

const FILTERS = [
  ["all", "All sentences"],
  ["disagreements", "Disagreements only"],
  ["unsure", "Marked unsure"],
  ["unresolved", "Unresolved"],
] as const;

export default async function DocumentReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; documentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug, documentId } = await params;
  const query = await searchParams;
  const show = typeof query.show === "string" ? query.show : "all";
  const label = typeof query.label === "string" && isLabel(query.label) ? query.label : null;
  const sort = query.sort === "disagreement" ? "disagreement" : "order";
  const user = await requireUserPage(`/projects/${slug}/review/${documentId}`);
  const review = await loadForPage(() =>
    loadDocumentReview({ actor: user, projectSlug: slug, documentId }),
  );
  const names = new Map(review.annotators.map((a) => [a.id, a.display]));

  let sentences = review.sentences.filter((s) => !s.isBoilerplate || s.annotations.length > 0);
  if (show === "disagreements") sentences = sentences.filter((s) => s.agreement.disagreement > 0);
  if (show === "unsure") sentences = sentences.filter((s) => s.annotations.some((a) => a.unsure));
  if (show === "unresolved")
    sentences = sentences.filter((s) => s.adjudication?.status !== "RESOLVED");
  if (label) sentences = sentences.filter((s) => s.annotations.some((a) => a.label === label));
  if (sort === "disagreement")
    sentences = [...sentences].sort(
      (a, b) => b.agreement.disagreement - a.agreement.disagreement || a.index - b.index,
    );

  const rows = sentences.map((s): ReviewRow => ({
    sentenceId: s.id,
    documentId: review.document.id,
    documentTitle: review.document.title,
    index: s.index,
    text: s.text,
    agreement: s.agreement.agreement,
    agreementKind: s.agreement.kind,
    majority: s.majority.label,
    annotations: annotationsForRow(s.annotations, (id) => names.get(id) ?? "Annotator"),
    adjudication: adjudicationForRow(s.adjudication),
    commentCount: s.commentCount,
    context: contextOf(review.sentences, s.index, CONTEXT_RADIUS),
  }));
  const disagreements = review.sentences.filter((s) => s.agreement.disagreement > 0).length;

  return (
    <>
      <nav aria-label="Review" className="text-sm">
        <Link href={`/projects/${slug}/review`} className="text-sky-800 hover:underline">
          ← Review queue
        </Link>
      </nav>
      <h1 className="mt-2 text-xl font-semibold">Review: {review.document.title}</h1>
      <p className="mt-1 text-sm text-stone-600">
        {review.annotators.length} annotators (
        {review.annotators.map((a) => a.display).join(", ") || "none yet"}) · {disagreements}{" "}
        sentences with disagreement
        {review.canAdjudicate ? (
          <>
            {" · "}
            <Link
              href={`/projects/${slug}/review/${review.document.id}/curation`}
              className="text-sky-800 underline"
            >
              Whole document, side by side
            </Link>
          </>
        ) : null}
      </p>
      <form
        method="get"
        className="my-4 flex flex-wrap items-end gap-3 rounded-md border border-stone-200 bg-white p-3 text-sm"
      >
        <label className="flex flex-col">
          Show
          <select
            name="show"
            defaultValue={show}
            className="mt-1 rounded-md border border-stone-300 px-2 py-1"
          >
            {FILTERS.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Label
          <select
            name="label"
            defaultValue={label ?? ""}
            className="mt-1 rounded-md border border-stone-300 px-2 py-1"
          >
            <option value="">Any label</option>
            <option value="SOURCED_FACT">Sourced fact</option>
            <option value="UNVERIFIED_CLAIM">Unverified claim</option>
            <option value="OPINION">Opinion</option>
            <option value="NOT_A_CLAIM">Not a claim</option>
          </select>
        </label>
        <label className="flex flex-col">
          Order
          <select
            name="sort"
            defaultValue={sort}
            className="mt-1 rounded-md border border-stone-300 px-2 py-1"
          >
            <option value="order">Reading order</option>
            <option value="disagreement">Most disagreement first</option>
          </select>
        </label>
        <button
          type="submit"
          className="rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-100"
        >
          Apply
        </button>
      </form>
      <ReviewList
        projectSlug={slug}
        rows={rows}
        canAdjudicate={review.canAdjudicate}
        adjudicate={adjudicateAction}
        comments={{ list: listCommentsAction, add: addCommentAction }}
        showDocument={false}
      />
    </>
  );
}
