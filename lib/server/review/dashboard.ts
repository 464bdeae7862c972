import "server-only";
import { db } from "@/lib/db";
import type { SuggestionOutcome } from "@/lib/domain/annotation";
import { requireProjectAccess } from "../access";
import type { Actor } from "../actor";
import { agreementFigures, agreementFiltersSchema } from "./agreement";
import { parseInput } from "../validation";
import { annotatorTimes } from "../annotations/time";

/** The project dashboard: agreement figures plus progress and the most cited sources, all under the same filters. */
export async function projectDashboard(args: {
  actor: Actor;
  projectSlug: string;
  filters: unknown;
}) {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "annotation:read-all",
  );
  const filters = parseInput(agreementFiltersSchema, args.filters);
  const projectId = access.project.id;
  const docWhere = filters.documents.length ? { id: { in: filters.documents } } : {};
  const userWhere = filters.annotators.length ? { userId: { in: filters.annotators } } : {};
  const annotationWhere = {
    projectId,
    ...(filters.documents.length ? { documentId: { in: filters.documents } } : {}),
    ...(filters.annotators.length ? { annotatorId: { in: filters.annotators } } : {}),
    ...(filters.boilerplate ? {} : { sentence: { isBoilerplate: false } }),
  };
  const [figures, documents, progress, perPair, sources, allDocuments, outcomes, times] =
    await Promise.all([
      agreementFigures(projectId, filters),
      db.document.findMany({
        where: { projectId, ...docWhere },
        orderBy: { title: "asc" },
        select: { id: true, title: true, _count: { select: { sentences: true } } },
      }),
      db.documentProgress.findMany({
        where: { document: { projectId, ...docWhere }, ...userWhere },
        select: { documentId: true, userId: true, status: true },
      }),
      db.annotation.groupBy({
        by: ["documentId", "annotatorId"],
        where: annotationWhere,
        _count: { _all: true },
      }),
      db.annotation.groupBy({
        by: ["sourceId"],
        where: { ...annotationWhere, sourceId: { not: null } },
        _count: { _all: true },
        orderBy: { _count: { sourceId: "desc" } },
        take: 15,
      }),
      db.document.findMany({
        where: { projectId },
        orderBy: { title: "asc" },
        select: { id: true, title: true },
      }),
      db.annotation.groupBy({
        by: ["annotatorId", "suggestion"],
        where: { ...annotationWhere, suggestion: { not: null } },
        _count: { _all: true },
      }),
      annotatorTimes(projectId, {
        documentIds: filters.documents,
        annotatorIds: filters.annotators,
      }),
    ]);
  const sourceRows = await db.source.findMany({
    where: { projectId, id: { in: sources.flatMap((s) => (s.sourceId ? [s.sourceId] : [])) } },
    select: { id: true, name: true, type: true },
  });
  const sourceOf = new Map(sourceRows.map((s) => [s.id, s]));
  const submitted = new Set(
    progress.filter((p) => p.status === "SUBMITTED").map((p) => `${p.documentId}:${p.userId}`),
  );
  const annotated = new Map(
    perPair.map((p) => [`${p.documentId}:${p.annotatorId}`, p._count._all]),
  );

  const byType = new Map<string, number>();
  for (const s of sources) {
    const type = (s.sourceId && sourceOf.get(s.sourceId)?.type) || "UNKNOWN";
    byType.set(type, (byType.get(type) ?? 0) + s._count._all);
  }
  return {
    access,
    figures,
    allDocuments,
    progress: {
      documents: documents.map((d) => ({
        id: d.id,
        title: d.title,
        sentences: d._count.sentences,
        annotators: figures.coders.map((c) => ({
          coder: c.id,
          annotated: annotated.get(`${d.id}:${c.id}`) ?? 0,
          submitted: submitted.has(`${d.id}:${c.id}`),
        })),
      })),
    },
    sources: sources.map((s) => ({
      id: s.sourceId,
      name: (s.sourceId && sourceOf.get(s.sourceId)?.name) || "Unknown",
      type: (s.sourceId && sourceOf.get(s.sourceId)?.type) || null,
      citations: s._count._all,
    })),
    assistant: assistantOutcomes(
      outcomes.flatMap((o) =>
        o.suggestion ? [{ coder: o.annotatorId, outcome: o.suggestion, count: o._count._all }] : [],
      ),
      figures.coders.map((c) => c.id),
    ),
    // Shown under the coders' display names (pseudonyms where the project uses them).
    time: times.flatMap((t) =>
      figures.coders.some((c) => c.id === t.annotatorId)
        ? [
            {
              coder: t.annotatorId,
              documents: t.documents,
              activeSeconds: t.activeSeconds,
              medianSecondsPerSentence: t.medianSecondsPerSentence,
            },
          ]
        : [],
    ),
    sourceTypes: [...byType.entries()]
      .map(([type, citations]) => ({ type, citations }))
      .sort((a, b) => b.citations - a.citations),
  };
}

export interface OutcomeCounts {
  accepted: number;
  edited: number;
  ignored: number;
  /** Sentences that had a suggestion. */
  total: number;
  /** Accepted as suggested / total; null when there were no suggestions. */
  acceptanceRate: number | null;
}

function countsOf(
  rows: ReadonlyArray<{ outcome: SuggestionOutcome; count: number }>,
): OutcomeCounts {
  const n = (outcome: SuggestionOutcome) =>
    rows.reduce((sum, r) => sum + (r.outcome === outcome ? r.count : 0), 0);
  const accepted = n("ACCEPTED");
  const edited = n("EDITED");
  const ignored = n("IGNORED");
  const total = accepted + edited + ignored;
  return { accepted, edited, ignored, total, acceptanceRate: total ? accepted / total : null };
}

/** How often the attribution assistant was right: its suggestions' outcomes per annotator and overall. */
function assistantOutcomes(
  rows: ReadonlyArray<{ coder: string; outcome: SuggestionOutcome; count: number }>,
  coders: readonly string[],
): { overall: OutcomeCounts; perAnnotator: Array<{ coder: string } & OutcomeCounts> } {
  return {
    overall: countsOf(rows),
    perAnnotator: coders
      .map((coder) => ({ coder, ...countsOf(rows.filter((r) => r.coder === coder)) }))
      .filter((c) => c.total > 0),
  };
}
