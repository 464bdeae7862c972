import type { GradeFigure } from "@/lib/server/sources/agreement";

function Figure(props: {
  title: string;
  figure: GradeFigure;
  units: string;
  cannot: string;
  id: string;
}) {
  const { figure: f } = props;
  const alpha = typeof f.alpha === "number" ? f.alpha.toFixed(3) : "undefined";
  return (
    <div className="rounded-md border border-stone-200 p-3" data-testid={props.id}>
      <h3 className="text-sm font-semibold">{props.title}</h3>
      <dl className="mt-1 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        <dt className="text-stone-500">Ordinal alpha</dt>
        <dd className="text-lg font-semibold tabular-nums" data-testid={`${props.id}-alpha`}>
          {alpha}
        </dd>
        <dt className="text-stone-500">
          {"undefined" in f.interval
            ? "Interval"
            : `${Math.round(f.interval.level * 100)}% interval`}
        </dt>
        <dd className="tabular-nums">
          {"undefined" in f.interval
            ? "undefined"
            : `${f.interval.lower.toFixed(3)} – ${f.interval.upper.toFixed(3)}`}
        </dd>
        <dt className="text-stone-500">{props.units} graded / pairable</dt>
        <dd className="tabular-nums">
          {f.units} / {f.pairableUnits}
        </dd>
        <dt className="text-stone-500">Grades (annotators)</dt>
        <dd className="tabular-nums">
          {f.ratings} ({f.coders})
        </dd>
        <dt className="text-stone-500">{props.cannot}, left out</dt>
        <dd className="tabular-nums">{f.cannotBeJudged}</dd>
      </dl>
      {typeof f.alpha !== "number" ? (
        <p className="mt-2 text-sm text-stone-600">Undefined, because {lower(f.alpha.undefined)}</p>
      ) : null}
    </div>
  );
}

function lower(reason: string): string {
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

/** The dashboard's agreement on Admiralty grades: information credibility and source reliability. */
export function GradeAgreement(props: {
  credibility: GradeFigure;
  sourceReliability: GradeFigure;
}) {
  return (
    <section
      aria-labelledby="grade-agreement"
      className="mt-6 rounded-lg border border-stone-200 bg-white p-4"
    >
      <h2 id="grade-agreement" className="font-semibold">
        Agreement on grades
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        Ordinal Krippendorff&apos;s alpha on the Admiralty scales. &ldquo;Cannot be judged&rdquo;
        (6, F) is a missing value, not the worst grade.
      </p>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <Figure
          id="credibility-agreement"
          title="Information credibility (1–5, per sentence)"
          figure={props.credibility}
          units="Sentences"
          cannot="6 (cannot be judged)"
        />
        <Figure
          id="reliability-agreement"
          title="Source reliability (A–E, per source)"
          figure={props.sourceReliability}
          units="Sources"
          cannot="F (cannot be judged)"
        />
      </div>
    </section>
  );
}
