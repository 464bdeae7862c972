import { LABEL_INFO, LABELS, type Label } from "@/lib/domain/annotation";

/** Colour classes per label; every use also shows the label's symbol and name, so colour is never the only cue. */
export const LABEL_STYLE: Readonly<Record<Label, { row: string; badge: string }>> = {
  SOURCED_FACT: {
    row: "bg-emerald-50 border-emerald-600",
    badge: "bg-emerald-100 text-emerald-900 border-emerald-600",
  },
  UNVERIFIED_CLAIM: {
    row: "bg-amber-50 border-amber-600",
    badge: "bg-amber-100 text-amber-900 border-amber-600",
  },
  OPINION: {
    row: "bg-violet-50 border-violet-600",
    badge: "bg-violet-100 text-violet-900 border-violet-600",
  },
  NOT_A_CLAIM: {
    row: "bg-stone-100 border-stone-500",
    badge: "bg-stone-200 text-stone-900 border-stone-500",
  },
};

export function LabelBadge({ label, compact = false }: { label: Label; compact?: boolean }) {
  const info = LABEL_INFO[label];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded border px-1.5 font-sans text-xs font-medium ${LABEL_STYLE[label].badge}`}
    >
      <span aria-hidden="true">{info.symbol}</span>
      {compact ? <span className="sr-only">{info.name}</span> : info.name}
    </span>
  );
}

export function Legend() {
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-2 text-xs">
      {LABELS.map((l) => (
        <li key={l} className="flex items-center gap-1">
          <kbd className="rounded border border-stone-300 bg-white px-1 font-mono">
            {LABEL_INFO[l].key}
          </kbd>
          <LabelBadge label={l} />
        </li>
      ))}
    </ul>
  );
}
