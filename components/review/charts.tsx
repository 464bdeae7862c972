/** Small server-rendered SVG charts; every chart's numbers are also in a table beside it. */

export function fmt(
  value: { defined: true; value: number } | { defined: false; reason: string },
  digits = 3,
): string {
  return value.defined ? value.value.toFixed(digits) : "undefined";
}

/** Horizontal bars on a −1…1 or 0…1 scale, with an optional interval whisker. */
export function BarChart({
  title,
  bars,
  min = 0,
}: {
  title: string;
  bars: Array<{ label: string; value: number | null; lower?: number; upper?: number }>;
  min?: number;
}) {
  const width = 420;
  const left = 150;
  const row = 22;
  const height = bars.length * row + 20;
  const x = (v: number) => left + ((v - min) / (1 - min)) * (width - left - 10);
  return (
    <svg
      role="img"
      aria-label={title}
      viewBox={`0 0 ${width} ${height}`}
      className="w-full max-w-xl"
    >
      <title>{title}</title>
      <line x1={x(0)} x2={x(0)} y1={0} y2={height - 16} className="stroke-stone-400" />
      {bars.map((b, i) => (
        <g key={b.label} transform={`translate(0 ${i * row})`}>
          <text x={left - 6} y={15} textAnchor="end" className="fill-stone-700 text-[11px]">
            {b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label}
          </text>
          {b.value === null ? (
            <text x={x(0) + 4} y={15} className="fill-stone-400 text-[11px]">
              undefined
            </text>
          ) : (
            <>
              <rect
                x={Math.min(x(0), x(b.value))}
                y={4}
                width={Math.abs(x(b.value) - x(0))}
                height={14}
                className="fill-sky-600"
              />
              {b.lower !== undefined && b.upper !== undefined ? (
                <line
                  x1={x(b.lower)}
                  x2={x(b.upper)}
                  y1={11}
                  y2={11}
                  strokeWidth={2}
                  className="stroke-stone-900"
                />
              ) : null}
              <text
                x={x(Math.max(b.value, b.upper ?? b.value)) + 4}
                y={15}
                className="fill-stone-800 text-[11px]"
              >
                {b.value.toFixed(3)}
              </text>
            </>
          )}
        </g>
      ))}
      <text x={x(min)} y={height - 2} className="fill-stone-500 text-[10px]">
        {min}
      </text>
      <text x={x(1)} y={height - 2} textAnchor="end" className="fill-stone-500 text-[10px]">
        1
      </text>
    </svg>
  );
}

/** Pairwise kappa as a coloured grid. */
export function Heatmap({
  title,
  names,
  value,
}: {
  title: string;
  names: string[];
  value: (a: number, b: number) => number | null;
}) {
  const cell = 56;
  const left = 110;
  const top = 24;
  const size = names.length * cell;
  const color = (v: number | null) =>
    v === null
      ? "#e7e5e4"
      : `hsl(${Math.round(Math.max(0, Math.min(1, v)) * 140)} 60% ${85 - Math.max(0, v) * 30}%)`;
  return (
    <svg
      role="img"
      aria-label={title}
      viewBox={`0 0 ${left + size + 4} ${top + size + 4}`}
      className="w-full max-w-lg"
    >
      <title>{title}</title>
      {names.map((n, i) => (
        <g key={n}>
          <text
            x={left + i * cell + cell / 2}
            y={16}
            textAnchor="middle"
            className="fill-stone-700 text-[10px]"
          >
            {n.slice(0, 10)}
          </text>
          <text
            x={left - 6}
            y={top + i * cell + cell / 2 + 4}
            textAnchor="end"
            className="fill-stone-700 text-[10px]"
          >
            {n.slice(0, 16)}
          </text>
        </g>
      ))}
      {names.map((_, a) =>
        names.map((__, b) => {
          const v = a === b ? null : value(a, b);
          return (
            <g key={`${a}-${b}`}>
              <rect
                x={left + b * cell}
                y={top + a * cell}
                width={cell - 2}
                height={cell - 2}
                fill={a === b ? "#fafaf9" : color(v)}
              />
              <text
                x={left + b * cell + cell / 2}
                y={top + a * cell + cell / 2 + 4}
                textAnchor="middle"
                className="fill-stone-900 text-[11px]"
              >
                {a === b ? "" : v === null ? "—" : v.toFixed(2)}
              </text>
            </g>
          );
        }),
      )}
    </svg>
  );
}
