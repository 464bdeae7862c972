import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/domain/errors";
import {
  activeTimeReportSchema,
  creditableMs,
  medianSecondsPerSentence,
} from "@/lib/domain/workflow";
import { requireProjectAccess } from "../access";
import type { Actor } from "../actor";
import { parseInput } from "../validation";

/**
 * Adds one heartbeat of the workspace's active time to the actor's total on a
 * document. The schema refuses a report over the cap; the row is locked while
 * the credit is worked out, so two tabs cannot both credit the same wall-clock
 * time, and no report adds more than passed since the previous one.
 */
export async function recordActiveTime(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<{ creditedMs: number; totalMs: number }> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "annotation:write-own",
  );
  const input = parseInput(activeTimeReportSchema, args.input);
  const projectId = access.project.id;
  const document = await db.document.findFirst({
    where: { id: input.documentId, projectId },
    select: { id: true },
  });
  if (!document) throw notFound("That document");
  return db.$transaction(async (tx) => {
    // Creates the row if needed, then takes its lock: the second of two concurrent reports waits here.
    await tx.$executeRaw`
      INSERT INTO "AnnotationTime" ("projectId", "documentId", "annotatorId", "activeMs", "lastReportAt")
      VALUES (${projectId}::uuid, ${document.id}::uuid, ${args.actor.id}::uuid, 0, NULL)
      ON CONFLICT ("documentId", "annotatorId") DO NOTHING`;
    const [row] = await tx.$queryRaw<Array<{ activeMs: number; lastReportAt: Date | null }>>`
      SELECT "activeMs", "lastReportAt" FROM "AnnotationTime"
      WHERE "documentId" = ${document.id}::uuid AND "annotatorId" = ${args.actor.id}::uuid
      FOR UPDATE`;
    const now = new Date();
    const credited = creditableMs({
      reportedMs: input.activeMs,
      lastReportAt: row?.lastReportAt ?? null,
      now,
    });
    const totalMs = Math.min(2_147_483_647, (row?.activeMs ?? 0) + credited);
    await tx.annotationTime.update({
      where: { documentId_annotatorId: { documentId: document.id, annotatorId: args.actor.id } },
      data: { activeMs: totalMs, lastReportAt: now },
    });
    return { creditedMs: credited, totalMs };
  });
}

export interface AnnotatorTime {
  annotatorId: string;
  name: string;
  email: string;
  /** Documents with recorded time. */
  documents: number;
  activeSeconds: number;
  /** Median over documents of active seconds per sentence tagged; null without data. */
  medianSecondsPerSentence: number | null;
}

/**
 * Each annotator's recorded time in a project (optionally some documents or
 * annotators only), for the dashboard and the export's dataset card. The
 * caller has already checked that the actor may see everyone's work.
 */
export async function annotatorTimes(
  projectId: string,
  scope: { documentIds?: readonly string[]; annotatorIds?: readonly string[] } = {},
): Promise<AnnotatorTime[]> {
  const where = {
    projectId,
    ...(scope.documentIds?.length ? { documentId: { in: [...scope.documentIds] } } : {}),
    ...(scope.annotatorIds?.length ? { annotatorId: { in: [...scope.annotatorIds] } } : {}),
  };
  const [times, tagged] = await Promise.all([
    db.annotationTime.findMany({
      where: { ...where, activeMs: { gt: 0 } },
      select: {
        documentId: true,
        annotatorId: true,
        activeMs: true,
        annotator: { select: { name: true, email: true } },
      },
    }),
    db.annotation.groupBy({ by: ["documentId", "annotatorId"], where, _count: { _all: true } }),
  ]);
  const taggedBy = new Map(tagged.map((t) => [`${t.documentId}:${t.annotatorId}`, t._count._all]));
  const byAnnotator = new Map<string, typeof times>();
  for (const t of times)
    byAnnotator.set(t.annotatorId, [...(byAnnotator.get(t.annotatorId) ?? []), t]);
  return [...byAnnotator.entries()]
    .map(([annotatorId, rows]) => ({
      annotatorId,
      name: rows[0]?.annotator.name ?? "",
      email: rows[0]?.annotator.email ?? "",
      documents: rows.length,
      activeSeconds: Math.round(rows.reduce((n, r) => n + r.activeMs, 0) / 1000),
      medianSecondsPerSentence: medianSecondsPerSentence(
        rows.map((r) => ({
          activeMs: r.activeMs,
          sentences: taggedBy.get(`${r.documentId}:${r.annotatorId}`) ?? 0,
        })),
      ),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
