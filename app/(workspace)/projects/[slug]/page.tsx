import type { Metadata } from "next";
import Link from "next/link";
import { requireUserPage } from "@/lib/auth";
import {
  MIN_TEXT_SEARCH,
  searchDocuments,
  type DocumentListQuery,
  type DocumentStatus,
} from "@/lib/server/documents/store";
import { loadForPage } from "@/lib/server/page-errors";
import { firstParam, type SearchParams } from "@/lib/domain/search-params";
import { ListTable } from "@/components/ui/list-table";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: "Documents" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

const STATUS_LABEL: Record<DocumentStatus, string> = {
  new: "Not started",
  in_progress: "In progress",
  complete: "Complete",
};
const STATUS_STYLE: Record<DocumentStatus, string> = {
  new: "bg-stone-100 text-stone-700",
  in_progress: "bg-amber-100 text-amber-900",
  complete: "bg-green-100 text-green-900",
};

export default async function ProjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { slug } = await params;
  const raw = await searchParams;
  const user = await requireUserPage(`/projects/${slug}`);
  const { access, documents, query, total, pageCount } = await loadForPage(() =>
    searchDocuments({
      actor: user,
      projectSlug: slug,
      query: {
        q: firstParam(raw.q),
        status: firstParam(raw.status),
        sort: firstParam(raw.sort),
        page: firstParam(raw.page),
      },
    }),
  );
  const pageHref = (page: number) => {
    const p = new URLSearchParams();
    const set: Partial<DocumentListQuery> = { ...query, page };
    if (set.q) p.set("q", set.q);
    if (set.status) p.set("status", set.status);
    if (set.sort && set.sort !== "newest") p.set("sort", set.sort);
    if (page > 1) p.set("page", String(page));
    const qs = p.toString();
    return `/projects/${slug}${qs ? `?${qs}` : ""}`;
  };
  const filtered = Boolean(query.q || query.status);
  return (
    <>
      <h1 className="sr-only">Documents of {access.project.name}</h1>
      {access.project.description ? (
        <p className="mb-4 text-stone-600">{access.project.description}</p>
      ) : null}
      <form
        role="search"
        method="get"
        action={`/projects/${slug}`}
        className="mb-4 flex flex-wrap items-end gap-3"
      >
        <div className="space-y-1">
          <label htmlFor="doc-q" className="block text-sm font-medium text-stone-800">
            Search title and text
          </label>
          <input
            id="doc-q"
            name="q"
            type="search"
            defaultValue={query.q}
            className="w-64 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="doc-status" className="block text-sm font-medium text-stone-800">
            Status
          </label>
          <select
            id="doc-status"
            name="status"
            defaultValue={query.status ?? ""}
            className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">Any</option>
            <option value="new">Not started</option>
            <option value="in_progress">In progress</option>
            <option value="complete">Complete</option>
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="doc-sort" className="block text-sm font-medium text-stone-800">
            Sort by
          </label>
          <select
            id="doc-sort"
            name="sort"
            defaultValue={query.sort}
            className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm"
          >
            <option value="newest">Newest import</option>
            <option value="oldest">Oldest import</option>
            <option value="title">Title</option>
            <option value="published">Publication date</option>
          </select>
        </div>
        <button
          type="submit"
          className="rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white hover:bg-stone-700"
        >
          Apply
        </button>
        {access.can("document:import") ? (
          <Link
            href={`/projects/${slug}/import`}
            className="ml-auto rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium hover:bg-stone-100"
          >
            Import documents
          </Link>
        ) : null}
      </form>
      <p className="mb-2 text-sm text-stone-600" role="status">
        {total === 0
          ? filtered
            ? "No documents match."
            : "No documents yet."
          : `${total.toLocaleString("en")} ${total === 1 ? "document" : "documents"}${filtered ? " match" : ""}`}
        {query.q && query.q.length < MIN_TEXT_SEARCH
          ? ` (titles only: the text is searched for ${MIN_TEXT_SEARCH} characters or more)`
          : ""}
      </p>
      {documents.length > 0 ? (
        <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
          <ListTable
            columns={[
              "Title",
              "Publisher",
              "Published",
              { name: "Sentences", numeric: true },
              "Progress",
            ]}
            headClassName="border-b border-stone-200 bg-stone-50 text-stone-600"
            cellClassName="px-4 py-2 font-medium"
          >
            {documents.map((d) => (
              <tr key={d.id} className="border-b border-stone-100 last:border-0">
                <td className="px-4 py-2">
                  <Link
                    href={`/projects/${slug}/documents/${d.id}`}
                    className="font-medium text-sky-800 hover:underline"
                  >
                    {d.title}
                  </Link>
                </td>
                <td className="px-4 py-2 text-stone-700">{d.publisher ?? "—"}</td>
                <td className="px-4 py-2 text-stone-700">
                  {d.publishedAt ? (
                    <time dateTime={d.publishedAt.toISOString().slice(0, 10)}>
                      {dateFormat.format(d.publishedAt)}
                    </time>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{d.sentenceCount}</td>
                <td className="px-4 py-2">
                  <span
                    className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[d.status]}`}
                  >
                    {STATUS_LABEL[d.status]}
                  </span>{" "}
                  <span className="text-xs text-stone-600 tabular-nums">
                    {d.scope === "own"
                      ? d.submitted > 0
                        ? "submitted by you"
                        : "not submitted by you"
                      : `${d.submitted}/${d.required} submitted`}
                  </span>
                </td>
              </tr>
            ))}
          </ListTable>
        </div>
      ) : null}
      <Pager page={query.page} pageCount={pageCount} href={pageHref} />
    </>
  );
}
