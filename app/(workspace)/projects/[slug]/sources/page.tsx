import type { Metadata } from "next";
import Link from "next/link";
import { AddSource, MergeSources } from "@/components/annotate/source-registry";
import { GradeBadge } from "@/components/sources/grade-badge";
import { ImportRegistry } from "@/components/sources/import-registry";
import { requireUserPage } from "@/lib/auth";
import { SOURCE_TYPE_NAMES, SOURCE_TYPES } from "@/lib/domain/annotation";
import { RELIABILITY_GRADES, RELIABILITY_MEANINGS } from "@/lib/domain/sources";
import { loadForPage } from "@/lib/server/page-errors";
import { listRegistry, registryParams } from "@/lib/server/sources/list";

export const metadata: Metadata = { title: "Sources" };

const th = "px-2 py-1 text-left text-xs font-medium text-stone-600";
const select = "mt-1 block rounded border border-stone-300 bg-white px-2 py-1 text-sm";

export default async function SourcesPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const query = registryParams(await searchParams);
  const user = await requireUserPage(`/projects/${slug}/sources`);
  const { access, sources, sides } = await loadForPage(() =>
    listRegistry({ actor: user, projectSlug: slug, query }),
  );
  const canManage = access.can("source:manage");
  const canGrade = access.can("source:grade");
  const base = `/projects/${slug}/sources`;
  const filtered = Boolean(query.q || query.grade || query.type || query.side || query.cited);

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Source registry</h1>
      <p className="text-sm text-stone-700">
        The sources claims are attributed to, with the project&apos;s settled reliability grade (A
        completely reliable … E unreliable, F cannot be judged) and how often each is cited. Open a
        source for everything said by it and how it was judged.
      </p>

      <form
        method="get"
        className="flex flex-wrap items-end gap-3 rounded-md border border-stone-200 bg-white p-3 text-sm"
        aria-label="Filter and sort sources"
      >
        <label>
          Search
          <input
            name="q"
            defaultValue={query.q ?? ""}
            className="mt-1 block rounded border border-stone-300 px-2 py-1 text-sm"
          />
        </label>
        <FilterSelect
          label="Grade"
          name="grade"
          value={query.grade}
          options={[
            ...RELIABILITY_GRADES.map((g) => ({
              value: g,
              text: `${g} — ${RELIABILITY_MEANINGS[g]}`,
            })),
            { value: "none", text: "Not graded" },
          ]}
        />
        <FilterSelect
          label="Type"
          name="type"
          value={query.type}
          options={SOURCE_TYPES.map((t) => ({ value: t, text: SOURCE_TYPE_NAMES[t] }))}
        />
        <FilterSelect
          label="Side"
          name="side"
          value={query.side}
          options={sides.map((side) => ({ value: side, text: side }))}
        />
        <label>
          Citations
          <select name="cited" defaultValue={query.cited ?? ""} className={select}>
            <option value="">Any</option>
            <option value="yes">Cited</option>
            <option value="no">Never cited</option>
          </select>
        </label>
        <label>
          Sort by
          <select name="sort" defaultValue={query.sort ?? "name"} className={select}>
            <option value="name">Name</option>
            <option value="grade">Grade</option>
            <option value="citations">Citations</option>
            <option value="type">Type</option>
            <option value="side">Side</option>
          </select>
        </label>
        <label>
          Order
          <select name="dir" defaultValue={query.dir ?? ""} className={select}>
            <option value="">Default</option>
            <option value="asc">Ascending</option>
            <option value="desc">Descending</option>
          </select>
        </label>
        <button
          type="submit"
          className="rounded bg-stone-900 px-3 py-1 text-sm text-white hover:bg-stone-700"
        >
          Apply
        </button>
        {filtered ? (
          <Link href={base} className="text-sky-800 underline">
            Clear filters
          </Link>
        ) : null}
      </form>

      {sources.length === 0 ? (
        <p className="text-stone-700">
          {filtered
            ? "No source matches these filters."
            : "No sources yet. Annotators add them while tagging; owners and reviewers add or import them here."}
        </p>
      ) : (
        <table className="w-full rounded-lg border border-stone-200 bg-white text-sm">
          <caption className="sr-only">Sources</caption>
          <thead>
            <tr>
              <th className={th}>Source</th>
              <th className={th}>Type</th>
              <th className={th}>Side</th>
              <th className={th}>Affiliation</th>
              <th className={th}>Settled grade</th>
              <th className={`${th} text-right`}>Citations</th>
              {canGrade ? <th className={th}>Your grade</th> : null}
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id} className="border-t border-stone-100 align-top">
                <td className="px-2 py-1">
                  <Link href={`${base}/${s.id}`} className="font-medium text-sky-800 underline">
                    {s.name}
                  </Link>
                  {s.aliases.length ? (
                    <span className="block text-xs text-stone-600">
                      also: {s.aliases.join(", ")}
                    </span>
                  ) : null}
                </td>
                <td className="px-2 py-1">{SOURCE_TYPE_NAMES[s.type]}</td>
                <td className="px-2 py-1">{s.side ?? "—"}</td>
                <td className="px-2 py-1">{s.affiliation ?? "—"}</td>
                <td className="px-2 py-1">
                  {s.grade ? <GradeBadge grade={s.grade.value} /> : "—"}
                </td>
                <td className="px-2 py-1 text-right tabular-nums">{s.citations}</td>
                {canGrade ? (
                  <td className="px-2 py-1">
                    {s.myGrade ? <GradeBadge grade={s.myGrade} /> : "—"}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <section aria-labelledby="registry-files" className="space-y-3">
        <h2 id="registry-files" className="font-semibold">
          Import and export
        </h2>
        <p className="text-sm">
          Export:{" "}
          <a
            href={`/api/projects/${slug}/sources/export?format=csv`}
            className="text-sky-800 underline"
          >
            CSV
          </a>{" "}
          ·{" "}
          <a
            href={`/api/projects/${slug}/sources/export?format=json`}
            className="text-sky-800 underline"
          >
            JSON
          </a>
        </p>
        {canManage ? (
          <div className="rounded-lg border border-stone-200 bg-white p-4">
            <ImportRegistry projectSlug={slug} />
          </div>
        ) : null}
      </section>

      {canManage ? (
        <>
          <AddSource projectSlug={slug} sides={sides} />
          <MergeSources projectSlug={slug} sources={sources} />
        </>
      ) : (
        <p className="text-sm text-stone-600">
          Reviewers and owners add, edit, merge and import sources.
        </p>
      )}
    </div>
  );
}

/** One filter of the list: "Any" first, then the options; the query string keeps the choice. */
function FilterSelect(props: {
  label: string;
  name: string;
  value: string | undefined;
  options: Array<{ value: string; text: string }>;
}) {
  return (
    <label>
      {props.label}
      <select name={props.name} defaultValue={props.value ?? ""} className={select}>
        <option value="">Any</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
}
