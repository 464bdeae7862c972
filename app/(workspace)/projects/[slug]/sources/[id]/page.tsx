import type { Metadata } from "next";
import Link from "next/link";
import { SourceEditor } from "@/components/annotate/source-registry";
import { GradeBadge } from "@/components/sources/grade-badge";
import { GradeForm } from "@/components/sources/grade-forms";
import { requireUserPage } from "@/lib/auth";
import { LABEL_INFO, LABELS, SOURCE_TYPE_NAMES } from "@/lib/domain/annotation";
import { CREDIBILITY_MEANINGS } from "@/lib/domain/sources";
import { loadForPage } from "@/lib/server/page-errors";
import { sourceProfile } from "@/lib/server/sources/profile";
import { listRegistry } from "@/lib/server/sources/registry";

export const metadata: Metadata = { title: "Source" };

const card = "rounded-lg border border-stone-200 bg-white p-4";
const th = "px-2 py-1 text-left text-xs font-medium text-stone-600";
const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

export default async function SourceProfilePage({
  params,
}: {
  params: Promise<{ slug: string; id: string }>;
}) {
  const { slug, id } = await params;
  const user = await requireUserPage(`/projects/${slug}/sources/${id}`);
  const { profile, sides } = await loadForPage(async () => {
    const profile = await sourceProfile({ actor: user, projectSlug: slug, sourceId: id });
    const sides = profile.can.manage
      ? (await listRegistry({ actor: user, projectSlug: slug })).sides
      : [];
    return { profile, sides };
  });
  const p = profile;
  const s = p.source;
  const annotationCount = Object.values(p.labelMix).reduce((a, b) => a + b, 0);

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href={`/projects/${slug}/sources`} className="text-sky-800 underline">
            Sources
          </Link>{" "}
          /
        </p>
        <h1 className="text-xl font-semibold">{s.name}</h1>
        <p className="text-sm text-stone-700">
          {SOURCE_TYPE_NAMES[s.type]}
          {s.affiliation ? ` · ${s.affiliation}` : ""}
          {s.side ? ` · ${s.side}` : ""}
          {s.aliases.length ? ` · also: ${s.aliases.join(", ")}` : ""}
        </p>
        {s.description ? <p className="mt-1 max-w-prose text-sm">{s.description}</p> : null}
        {p.can.manage ? (
          <div className="mt-2">
            <SourceEditor projectSlug={slug} source={s} sides={sides} />
          </div>
        ) : null}
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="settled-heading" className={card}>
          <h2 id="settled-heading" className="font-semibold">
            Settled reliability grade
          </h2>
          {p.settled ? (
            <div className="mt-2 text-sm" data-testid="settled-grade">
              <GradeBadge grade={p.settled.grade} />
              <p className="mt-1">{p.settled.rationale}</p>
              <p className="text-xs text-stone-600">
                {p.settled.by ?? "A former member"}, {when(p.settled.at)}
              </p>
            </div>
          ) : (
            <p className="mt-2 text-sm text-stone-600">Not settled yet.</p>
          )}
          {p.history.length > 1 ? (
            <details className="mt-3 text-sm" open>
              <summary>History ({p.history.length} grades)</summary>
              <ol aria-label="Grade history" className="mt-1 space-y-1">
                {p.history.map((h, i) => (
                  <li key={`${h.at.toISOString()}-${i}`}>
                    <span className="font-semibold">{h.grade}</span> by {h.by ?? "a former member"},{" "}
                    {when(h.at)}: {h.rationale}
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
          {p.can.settle ? (
            <div className="mt-3 border-t border-stone-100 pt-3">
              <GradeForm
                projectSlug={slug}
                sourceId={s.id}
                kind="settle"
                current={
                  p.settled ? { grade: p.settled.grade, rationale: p.settled.rationale } : null
                }
              />
            </div>
          ) : null}
        </section>

        <section aria-labelledby="grades-heading" className={card}>
          <h2 id="grades-heading" className="font-semibold">
            Annotators&apos; grades
          </h2>
          {p.can.grade ? (
            <div className="mt-2">
              <GradeForm projectSlug={slug} sourceId={s.id} kind="own" current={p.myGrade} />
            </div>
          ) : null}
          {p.annotatorGrades ? (
            p.annotatorGrades.length ? (
              <>
                <table className="mt-3 w-full text-sm">
                  <caption className="sr-only">Each annotator&apos;s grade</caption>
                  <thead>
                    <tr>
                      <th className={th}>Annotator</th>
                      <th className={th}>Grade</th>
                      <th className={th}>Rationale</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.annotatorGrades.map((g) => (
                      <tr key={g.annotator} className="border-t border-stone-100 align-top">
                        <td className="px-2 py-1">{g.annotator}</td>
                        <td className="px-2 py-1">
                          <GradeBadge grade={g.grade} />
                        </td>
                        <td className="px-2 py-1">{g.rationale || "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {p.gradeSpread ? (
                  <p className="mt-2 text-sm text-stone-700" data-testid="grade-spread">
                    {p.gradeSpread.total} annotator{p.gradeSpread.total === 1 ? "" : "s"} graded:{" "}
                    {p.gradeSpread.counts
                      .filter((c) => c.count > 0)
                      .map((c) => `${c.value} ×${c.count}`)
                      .join(", ") || "none on the scale"}
                    {p.gradeSpread.cannotBeJudged
                      ? `; ${p.gradeSpread.cannotBeJudged} cannot be judged (F, not counted)`
                      : ""}
                    . Alpha on grades is computed over all sources: see the{" "}
                    <Link href={`/projects/${slug}/dashboard`} className="text-sky-800 underline">
                      dashboard
                    </Link>
                    .
                  </p>
                ) : null}
              </>
            ) : (
              <p className="mt-2 text-sm text-stone-600">No annotator has graded this source.</p>
            )
          ) : (
            <p className="mt-2 text-sm text-stone-600">
              This project is blind: you see only your own grade and annotations.
            </p>
          )}
        </section>
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="mix-heading" className={card}>
          <h2 id="mix-heading" className="font-semibold">
            How its claims were tagged
          </h2>
          <dl className="mt-2 grid grid-cols-2 gap-x-4 text-sm" data-testid="label-mix">
            {LABELS.map((l) => (
              <div key={l} className="contents">
                <dt>{LABEL_INFO[l].name}</dt>
                <dd className="tabular-nums">{p.labelMix[l]}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-1 text-xs text-stone-600">
            {annotationCount} annotation{annotationCount === 1 ? "" : "s"} in {p.sentences.length}{" "}
            sentence{p.sentences.length === 1 ? "" : "s"} of {p.documents} document
            {p.documents === 1 ? "" : "s"}.
          </p>
        </section>
        <section aria-labelledby="cred-heading" className={card}>
          <h2 id="cred-heading" className="font-semibold">
            Credibility of its claims
          </h2>
          <dl
            className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 text-sm"
            data-testid="credibility-mix"
          >
            {p.credibility.counts.map((c) => (
              <div key={c.value} className="contents">
                <dt>
                  {c.value} {CREDIBILITY_MEANINGS[c.value]}
                </dt>
                <dd className="tabular-nums">{c.count}</dd>
              </div>
            ))}
            <dt>6 Cannot be judged</dt>
            <dd className="tabular-nums">{p.credibility.cannotBeJudged}</dd>
            <dt className="text-stone-600">Not given</dt>
            <dd className="tabular-nums text-stone-600">{p.credibility.notGiven}</dd>
          </dl>
        </section>
      </div>

      <section aria-labelledby="sentences-heading" className={card}>
        <h2 id="sentences-heading" className="font-semibold">
          Attributed to {s.name}
          {p.ownOnly ? " (your annotations)" : ""}
        </h2>
        {p.sentences.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">
            No sentence is attributed to this source yet.
          </p>
        ) : (
          <ul aria-label="Attributed sentences" className="mt-2 divide-y divide-stone-100">
            {p.sentences.map((x) => (
              <li key={x.sentenceId} className="py-2 text-sm">
                <p>
                  <Link href={x.href} className="text-sky-800 underline">
                    {x.documentTitle}
                  </Link>
                  <span className="text-stone-500"> · sentence {x.index + 1}</span>
                </p>
                <blockquote className="mt-1 border-l-2 border-stone-200 pl-2">{x.text}</blockquote>
                <ul className="mt-1 flex flex-wrap gap-x-4 text-xs text-stone-700">
                  {x.annotations.map((a, i) => (
                    <li key={`${a.annotator}-${i}`}>
                      {a.annotator}: {LABEL_INFO[a.label].name}
                      {a.credibility !== null
                        ? ` · credibility ${a.credibility} (${a.credibility === 6 ? "cannot be judged" : CREDIBILITY_MEANINGS[a.credibility].toLowerCase()})`
                        : ""}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="together-heading" className={card}>
        <h2 id="together-heading" className="font-semibold">
          Cited together with
        </h2>
        {p.citedWith.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">No other source appears beside this one.</p>
        ) : (
          <table className="mt-2 w-full text-sm">
            <caption className="sr-only">Sources cited in the same sentences or documents</caption>
            <thead>
              <tr>
                <th className={th}>Source</th>
                <th className={`${th} text-right`}>Same sentences</th>
                <th className={`${th} text-right`}>Same documents</th>
              </tr>
            </thead>
            <tbody>
              {p.citedWith.map((o) => (
                <tr key={o.id} className="border-t border-stone-100">
                  <td className="px-2 py-1">
                    <Link
                      href={`/projects/${slug}/sources/${o.id}`}
                      className="text-sky-800 underline"
                    >
                      {o.name}
                    </Link>
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">{o.sentences}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{o.documents}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
