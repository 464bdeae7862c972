import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUserPage } from "@/lib/auth";
import { AppError } from "@/lib/domain/errors";
import { listAuditEvents } from "@/lib/server/audit/log";
import { ListTable } from "@/components/ui/list-table";
import { loadForPage } from "@/lib/server/page-errors";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

const input = "block rounded-md border border-stone-300 bg-white px-3 py-2 text-sm";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUserPage("/admin/audit");
  if (!actor.isAdmin) notFound();
  const sp = await searchParams;
  const filters = {
    user: one(sp.user),
    action: one(sp.action),
    from: one(sp.from),
    to: one(sp.to),
  };
  const { rows, error } = await loadForPage(() => listAuditEvents({ actor, filters })).then(
    (found) => ({ rows: found, error: null }),
    (e: unknown) => {
      // A malformed filter in the URL is shown, not turned into an error page.
      if (e instanceof AppError && e.code === "VALIDATION") return { rows: [], error: e.message };
      throw e;
    },
  );
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <form
        method="get"
        className="mt-6 flex flex-wrap items-end gap-3"
        role="search"
        aria-label="Filter the audit log"
      >
        <div>
          <label htmlFor="f-user" className="block text-sm font-medium">
            User
          </label>
          <input
            id="f-user"
            name="user"
            defaultValue={filters.user}
            placeholder="email or name"
            className={input}
          />
        </div>
        <div>
          <label htmlFor="f-action" className="block text-sm font-medium">
            Action
          </label>
          <input
            id="f-action"
            name="action"
            defaultValue={filters.action}
            placeholder="e.g. auth. or user.disable"
            className={input}
          />
        </div>
        <div>
          <label htmlFor="f-from" className="block text-sm font-medium">
            From
          </label>
          <input
            id="f-from"
            name="from"
            type="date"
            defaultValue={filters.from}
            className={input}
          />
        </div>
        <div>
          <label htmlFor="f-to" className="block text-sm font-medium">
            To
          </label>
          <input id="f-to" name="to" type="date" defaultValue={filters.to} className={input} />
        </div>
        <button
          type="submit"
          className="rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white hover:bg-stone-700"
        >
          Filter
        </button>
      </form>
      {error ? (
        <p role="alert" className="mt-4 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <ListTable
        className="mt-6"
        caption="Audit events, newest first (at most 200)"
        columns={["When (UTC)", "Who", "Action", "On", "Details"]}
        empty="No events match."
      >
        {rows.map((r) => (
          <tr key={r.id} className="border-b border-stone-100 align-top">
            <td className="py-2 whitespace-nowrap">
              {r.createdAt.toISOString().replace("T", " ").slice(0, 19)}
            </td>
            <td>{r.actor ?? "—"}</td>
            <td className="font-mono text-xs">{r.action}</td>
            <td className="text-xs">
              {r.entityType}
              {r.entityId ? ` ${r.entityId.slice(0, 8)}` : ""}
            </td>
            <td className="max-w-md truncate text-xs text-stone-600" title={r.details}>
              {r.details}
            </td>
          </tr>
        ))}
      </ListTable>
    </>
  );
}
