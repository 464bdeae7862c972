import type { Label, ReviewRow, Status } from "./review-list";

/** The server's review shapes, narrowed to what the review list shows. */
interface AnnotationLike {
  annotatorId: string;
  label: Label;
  sourceName: string | null;
  sourceText: string | null;
  quote: string | null;
  sourceType: string | null;
  note: string | null;
  unsure: boolean;
  credibility: number | null;
}

export function annotationsForRow(
  list: AnnotationLike[],
  displayOf: (id: string) => string,
): ReviewRow["annotations"] {
  return list.map((a) => ({
    annotatorId: a.annotatorId,
    display: displayOf(a.annotatorId),
    label: a.label,
    source: a.sourceName ?? a.sourceText,
    quote: a.quote,
    sourceType: a.sourceType,
    note: a.note,
    unsure: a.unsure,
    credibility: a.credibility,
  }));
}

export function adjudicationForRow(
  adj: {
    label: Label | null;
    sourceName?: string | null;
    sourceText: string | null;
    goldCredibility?: number | null;
    note: string | null;
    status: Status;
    version: number;
  } | null,
): ReviewRow["adjudication"] {
  return adj
    ? {
        label: adj.label,
        source: adj.sourceName ?? adj.sourceText,
        goldCredibility: adj.goldCredibility ?? null,
        note: adj.note,
        status: adj.status,
        version: adj.version,
      }
    : null;
}
