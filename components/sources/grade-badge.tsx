import { RELIABILITY_MEANINGS, type ReliabilityGrade } from "@/lib/domain/sources";

const TONE: Record<ReliabilityGrade, string> = {
  A: "bg-emerald-100 text-emerald-900",
  B: "bg-lime-100 text-lime-900",
  C: "bg-amber-100 text-amber-900",
  D: "bg-orange-100 text-orange-900",
  E: "bg-red-100 text-red-900",
  F: "bg-stone-100 text-stone-800",
};

/** A reliability grade: the letter and its meaning, in words as well as colour. */
export function GradeBadge({ grade }: { grade: ReliabilityGrade }) {
  return (
    <span
      className={`inline-flex items-baseline gap-1 rounded px-1.5 py-0.5 text-xs ${TONE[grade]}`}
    >
      <span className="font-semibold">{grade}</span> <span>{RELIABILITY_MEANINGS[grade]}</span>
    </span>
  );
}
