import type { Metadata } from "next";
import Link from "next/link";
import { requireUserPage } from "@/lib/auth";
import { requireProjectAccess } from "@/lib/server/access";
import { loadForPage } from "@/lib/server/page-errors";
import { annotatorQueues, nextDocument } from "@/lib/server/annotations/progress";
import { ListTable } from "@/components/ui/list-table";

export const metadata: Metadata = { title: "Queue" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

const STATUS = {
  SUBMITTED: "Submitted",
  IN_PROGRESS: "In progress",
  NOT_STARTED: "Not started",
} as const;

export default async function QueuePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUserPage(`/projects/${slug}/queue`);
  const { access, queues, next } = await loadForPage(async () => {
    const access = await requireProjectAccess(user, { slug }, "document:read");
    const [queues, next] = await Promise.all([
      annotatorQueues({ actor: user, projectSlug: slug }),
      access.can("annotation:write-own")
        ? nextDocument({ actor: user, projectSlug: slug })
        : Promise.resolve(null),
    ]);
    return { access, queues, next };
  });
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Annotation queue</h1>
      {access.can("annotation:write-own") ? (
        next ? (
          <p>
            <Link
              href={`/projects/${slug}/documents/${next.id}`}
              className="rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white hover:bg-stone-700"
            >
              Start next document: {next.title}
            </Link>
          </p>
        ) : (
          <p className="text-stone-700">
            Nothing is waiting for you: every document has enough annotators or you have submitted
            it.
          </p>
        )
      ) : null}
      {queues.queues.length === 0 ? (
        <p className="text-stone-700">This project has no annotators yet.</p>
      ) : (
        queues.queues.map((q) => (
          <section
            key={q.userId}
            aria-labelledby={`q-${q.userId}`}
            className="rounded-lg border border-stone-200 bg-white p-4"
          >
            <h2 id={`q-${q.userId}`} className="font-semibold">
              {q.userId === user.id ? `${q.name} (you)` : q.name}
            </h2>
            <p className="text-sm text-stone-700">
              {q.submitted} of {queues.totalDocuments} documents submitted · {q.inProgress} in
              progress · {q.tagged} sentences tagged
              {q.assigned > 0 ? ` · ${q.assigned} assigned` : ""}
            </p>
            <div
              role="progressbar"
              aria-label={`${q.name}: documents submitted`}
              aria-valuemin={0}
              aria-valuemax={queues.totalDocuments}
              aria-valuenow={q.submitted}
              className="mt-2 h-2 overflow-hidden rounded bg-stone-200"
            >
              <div
                className="h-full bg-sky-700"
                style={{
                  width: `${queues.totalDocuments ? (100 * q.submitted) / queues.totalDocuments : 0}%`,
                }}
              />
            </div>
            <ListTable
              className="mt-3"
              label={`${q.name}: documents, assigned first`}
              columns={["Document", "Assigned", "Due", "Status", { name: "Tagged", numeric: true }]}
              headClassName="text-stone-600"
              cellClassName="py-1 font-medium"
            >
              {q.documents.map((d) => (
                <tr key={d.id} className="border-t border-stone-100">
                  <td className="py-1">
                    <Link
                      href={`/projects/${slug}/documents/${d.id}`}
                      className="text-sky-800 hover:underline"
                    >
                      {d.title}
                    </Link>
                  </td>
                  <td className="py-1">{d.assigned ? "Assigned" : "—"}</td>
                  <td className="py-1">
                    {d.dueOn ? (
                      <time dateTime={d.dueOn}>{dateFormat.format(new Date(d.dueOn))}</time>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="py-1">{STATUS[d.status]}</td>
                  <td className="py-1 text-right tabular-nums">
                    {d.tagged} / {d.taggable}
                  </td>
                </tr>
              ))}
            </ListTable>
          </section>
        ))
      )}
    </div>
  );
}
