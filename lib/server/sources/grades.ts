import "server-only";
import { pgText } from "@/lib/domain/input";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/domain/errors";
import { reliabilityGradeSchema, type ReliabilityGrade } from "@/lib/domain/sources";
import { requireProjectAccess } from "../access";
import type { Actor } from "../actor";
import { audit } from "../audit/record";
import { parseInput } from "../validation";
import { projectSource } from "./registry";

const rationale = pgText({ error: "The rationale must be text." })
  .trim()
  .max(4000, "The rationale is too long (at most 4,000 characters).");

/** An annotator's own grade of a source; `expectedVersion` (0 = none yet) guards against a stale tab. */
export const ownGradeSchema = z.object({
  grade: reliabilityGradeSchema,
  rationale: rationale.nullish().transform((v) => v ?? ""),
  expectedVersion: z.number().int().min(0, "The version is not valid.").optional(),
});

/** The project's settled grade: always with a rationale, since others will rely on it. */
export const settleGradeSchema = z.object({
  grade: reliabilityGradeSchema,
  rationale: rationale.min(1, "Say why: a settled grade needs a rationale."),
});

export interface OwnGrade {
  grade: ReliabilityGrade;
  rationale: string;
  version: number;
  updatedAt: Date;
}

/**
 * Saves the caller's own reliability grade of a source (a new one, or a
 * change: the version goes up each time). With `expectedVersion` a write over
 * a grade changed elsewhere is refused, as annotations are.
 */
export async function gradeSource(args: {
  actor: Actor;
  projectSlug: string;
  sourceId: string;
  input: unknown;
}): Promise<OwnGrade> {
  const access = await requireProjectAccess(args.actor, { slug: args.projectSlug }, "source:grade");
  const input = parseInput(ownGradeSchema, args.input);
  const projectId = access.project.id;
  const source = await projectSource(projectId, args.sourceId);
  const select = { grade: true, rationale: true, version: true, updatedAt: true } as const;
  return db.$transaction(async (tx) => {
    const before = await tx.sourceGrade.findUnique({
      where: { sourceId_annotatorId: { sourceId: source.id, annotatorId: args.actor.id } },
      select,
    });
    if (input.expectedVersion !== undefined && input.expectedVersion !== (before?.version ?? 0)) {
      throw new AppError(
        "CONFLICT",
        "Your grade of this source was changed elsewhere (another tab or device). Reload to see it.",
      );
    }
    const saved = await tx.sourceGrade.upsert({
      where: { sourceId_annotatorId: { sourceId: source.id, annotatorId: args.actor.id } },
      create: {
        projectId,
        sourceId: source.id,
        annotatorId: args.actor.id,
        grade: input.grade,
        rationale: input.rationale,
      },
      update: { grade: input.grade, rationale: input.rationale, version: { increment: 1 } },
      select,
    });
    await audit(tx, {
      actorId: args.actor.id,
      action: "source.grade",
      entityType: "Source",
      entityId: source.id,
      projectId,
      before: before ? { grade: before.grade, rationale: before.rationale } : undefined,
      after: { grade: saved.grade, rationale: saved.rationale, version: saved.version },
    });
    return saved;
  });
}

export interface Assessment {
  id: string;
  grade: ReliabilityGrade;
  rationale: string;
  by: string | null;
  at: Date;
}

/**
 * Settles the project's grade of a source: a new assessment row every time,
 * so the earlier ones remain as its history.
 */
export async function settleSourceGrade(args: {
  actor: Actor;
  projectSlug: string;
  sourceId: string;
  input: unknown;
}): Promise<Assessment> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "source:settle",
  );
  const input = parseInput(settleGradeSchema, args.input);
  const projectId = access.project.id;
  const source = await projectSource(projectId, args.sourceId);
  return db.$transaction(async (tx) => {
    const before = await tx.sourceAssessment.findFirst({
      where: { sourceId: source.id },
      orderBy: { createdAt: "desc" },
      select: { grade: true, rationale: true },
    });
    const row = await tx.sourceAssessment.create({
      data: {
        projectId,
        sourceId: source.id,
        grade: input.grade,
        rationale: input.rationale,
        reviewerId: args.actor.id,
      },
      select: { id: true, grade: true, rationale: true, createdAt: true },
    });
    await audit(tx, {
      actorId: args.actor.id,
      action: "source.settle",
      entityType: "Source",
      entityId: source.id,
      projectId,
      before: before ?? undefined,
      after: { id: row.id, grade: row.grade, rationale: row.rationale },
    });
    return {
      id: row.id,
      grade: row.grade,
      rationale: row.rationale,
      by: args.actor.name,
      at: row.createdAt,
    };
  });
}
