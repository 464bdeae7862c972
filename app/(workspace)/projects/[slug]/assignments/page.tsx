import type { Metadata } from "next";
import Link from "next/link";
import { AllowReopenButton } from "@/components/assignments/allow-reopen-button";
import {
  AssignForm,
  AssignmentRowActions,
  ReclaimForm,
} from "@/components/assignments/assign-form";
import { ListTable } from "@/components/ui/list-table";
import { Pager } from "@/components/ui/pager";
import { requireUserPage } from "@/lib/auth";
import { listAssignmentsView } from "@/lib/server/assignments/assignments";
import { loadForPage } from "@/lib/server/page-errors";
import { firstParam, type SearchParams } from "@/lib/domain/search-params";

export const metadata: Metadata = { title: "Assignments" };

const STATUS = {
  SUBMITTED: "Submitted",
  IN_PROGRESS: "In progress",
  NOT_STARTED: "Not started",
} as const;

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/**
 * Who works on what: owners assign and reclaim; reviewers let annotators
 * reopen adjudicated work; annotators find their own assigned work here and
 * first in their queue.
 */
export default async function AssignmentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { slug } = await params;
  const raw = await searchParams;
  const user = await requireUserPage(`/projects/${slug}/assignments`);
  // Every member may look; an annotator of a blind project sees only their own assignments.
  const view = await loadForPage(() =>
    listAssignmentsView({ actor: user, projectSlug: slug, query: { page: firstParam(raw.page) } }),
  );
  const { page, pageCount, total } = view.pagination;
  const pageHref = (n: number) => `/projects/${slug}/assignments${n > 1 ? `?page=${n}` : ""}`;
  const people = view.annotators.map((a) => ({ userId: a.userId, name: a.name }));
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Assignments</h1>
      <ListTable
        caption="Work per annotator"
        columns={[
          "Annotator",
          { name: "Assigned", numeric: true },
          { name: "Not started", numeric: true },
          { name: "In progress", numeric: true },
          { name: "Submitted", numeric: true },
        ]}
        headClassName="text-stone-600"
        cellClassName="py-1 font-medium"
      >
        {view.annotators.map((a) => (
          <tr key={a.userId} className="border-t border-stone-100">
            <th scope="row" className="py-1 text-left font-medium">
              {a.name}
            </th>
            <td className="py-1 text-right tabular-nums">{a.assigned}</td>
            <td className="py-1 text-right tabular-nums">{a.notStarted}</td>
            <td className="py-1 text-right tabular-nums">{a.inProgress}</td>
            <td className="py-1 text-right tabular-nums">{a.submitted}</td>
          </tr>
        ))}
      </ListTable>

      {view.canManage ? (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <AssignForm projectSlug={slug} documents={view.documents} annotators={people} />
          <ReclaimForm projectSlug={slug} />
        </div>
      ) : null}

      <section aria-labelledby="assignment-list">
        <h2 id="assignment-list" className="mb-2 font-semibold">
          Assigned documents
        </h2>
        {total > 0 ? (
          <p className="mb-2 text-sm text-stone-600">
            {total.toLocaleString("en")} {total === 1 ? "assignment" : "assignments"}
          </p>
        ) : null}
        {total === 0 ? (
          <p className="text-sm text-stone-700">Nothing is assigned yet.</p>
        ) : view.assignments.length === 0 ? (
          <p className="text-sm text-stone-700">
            There is no page {page}: the {total.toLocaleString("en")}{" "}
            {total === 1 ? "assignment fills" : "assignments fill"} {pageCount}{" "}
            {pageCount === 1 ? "page" : "pages"}.
          </p>
        ) : (
          <ListTable
            columns={[
              "Document",
              "Annotator",
              "Due",
              "Status",
              "Last activity",
              ...(view.canManage ? [{ name: "Change", hidden: true }] : []),
            ]}
            headClassName="text-stone-600"
            cellClassName="py-1 font-medium"
          >
            {view.assignments.map((a) => (
              <tr key={`${a.documentId}:${a.annotatorId}`} className="border-t border-stone-100">
                <td className="py-1 pr-3">
                  <Link
                    href={`/projects/${slug}/documents/${a.documentId}`}
                    className="text-sky-800 hover:underline"
                  >
                    {a.title}
                  </Link>
                </td>
                <td className="py-1 pr-3">{a.annotator}</td>
                <td className="py-1 pr-3">
                  {a.dueOn ? (
                    <time dateTime={a.dueOn}>{dateFormat.format(new Date(a.dueOn))}</time>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="py-1 pr-3">{STATUS[a.status]}</td>
                <td className="py-1 pr-3">
                  <time dateTime={a.lastActivityAt.toISOString()}>
                    {dateFormat.format(a.lastActivityAt)}
                  </time>
                </td>
                {view.canManage ? (
                  <td className="py-1">
                    <AssignmentRowActions
                      projectSlug={slug}
                      documentId={a.documentId}
                      annotatorId={a.annotatorId}
                      annotator={a.annotator}
                      title={a.title}
                      others={people.filter((p) => p.userId !== a.annotatorId)}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </ListTable>
        )}
        <Pager page={page} pageCount={pageCount} href={pageHref} />
      </section>

      {view.canAllowReopen ? (
        <section aria-labelledby="reopen-list">
          <h2 id="reopen-list" className="mb-1 font-semibold">
            Submitted work on adjudicated documents
          </h2>
          <p className="mb-2 text-sm text-stone-700">
            Once a document&apos;s disagreements are settled, its annotators cannot reopen their
            submission by themselves. Allow it for one person and document; their next reopen uses
            the permission up.
          </p>
          {view.lockedSubmissions.length === 0 ? (
            <p className="text-sm text-stone-700">None.</p>
          ) : (
            <ListTable
              columns={["Document", "Annotator", { name: "Reopen", hidden: true }]}
              headClassName="text-stone-600"
            >
              {view.lockedSubmissions.map((l) => (
                <tr key={`${l.documentId}:${l.annotatorId}`} className="border-t border-stone-100">
                  <td className="py-1 pr-3">{l.title}</td>
                  <td className="py-1 pr-3">{l.annotator}</td>
                  <td className="py-1">
                    {l.reopenAllowed ? (
                      <span className="text-sm text-stone-700">Reopen allowed</span>
                    ) : (
                      <AllowReopenButton
                        projectSlug={slug}
                        documentId={l.documentId}
                        annotatorId={l.annotatorId}
                        label={`Allow ${l.annotator} to reopen ${l.title}`}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </ListTable>
          )}
        </section>
      ) : null}
    </div>
  );
}
