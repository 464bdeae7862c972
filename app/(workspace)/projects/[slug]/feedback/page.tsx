import type { Metadata } from "next";
import Link from "next/link";
import { LabelChip } from "@/components/review/review-list";
import { requireUserPage } from "@/lib/auth";
import { LABELS } from "@/lib/domain/annotation";
import { LABEL_TEXT } from "@/lib/domain/review";
import { annotatorFeedback } from "@/lib/server/review/feedback";
import { loadForPage } from "@/lib/server/page-errors";
import { ListTable } from "@/components/ui/list-table";

export const metadata: Metadata = { title: "Feedback" };

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

export default async function FeedbackPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUserPage(`/projects/${slug}/feedback`);
  const { items, summary } = await loadForPage(() =>
    annotatorFeedback({ actor: user, projectSlug: slug }),
  );
  return (
    <>
      <h1 className="text-xl font-semibold">Your feedback</h1>
      <p className="mt-1 text-sm text-stone-600">
        On documents you have submitted, sentences a reviewer has resolved: {summary.compared}{" "}
        compared, {summary.agreed} matched the gold label ({pct(summary.agreement)}).
      </p>
      {summary.compared > 0 ? (
        <div className="mt-4 grid gap-6 md:grid-cols-2">
          <ListTable
            caption="Your label (rows) against the gold label (columns)"
            captionVisible
            columns={[
              { name: "Your label", hidden: true },
              ...LABELS.map((l) => ({
                name: LABEL_TEXT[l],
                className: "text-xs font-medium",
              })),
            ]}
            headClassName=""
            cellClassName="px-2 py-1"
          >
            {LABELS.map((l, i) => (
              <tr key={l} className="border-t border-stone-100">
                <th scope="row" className="px-2 py-1 text-xs font-medium">
                  {LABEL_TEXT[l]}
                </th>
                {LABELS.map((g, j) => (
                  <td
                    key={g}
                    className={`px-2 py-1 tabular-nums ${i === j ? "bg-emerald-50" : (summary.confusion[i]?.[j] ?? 0) > 0 ? "bg-red-50" : ""}`}
                  >
                    {summary.confusion[i]?.[j] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </ListTable>
          <ListTable
            caption="Agreement with gold over time"
            captionVisible
            columns={["Month", "Compared", "Matched"]}
            headClassName=""
            cellClassName="px-2 py-1"
          >
            {summary.byMonth.map((m) => (
              <tr key={m.month} className="border-t border-stone-100">
                <td className="px-2 py-1">{m.month}</td>
                <td className="px-2 py-1 tabular-nums">{m.compared}</td>
                <td className="px-2 py-1 tabular-nums">{pct(m.agreement)}</td>
              </tr>
            ))}
          </ListTable>
        </div>
      ) : null}
      <h2 className="mt-6 text-lg font-semibold">Where your tag differed</h2>
      {items.length === 0 ? (
        <p className="mt-1 text-sm text-stone-600">
          Nothing yet: no resolved sentence differs from your tag.
        </p>
      ) : (
        <ul className="mt-2 space-y-3">
          {items.map((item) => (
            <li key={item.sentenceId} className="rounded-lg border border-stone-200 bg-white p-4">
              <p className="text-xs text-stone-500">
                <Link
                  href={`/projects/${slug}/documents/${item.documentId}`}
                  className="text-sky-800 hover:underline"
                >
                  {item.documentTitle}
                </Link>{" "}
                · sentence {item.sentenceIndex + 1}
              </p>
              <p className="mt-1 font-serif text-lg">{item.text}</p>
              <p className="mt-2 text-sm">
                You: <LabelChip label={item.mine} /> · Gold: <LabelChip label={item.gold} />
                {item.goldSource ? <> · source: {item.goldSource}</> : null}
              </p>
              {item.reviewerNote ? (
                <p className="mt-1 text-sm text-stone-700">Reviewer: {item.reviewerNote}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
