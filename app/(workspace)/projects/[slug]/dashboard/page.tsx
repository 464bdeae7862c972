import type { Metadata } from "next";
import { BarChart, fmt, Heatmap } from "@/components/review/charts";
import { GradeAgreement } from "@/components/sources/grade-agreement";
import { requireUserPage } from "@/lib/auth";
import { LABEL_TEXT, REVIEW_LABELS } from "@/lib/domain/review";
import { filterParams } from "@/lib/server/review/agreement";
import { projectDashboard } from "@/lib/server/review/dashboard";
import { loadForPage } from "@/lib/server/page-errors";

export const metadata: Metadata = { title: "Dashboard" };

const th = "px-2 py-1 text-left text-xs font-medium text-stone-600";
const td = "px-2 py-1 tabular-nums";

export default async function DashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const query = await searchParams;
  const user = await requireUserPage(`/projects/${slug}/dashboard`);
  const dash = await loadForPage(() =>
    projectDashboard({ actor: user, projectSlug: slug, filters: filterParams(query) }),
  );
  const f = dash.figures;
  const name = new Map(f.coders.map((c) => [c.id, c.display]));
  const kappaOf = new Map(
    f.pairs.flatMap(
      (p) =>
        [
          [`${p.coderA}:${p.coderB}`, p.kappa],
          [`${p.coderB}:${p.coderA}`, p.kappa],
        ] as const,
    ),
  );
  const selectedDocs = new Set(f.filters.documents);
  const selectedCoders = new Set(f.filters.annotators);
  const apiQuery = new URLSearchParams();
  if (f.filters.documents.length) apiQuery.set("documents", f.filters.documents.join(","));
  if (f.filters.annotators.length) apiQuery.set("annotators", f.filters.annotators.join(","));
  if (f.filters.includeBoilerplate) apiQuery.set("boilerplate", "1");

  return (
    <>
      <h1 className="text-xl font-semibold">Agreement dashboard</h1>
      <form
        method="get"
        className="my-4 flex flex-wrap items-end gap-4 rounded-md border border-stone-200 bg-white p-3 text-sm"
      >
        <label className="flex flex-col">
          Documents
          <select
            name="documents"
            multiple
            defaultValue={[...selectedDocs]}
            className="mt-1 h-24 min-w-56 rounded-md border border-stone-300 px-2 py-1"
          >
            {dash.allDocuments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Annotators
          <select
            name="annotators"
            multiple
            defaultValue={[...selectedCoders]}
            className="mt-1 h-24 min-w-40 rounded-md border border-stone-300 px-2 py-1"
          >
            {f.coders.map((c) => (
              <option key={c.id} value={c.id}>
                {c.display}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="boilerplate"
            value="1"
            defaultChecked={f.filters.includeBoilerplate}
          />{" "}
          Include boilerplate
        </label>
        <button
          type="submit"
          className="rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-100"
        >
          Apply
        </button>
        <a
          href={`/api/projects/${slug}/agreement?${apiQuery.toString()}`}
          className="ml-auto text-sky-800 hover:underline"
        >
          These figures as JSON
        </a>
      </form>

      <section
        aria-labelledby="overall"
        className="rounded-lg border border-stone-200 bg-white p-4"
      >
        <h2 id="overall" className="font-semibold">
          Overall
        </h2>
        <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
          <div>
            <dt className="text-stone-500">Krippendorff&apos;s alpha (nominal)</dt>
            <dd className="text-lg font-semibold" data-testid="alpha">
              {fmt(f.alpha)}
            </dd>
          </div>
          <div>
            <dt className="text-stone-500">
              {f.interval.defined ? `${Math.round(f.interval.level * 100)}% interval` : "Interval"}
            </dt>
            <dd className="text-lg font-semibold" data-testid="alpha-interval">
              {f.interval.defined
                ? `${f.interval.lower.toFixed(3)} – ${f.interval.upper.toFixed(3)}`
                : "undefined"}
            </dd>
          </div>
          <div>
            <dt className="text-stone-500">Fleiss&apos; kappa</dt>
            <dd className="text-lg font-semibold">{fmt(f.fleiss)}</dd>
          </div>
          <div>
            <dt className="text-stone-500">Alpha on attributed sources</dt>
            <dd
              className="text-lg font-semibold"
              data-testid="source-alpha"
              title={
                f.sourceAlpha.defined
                  ? `${f.sourceAlpha.sources} registry sources`
                  : f.sourceAlpha.reason
              }
            >
              {fmt(f.sourceAlpha)}
            </dd>
          </div>
          <div>
            <dt className="text-stone-500">Gwet&apos;s AC1</dt>
            <dd className="text-lg font-semibold">{fmt(f.ac1)}</dd>
          </div>
          <div>
            <dt className="text-stone-500">Percent agreement</dt>
            <dd>{fmt(f.percentAgreement)}</dd>
          </div>
          <div>
            <dt className="text-stone-500">Sentences / pairable</dt>
            <dd>
              {f.units} / {f.pairableUnits}
            </dd>
          </div>
          <div>
            <dt className="text-stone-500">Annotations</dt>
            <dd>{f.annotations}</dd>
          </div>
          <div>
            <dt className="text-stone-500">Fleiss: units used / left out</dt>
            <dd>
              {f.fleiss.unitsUsed} / {f.fleiss.unitsExcluded}
            </dd>
          </div>
        </dl>
        {!f.alpha.defined ? (
          <p className="mt-2 text-sm text-stone-600">Alpha is undefined: {f.alpha.reason}</p>
        ) : null}
        {f.interval.defined ? (
          <p className="mt-1 text-xs text-stone-500">
            {f.interval.method}, {f.interval.samples} resamples, seed {f.interval.seed}.{" "}
            {f.bootstrapNote ?? ""}
          </p>
        ) : null}
      </section>

      <GradeAgreement credibility={f.credibility} sourceReliability={f.sourceReliability} />

      <section aria-labelledby="pairs" className="mt-6 grid gap-6 md:grid-cols-2">
        <div>
          <h2 id="pairs" className="font-semibold">
            Cohen&apos;s kappa per annotator pair
          </h2>
          {f.coders.length > 1 ? (
            <Heatmap
              title="Pairwise Cohen's kappa"
              names={f.coders.map((c) => c.display)}
              value={(a, b) => {
                const k = kappaOf.get(`${f.coders[a]?.id}:${f.coders[b]?.id}`);
                return k?.defined ? k.value : null;
              }}
            />
          ) : (
            <p className="text-sm text-stone-600">Needs two annotators.</p>
          )}
        </div>
        <table className="self-start text-sm" aria-label="Pairwise Cohen's kappa">
          <thead>
            <tr>
              <th scope="col" className={th}>
                Pair
              </th>
              <th scope="col" className={th}>
                Kappa
              </th>
              <th scope="col" className={th}>
                Sentences
              </th>
            </tr>
          </thead>
          <tbody>
            {f.pairs.map((p) => (
              <tr key={`${p.coderA}:${p.coderB}`} className="border-t border-stone-100">
                <td className="px-2 py-1">
                  {name.get(p.coderA)} – {name.get(p.coderB)}
                </td>
                <td className={td} title={p.kappa.defined ? undefined : p.kappa.reason}>
                  {fmt(p.kappa)}
                </td>
                <td className={td}>{p.kappa.units}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="labels" className="mt-6 grid gap-6 md:grid-cols-2">
        <div>
          <h2 id="labels" className="font-semibold">
            Agreement per label (specific agreement)
          </h2>
          <BarChart
            title="Specific agreement per label"
            bars={f.perLabel.map((l) => ({
              label: LABEL_TEXT[l.label],
              value: l.specificAgreement.defined ? l.specificAgreement.value : null,
            }))}
          />
        </div>
        <table className="self-start text-sm" aria-label="Agreement per label">
          <thead>
            <tr>
              <th scope="col" className={th}>
                Label
              </th>
              <th scope="col" className={th}>
                Annotations
              </th>
              <th scope="col" className={th}>
                Specific agreement
              </th>
              <th scope="col" className={th}>
                Fleiss&apos; kappa
              </th>
            </tr>
          </thead>
          <tbody>
            {f.perLabel.map((l) => (
              <tr key={l.label} className="border-t border-stone-100">
                <td className="px-2 py-1">{LABEL_TEXT[l.label]}</td>
                <td className={td}>{l.annotations}</td>
                <td className={td}>{fmt(l.specificAgreement)}</td>
                <td className={td}>{fmt(l.fleissKappa)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="dist" className="mt-6">
        <h2 id="dist" className="font-semibold">
          Labels per annotator
        </h2>
        <table className="mt-2 text-sm">
          <thead>
            <tr>
              <th scope="col" className={th}>
                Annotator
              </th>
              {REVIEW_LABELS.map((l) => (
                <th key={l} scope="col" className={th}>
                  {LABEL_TEXT[l]}
                </th>
              ))}
              <th scope="col" className={th}>
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {f.labelDistribution.map((d) => (
              <tr key={d.coder} className="border-t border-stone-100">
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  {name.get(d.coder)}
                </th>
                {d.counts.map((n, k) => (
                  <td key={k} className={td}>
                    {n}{" "}
                    <span className="text-xs text-stone-500">
                      ({d.total ? Math.round((100 * n) / d.total) : 0}%)
                    </span>
                    <svg aria-hidden="true" width="60" height="6" className="block">
                      <rect
                        width={d.total ? (60 * n) / d.total : 0}
                        height="6"
                        className="fill-sky-600"
                      />
                    </svg>
                  </td>
                ))}
                <td className={td}>{d.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="docs" className="mt-6 grid gap-6 md:grid-cols-2">
        <div>
          <h2 id="docs" className="font-semibold">
            Alpha per document
          </h2>
          <BarChart
            title="Alpha per document"
            min={-1}
            bars={f.perDocument.map((d) => ({
              label: d.title,
              value: d.alpha.defined ? d.alpha.value : null,
            }))}
          />
        </div>
        <div>
          <h2 className="font-semibold">Alpha over time (week of latest annotation)</h2>
          <BarChart
            title="Alpha per week"
            min={-1}
            bars={f.overTime.map((w) => ({
              label: w.week,
              value: w.alpha.defined ? w.alpha.value : null,
            }))}
          />
        </div>
      </section>

      <section aria-labelledby="progress" className="mt-6">
        <h2 id="progress" className="font-semibold">
          Progress per document and annotator
        </h2>
        <div className="overflow-x-auto">
          <table className="mt-2 text-sm">
            <thead>
              <tr>
                <th scope="col" className={th}>
                  Document
                </th>
                <th scope="col" className={th}>
                  Sentences
                </th>
                <th scope="col" className={th}>
                  Alpha
                </th>
                {f.coders.map((c) => (
                  <th key={c.id} scope="col" className={th}>
                    {c.display}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {dash.progress.documents.map((d) => {
                const agreement = f.perDocument.find((p) => p.documentId === d.id);
                return (
                  <tr key={d.id} className="border-t border-stone-100">
                    <th scope="row" className="px-2 py-1 text-left font-normal">
                      <a
                        href={`/projects/${slug}/review/${d.id}`}
                        className="text-sky-800 hover:underline"
                      >
                        {d.title}
                      </a>
                    </th>
                    <td className={td}>{d.sentences}</td>
                    <td className={td}>{agreement ? fmt(agreement.alpha) : "—"}</td>
                    {d.annotators.map((a) => (
                      <td key={a.coder} className={td}>
                        {a.annotated}
                        {a.submitted ? " ✓ submitted" : ""}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="sources" className="mt-6 grid gap-6 md:grid-cols-2">
        <table className="text-sm">
          <caption id="sources" className="text-left font-semibold">
            Sources most cited
          </caption>
          <thead>
            <tr>
              <th scope="col" className={th}>
                Source
              </th>
              <th scope="col" className={th}>
                Type
              </th>
              <th scope="col" className={th}>
                Citations
              </th>
            </tr>
          </thead>
          <tbody>
            {dash.sources.length === 0 ? (
              <tr>
                <td colSpan={3} className="px-2 py-1 text-stone-500">
                  No registry sources cited yet.
                </td>
              </tr>
            ) : null}
            {dash.sources.map((s) => (
              <tr key={s.id ?? s.name} className="border-t border-stone-100">
                <td className="px-2 py-1">{s.name}</td>
                <td className="px-2 py-1 text-xs">
                  {s.type?.toLowerCase().replaceAll("_", " ") ?? "—"}
                </td>
                <td className={td}>{s.citations}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="self-start text-sm">
          <caption className="text-left font-semibold">
            Citations by source type (top sources)
          </caption>
          <thead>
            <tr>
              <th scope="col" className={th}>
                Type
              </th>
              <th scope="col" className={th}>
                Citations
              </th>
            </tr>
          </thead>
          <tbody>
            {dash.sourceTypes.map((t) => (
              <tr key={t.type} className="border-t border-stone-100">
                <td className="px-2 py-1">{t.type.toLowerCase().replaceAll("_", " ")}</td>
                <td className={td}>{t.citations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
