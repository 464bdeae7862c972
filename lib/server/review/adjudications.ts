import "server-only";
import { z } from "zod";
import { pgInt, pgText } from "@/lib/domain/input";
import { db, Prisma } from "@/lib/db";
import { AppError, notFound } from "@/lib/domain/errors";
import { LABELS, type Label } from "@/lib/domain/annotation";
import { majorityOf } from "@/lib/domain/review";
import { credibilitySchema } from "@/lib/domain/sources";
import { requireProjectAccess } from "../access";
import type { Actor } from "../actor";
import { audit } from "../audit/record";
import { parseInput } from "../validation";

/**
 * How the reviewer settles a sentence: accept the majority, take one
 * annotator's answer, or set their own. `version` is the adjudication's
 * version the reviewer saw (0 when there was none), so two reviewers cannot
 * silently overwrite each other.
 */
export const adjudicationInputSchema = z.object({
  sentenceId: z.uuid({ message: "Choose a sentence." }),
  choice: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("majority") }),
    z.object({
      kind: z.literal("annotator"),
      annotatorId: z.uuid({ message: "Choose an annotator." }),
    }),
    z.object({
      kind: z.literal("own"),
      label: z.enum(LABELS, { message: "Choose a label." }),
      sourceId: z.uuid({ message: "Choose a source from the registry." }).nullable().default(null),
      sourceText: pgText()
        .trim()
        .max(500, { message: "The source is limited to 500 characters." })
        .nullable()
        .default(null),
    }),
    // Changes only the note and status, keeping the gold answer as it is.
    z.object({ kind: z.literal("keep") }),
  ]),
  note: pgText()
    .trim()
    .max(4000, { message: "The note is limited to 4,000 characters." })
    .nullable()
    .default(null),
  /**
   * The gold information credibility (1–6, or null for none). Absent: taken
   * from the chosen annotator's answer, otherwise the stored gold value stays.
   */
  goldCredibility: credibilitySchema.optional(),
  status: z
    .enum(["OPEN", "RESOLVED", "NEEDS_DISCUSSION"], { message: "Choose a status." })
    .default("RESOLVED"),
  version: pgInt().min(0),
});
export type AdjudicationInput = z.input<typeof adjudicationInputSchema>;

export interface AdjudicationResult {
  sentenceId: string;
  label: Label | null;
  sourceId: string | null;
  sourceText: string | null;
  goldCredibility: number | null;
  note: string | null;
  status: "OPEN" | "RESOLVED" | "NEEDS_DISCUSSION";
  version: number;
}

/** The adjudication fields a reviewer works with; the review page selects them too. */
export const adjudicationFields = {
  sentenceId: true,
  label: true,
  sourceId: true,
  sourceText: true,
  goldCredibility: true,
  note: true,
  status: true,
  version: true,
} as const;

/** Sets a sentence's gold label in its own table; the annotations themselves are never touched. */
export async function adjudicate(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<AdjudicationResult> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "adjudication:write",
  );
  const input = parseInput(adjudicationInputSchema, args.input);
  const projectId = access.project.id;

  return db.$transaction(async (tx) => {
    const sentence = await tx.sentence.findFirst({
      where: { id: input.sentenceId, projectId },
      select: {
        id: true,
        annotations: {
          select: {
            annotatorId: true,
            label: true,
            sourceId: true,
            sourceText: true,
            credibility: true,
          },
        },
        adjudication: { select: { id: true, ...adjudicationFields } },
      },
    });
    if (!sentence) throw notFound("That sentence");
    const existing = sentence.adjudication;
    if ((existing?.version ?? 0) !== input.version) {
      throw new AppError(
        "CONFLICT",
        "Someone else changed this gold label since you opened it. Reload to see their answer.",
      );
    }

    let gold: { label: Label | null; sourceId: string | null; sourceText: string | null };
    let goldCredibility: number | null = input.goldCredibility ?? existing?.goldCredibility ?? null;
    switch (input.choice.kind) {
      case "majority": {
        const majority = majorityOf(sentence.annotations.map((a) => a.label));
        if (!majority.label) {
          throw new AppError(
            "VALIDATION",
            majority.total === 0
              ? "Nobody has annotated this sentence yet."
              : "The annotators are split evenly: there is no majority. Pick an answer.",
          );
        }
        const label = majority.label;
        gold = { label, ...commonSource(sentence.annotations.filter((a) => a.label === label)) };
        break;
      }
      case "annotator": {
        const { annotatorId } = input.choice;
        const chosen = sentence.annotations.find((a) => a.annotatorId === annotatorId);
        if (!chosen)
          throw new AppError("VALIDATION", "That annotator has not annotated this sentence.");
        gold = { label: chosen.label, sourceId: chosen.sourceId, sourceText: chosen.sourceText };
        if (input.goldCredibility === undefined) goldCredibility = chosen.credibility;
        break;
      }
      case "own": {
        const { label, sourceId, sourceText } = input.choice;
        if (
          sourceId &&
          !(await tx.source.findFirst({ where: { id: sourceId, projectId }, select: { id: true } }))
        ) {
          throw new AppError("VALIDATION", "That source is not in this project's registry.", {
            sourceId: ["Choose a source from the registry."],
          });
        }
        gold = { label, sourceId, sourceText: sourceText || null };
        break;
      }
      case "keep":
        gold = {
          label: existing?.label ?? null,
          sourceId: existing?.sourceId ?? null,
          sourceText: existing?.sourceText ?? null,
        };
        break;
    }
    if (input.status === "RESOLVED" && !gold.label) {
      throw new AppError("VALIDATION", "Set a gold label before marking the sentence resolved.");
    }

    if (input.goldCredibility === null) goldCredibility = null;
    const data = {
      ...gold,
      goldCredibility,
      note: input.note || null,
      status: input.status,
      reviewerId: args.actor.id,
    };
    let saved: AdjudicationResult;
    if (existing) {
      // The version in the WHERE makes the check and the write one step, even between two transactions.
      const { count } = await tx.adjudication.updateMany({
        where: { id: existing.id, version: input.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0)
        throw new AppError(
          "CONFLICT",
          "Someone else changed this gold label since you opened it. Reload to see their answer.",
        );
      saved = await tx.adjudication.findUniqueOrThrow({
        where: { id: existing.id },
        select: adjudicationFields,
      });
    } else {
      try {
        saved = await tx.adjudication.create({
          data: { ...data, projectId, sentenceId: sentence.id },
          select: adjudicationFields,
        });
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
          throw new AppError(
            "CONFLICT",
            "Someone else settled this sentence at the same moment. Reload to see their answer.",
          );
        }
        throw error;
      }
    }
    await audit(tx, {
      actorId: args.actor.id,
      projectId,
      action: existing ? "adjudication.update" : "adjudication.create",
      entityType: "Adjudication",
      entityId: sentence.id,
      before: existing ? toJson(existing) : undefined,
      after: toJson(saved),
    });
    return saved;
  });
}

/** The source most of the agreeing annotators named (first in registry id order on a tie). */
function commonSource(annotations: Array<{ sourceId: string | null; sourceText: string | null }>) {
  const counts = new Map<string, number>();
  for (const a of annotations)
    if (a.sourceId) counts.set(a.sourceId, (counts.get(a.sourceId) ?? 0) + 1);
  const best =
    [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  const text =
    (best ? annotations.find((a) => a.sourceId === best) : annotations.find((a) => a.sourceText))
      ?.sourceText ?? null;
  return { sourceId: best, sourceText: text };
}

function toJson(a: AdjudicationResult): Prisma.InputJsonValue {
  return {
    label: a.label,
    sourceId: a.sourceId,
    sourceText: a.sourceText,
    goldCredibility: a.goldCredibility,
    note: a.note,
    status: a.status,
    version: a.version,
  };
}

export const clearAdjudicationSchema = z.object({
  sentenceId: z.uuid({ message: "Choose a sentence." }),
  version: pgInt().min(1, { message: "Give the version of the gold label you saw." }),
});

/**
 * Removes a sentence's gold label, back to "not adjudicated"; like a change,
 * only if it is still the version the reviewer saw. The annotations stay.
 */
export async function clearAdjudication(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<{ sentenceId: string }> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "adjudication:write",
  );
  const input = parseInput(clearAdjudicationSchema, args.input);
  const projectId = access.project.id;
  return db.$transaction(async (tx) => {
    const existing = await tx.adjudication.findFirst({
      where: { sentenceId: input.sentenceId, projectId },
      select: { id: true, ...adjudicationFields },
    });
    if (!existing) throw notFound("That gold label");
    const { count } = await tx.adjudication.deleteMany({
      where: { id: existing.id, version: input.version },
    });
    if (count === 0)
      throw new AppError(
        "CONFLICT",
        "Someone else changed this gold label since you opened it. Reload to see their answer.",
      );
    await audit(tx, {
      actorId: args.actor.id,
      projectId,
      action: "adjudication.clear",
      entityType: "Adjudication",
      entityId: existing.sentenceId,
      before: toJson(existing),
    });
    return { sentenceId: existing.sentenceId };
  });
}
