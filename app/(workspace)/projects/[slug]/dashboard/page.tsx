import type { Metadata } from "next";
import { BarChart, fmt, Heatmap } from "@/components/review/charts";
import { GradeAgreement } from "@/components/sources/grade-agreement";
import { requireUserPage } from "@/lib/auth";
import { LABELS } from "@/lib/domain/annotation";
import { LABEL_TEXT } from "@/lib/domain/review";
import { filterParams } from "@/lib/server/review/agreement";
import { projectDashboard } from "@/lib/server/review/dashboard";
import { loadForPage } from "@/lib/server/page-errors";
import { ListTable } from "@/components/ui/list-table";

export const metadata: Metadata = { title: "Dashboard" };

const th = "px-2 py-1 text-left text-xs font-medium text-stone-600";
const td = "px-2 py-1 tabular-nums";

/** 4 min 05 s, 1 h 02 min: enough precision for a workload figure. */
function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  return `${m} min ${String(s).padStart(2, "0")} s`;
}

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
        <ListTable
          className="self-start"
          width="auto"
          label="Pairwise Cohen's kappa"
          columns={["Pair", "Kappa", "Sentences"]}
          headClassName=""
          cellClassName={th}
        >
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
        </ListTable>
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
        <ListTable
          className="self-start"
          width="auto"
          label="Agreement per label"
          columns={["Label", "Annotations", "Specific agreement", "Fleiss' kappa"]}
          headClassName=""
          cellClassName={th}
        >
          {f.perLabel.map((l) => (
            <tr key={l.label} className="border-t border-stone-100">
              <td className="px-2 py-1">{LABEL_TEXT[l.label]}</td>
              <td className={td}>{l.annotations}</td>
              <td className={td}>{fmt(l.specificAgreement)}</td>
              <td className={td}>{fmt(l.fleissKappa)}</td>
            </tr>
          ))}
        </ListTable>
      </section>

      <section aria-labelledby="dist" className="mt-6">
        <h2 id="dist" className="font-semibold">
          Labels per annotator
        </h2>
        <ListTable
          className="mt-2"
          width="auto"
          columns={["Annotator", ...LABELS.map((l) => LABEL_TEXT[l]), "Total"]}
          headClassName=""
          cellClassName={th}
        >
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
        </ListTable>
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
          <ListTable
            className="mt-2"
            width="auto"
            columns={["Document", "Sentences", "Alpha", ...f.coders.map((c) => c.display)]}
            headClassName=""
            cellClassName={th}
          >
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
          </ListTable>
        </div>
      </section>

      <section aria-labelledby="time" className="mt-6">
        <h2 id="time" className="font-semibold">
          Time spent
        </h2>
        <p className="text-sm text-stone-700">
          Active annotation time: focused on the workspace, pauses over two minutes left out. Median
          over documents of seconds per sentence tagged.
        </p>
        {dash.time.length === 0 ? (
          <p className="mt-2 text-sm text-stone-700">No time recorded yet.</p>
        ) : (
          <ListTable
            className="mt-2"
            width="auto"
            label="Time spent per annotator"
            columns={[
              "Annotator",
              { name: "Median seconds per sentence", numeric: true },
              { name: "Active time", numeric: true },
              { name: "Documents", numeric: true },
            ]}
            headClassName=""
            cellClassName={th}
          >
            {dash.time.map((t) => (
              <tr key={t.coder} className="border-t border-stone-100">
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  {name.get(t.coder) ?? "Annotator"}
                </th>
                <td className={`${td} text-right`}>
                  {t.medianSecondsPerSentence === null
                    ? "—"
                    : t.medianSecondsPerSentence.toFixed(1)}
                </td>
                <td className={`${td} text-right`}>{formatDuration(t.activeSeconds)}</td>
                <td className={`${td} text-right`}>{t.documents}</td>
              </tr>
            ))}
          </ListTable>
        )}
      </section>

      <section aria-labelledby="assistant" className="mt-6">
        <h2 id="assistant" className="font-semibold">
          Attribution assistant: how often it was right
        </h2>
        {dash.assistant.overall.total === 0 ? (
          <p className="mt-2 text-sm text-stone-600">No annotations with a suggestion yet.</p>
        ) : (
          <table className="mt-2 text-sm" aria-label="Suggestion outcomes">
            <thead>
              <tr>
                <th scope="col" className={th}>
                  Annotator
                </th>
                <th scope="col" className={th}>
                  Accepted
                </th>
                <th scope="col" className={th}>
                  Edited
                </th>
                <th scope="col" className={th}>
                  Ignored
                </th>
                <th scope="col" className={th}>
                  Acceptance rate
                </th>
              </tr>
            </thead>
            <tbody>
              {[
                ...dash.assistant.perAnnotator.map((a) => ({
                  key: a.coder,
                  who: name.get(a.coder) ?? "Annotator",
                  counts: a,
                })),
                { key: "overall", who: "All annotators", counts: dash.assistant.overall },
              ].map(({ key, who, counts }) => (
                <tr
                  key={key}
                  className="border-t border-stone-100"
                  data-testid={`assistant-${key}`}
                >
                  <th scope="row" className="px-2 py-1 text-left font-normal">
                    {who}
                  </th>
                  <td className={td}>{counts.accepted}</td>
                  <td className={td}>{counts.edited}</td>
                  <td className={td}>{counts.ignored}</td>
                  <td className={td}>
                    {counts.acceptanceRate === null
                      ? "—"
                      : `${Math.round(100 * counts.acceptanceRate)}%`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="sources" className="mt-6 grid gap-6 md:grid-cols-2">
        <ListTable
          width="auto"
          caption="Sources most cited"
          captionVisible
          captionId="sources"
          columns={["Source", "Type", "Citations"]}
          empty="No registry sources cited yet."
          headClassName=""
          cellClassName={th}
        >
          {dash.sources.map((s) => (
            <tr key={s.id ?? s.name} className="border-t border-stone-100">
              <td className="px-2 py-1">{s.name}</td>
              <td className="px-2 py-1 text-xs">
                {s.type?.toLowerCase().replaceAll("_", " ") ?? "—"}
              </td>
              <td className={td}>{s.citations}</td>
            </tr>
          ))}
        </ListTable>
        <ListTable
          className="self-start"
          width="auto"
          caption="Citations by source type (top sources)"
          captionVisible
          columns={["Type", "Citations"]}
          headClassName=""
          cellClassName={th}
        >
          {dash.sourceTypes.map((t) => (
            <tr key={t.type} className="border-t border-stone-100">
              <td className="px-2 py-1">{t.type.toLowerCase().replaceAll("_", " ")}</td>
              <td className={td}>{t.citations}</td>
            </tr>
          ))}
        </ListTable>
      </section>
    </>
  );
}
