import type { Metadata } from "next";
import Link from "next/link";
import { LabelChip } from "@/components/review/review-list";
import { ListTable } from "@/components/ui/list-table";
import { requireUserPage } from "@/lib/auth";
import { AppError } from "@/lib/domain/errors";
import { loadForPage } from "@/lib/server/page-errors";
import { loadCuration, type ReviewAnnotation } from "@/lib/server/review/review";

export const metadata: Metadata = { title: "Curation" };

const STATUS_TEXT = { OPEN: "open", RESOLVED: "resolved", NEEDS_DISCUSSION: "needs discussion" };

function Answer({ a }: { a: ReviewAnnotation | undefined }) {
  if (!a) return <span className="text-stone-500">—</span>;
  const source = a.sourceName ?? a.sourceText;
  return (
    <>
      <LabelChip label={a.label} />
      {a.unsure ? <span className="ml-1 text-xs text-amber-800">(unsure)</span> : null}
      {source ? <span className="block text-xs text-stone-700">{source}</span> : null}
      {a.note ? <span className="block text-xs italic text-stone-600">{a.note}</span> : null}
    </>
  );
}

/**
 * The curation view: the whole article, one row per sentence, every
 * annotator's answer in its own column and the gold label last, so a
 * reviewer reads each disagreement in its place (INCEpTION's curation view).
 */
export default async function CurationPage({
  params,
}: {
  params: Promise<{ slug: string; documentId: string }>;
}) {
  const { slug, documentId } = await params;
  const user = await requireUserPage(`/projects/${slug}/review/${documentId}/curation`);
  // A member whose role has no curation view is told so, not shown an error page.
  const review = await loadForPage(() =>
    loadCuration({ actor: user, projectSlug: slug, documentId }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "FORBIDDEN") return null;
      throw error;
    }),
  );
  if (!review)
    return (
      <>
        <h1 className="text-xl font-semibold">Curation</h1>
        <p role="alert" className="mt-2 text-sm text-stone-700">
          Only the project’s reviewers and owners see every annotator’s tags side by side.
        </p>
      </>
    );
  const disagreements = review.sentences.filter((s) => s.agreement.disagreement > 0).length;
  return (
    <>
      <nav aria-label="Review" className="flex flex-wrap gap-4 text-sm">
        <Link href={`/projects/${slug}/review`} className="text-sky-800 hover:underline">
          ← Review queue
        </Link>
        <Link
          href={`/projects/${slug}/review/${review.document.id}`}
          className="text-sky-800 hover:underline"
        >
          Settle this document’s sentences
        </Link>
      </nav>
      <h1 className="mt-2 text-xl font-semibold">Curation: {review.document.title}</h1>
      <p className="mt-1 text-sm text-stone-600">
        {review.annotators.length} {review.annotators.length === 1 ? "annotator" : "annotators"} ·{" "}
        {disagreements} {disagreements === 1 ? "sentence" : "sentences"} with disagreement
        (highlighted)
      </p>
      <div className="mt-4 overflow-x-auto rounded-md border border-stone-200 bg-white">
        <ListTable
          caption={`Every annotator's tags on “${review.document.title}”`}
          columns={[
            { name: "#", className: "px-2" },
            { name: "Sentence", className: "px-2" },
            ...review.annotators.map((a) => ({ name: a.display, className: "px-2" })),
            { name: "Gold", className: "px-2" },
          ]}
          headClassName="border-b border-stone-200 bg-stone-50 text-xs text-stone-600"
          cellClassName="py-2"
          empty="This document has no sentences."
        >
          {review.sentences.map((s) => {
            const byAnnotator = new Map(s.annotations.map((a) => [a.annotatorId, a]));
            const disagree = s.agreement.disagreement > 0;
            return (
              <tr
                key={s.id}
                id={`sentence-${s.index + 1}`}
                data-disagreement={disagree ? "true" : undefined}
                className={`border-t border-stone-100 align-top target:bg-sky-50 ${disagree ? "bg-amber-50" : ""}`}
              >
                <td className="px-2 py-2 tabular-nums text-stone-600">{s.index + 1}</td>
                <td
                  className={`min-w-64 px-2 py-2 font-serif ${s.isBoilerplate ? "text-stone-500" : ""}`}
                >
                  {s.text}
                  {s.isBoilerplate ? <span className="ml-1 text-xs">(boilerplate)</span> : null}
                </td>
                {review.annotators.map((a) => (
                  <td key={a.id} className="px-2 py-2">
                    <Answer a={byAnnotator.get(a.id)} />
                  </td>
                ))}
                <td className="px-2 py-2">
                  {s.adjudication?.label ? <LabelChip label={s.adjudication.label} /> : "—"}
                  {s.adjudication ? (
                    <span className="block text-xs text-stone-600">
                      {STATUS_TEXT[s.adjudication.status]}
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </ListTable>
      </div>
    </>
  );
}
