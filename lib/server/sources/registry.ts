import "server-only";
import { db, Prisma } from "@/lib/db";
import { mergeSourcesSchema, sourceInputSchema, type SourceView } from "@/lib/domain/annotation";
import { AppError, notFound } from "@/lib/domain/errors";
import { isUuid, requireProjectAccess } from "../access";
import type { Actor } from "../actor";
import { audit } from "../audit/record";
import { parseInput } from "../validation";
import { seesWholeRegistry, visibleSources } from "./visibility";

export type { SourceView };

export const sourceSelect = {
  id: true,
  name: true,
  aliases: true,
  type: true,
  affiliation: true,
  side: true,
  description: true,
} as const;

export type Tx = Prisma.TransactionClient;

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export function conflictWith(name: string, existing: { name: string }) {
  const message =
    existing.name.toLowerCase() === name.toLowerCase()
      ? `A source named “${existing.name}” is already in the registry.`
      : `“${name}” is already in the registry as an alias of “${existing.name}”.`;
  return new AppError("CONFLICT", message, { name: [message] });
}

/** The registry entry that already carries one of `names` (as its name or an alias), other than `except`. */
export async function findClash(
  tx: Tx,
  projectId: string,
  names: readonly string[],
  except: string | null,
): Promise<{ taken: string; existing: { id: string; name: string } } | null> {
  const wanted = names.map((n) => n.toLowerCase());
  const [hit] = await tx.$queryRaw<Array<{ id: string; name: string; taken: string }>>`
    SELECT s.id::text AS id, s.name, w.taken
    FROM "Source" s
    JOIN unnest(${wanted}::text[]) AS w(taken)
      ON lower(s.name) = w.taken OR w.taken = ANY(SELECT lower(a) FROM unnest(s.aliases) a)
    WHERE s."projectId" = ${projectId}::uuid AND (${except}::uuid IS NULL OR s.id <> ${except}::uuid)
    LIMIT 1`;
  if (!hit) return null;
  return {
    taken: names.find((n) => n.toLowerCase() === hit.taken) ?? hit.taken,
    existing: { id: hit.id, name: hit.name },
  };
}

/** The project's side list; an empty list means the side is free text. */
export async function sideOptionsOf(projectId: string): Promise<string[]> {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { sideOptions: true },
  });
  return project.sideOptions;
}

export function checkSide(side: string | null, options: readonly string[]): string | null {
  if (side === null || options.length === 0) return side;
  const option = options.find((o) => o.toLowerCase() === side.toLowerCase());
  if (option) return option;
  const message = `Unknown side “${side}”: this project's sides are ${options.join(", ")}.`;
  throw new AppError("VALIDATION", message, { side: [message] });
}

/** A source of the project, or NOT_FOUND (another project's id finds nothing). */
export async function projectSource(projectId: string, sourceId: string) {
  if (!isUuid(sourceId)) throw notFound("That source");
  const source = await db.source.findFirst({
    where: { id: sourceId, projectId },
    select: sourceSelect,
  });
  if (!source) throw notFound("That source");
  return source;
}

/**
 * Adds an entry. The registry (Sources page, API) is the owners' and
 * reviewers'; `inline` is the annotation workspace, where any annotator adds
 * the source they are tagging.
 */
export async function createSource(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
  inline?: boolean;
}): Promise<SourceView> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    args.inline ? "source:write" : "source:manage",
  );
  const input = parseInput(sourceInputSchema, args.input);
  const projectId = access.project.id;
  const side = checkSide(input.side, await sideOptionsOf(projectId));
  try {
    return await db.$transaction(async (tx) => {
      const clash = await findClash(tx, projectId, [input.name, ...input.aliases], null);
      if (clash && args.inline && !seesWholeRegistry(access)) {
        // In a blind project the autocomplete does not offer what only other annotators added;
        // an annotator who types that name gets the same entry rather than a refusal.
        const hidden = await tx.source.findFirst({
          where: { id: clash.existing.id, NOT: visibleSources(access, args.actor.id) },
          select: sourceSelect,
        });
        if (hidden) return hidden;
      }
      if (clash) throw conflictWith(clash.taken, clash.existing);
      const source = await tx.source.create({
        data: { ...input, side, projectId, createdById: args.actor.id },
        select: sourceSelect,
      });
      await audit(tx, {
        actorId: args.actor.id,
        action: "source.create",
        entityType: "Source",
        entityId: source.id,
        projectId,
        after: { ...source },
      });
      return source;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictWith(input.name, { name: input.name });
    throw error;
  }
}

/**
 * Edits an entry (reviewers and owners). Fields left out of the input keep
 * their value, so the API's PATCH and the page's full form share it.
 */
export async function updateSource(args: {
  actor: Actor;
  projectSlug: string;
  sourceId: string;
  input: unknown;
}): Promise<SourceView> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "source:manage",
  );
  if (!isUuid(args.sourceId)) throw notFound("That source");
  const projectId = access.project.id;
  const before = await db.source.findFirst({
    where: { id: args.sourceId, projectId },
    select: sourceSelect,
  });
  if (!before) throw notFound("That source");
  const patch =
    args.input !== null && typeof args.input === "object" && !Array.isArray(args.input)
      ? args.input
      : {};
  const { id: _id, ...current } = before;
  const input = parseInput(sourceInputSchema, { ...current, ...patch });
  const side = checkSide(input.side, await sideOptionsOf(projectId));
  try {
    return await db.$transaction(async (tx) => {
      const clash = await findClash(tx, projectId, [input.name, ...input.aliases], before.id);
      if (clash) throw conflictWith(clash.taken, clash.existing);
      const source = await tx.source.update({
        where: { id: before.id },
        data: { ...input, side },
        select: sourceSelect,
      });
      await audit(tx, {
        actorId: args.actor.id,
        action: "source.update",
        entityType: "Source",
        entityId: source.id,
        projectId,
        before: { ...before },
        after: { ...source },
      });
      return source;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictWith(input.name, { name: input.name });
    throw error;
  }
}

/**
 * Deletes an entry nobody cites. A cited source is refused: deleting it would
 * silently strip the attribution from annotations; merging keeps it.
 */
export async function deleteSource(args: {
  actor: Actor;
  projectSlug: string;
  sourceId: string;
}): Promise<{ id: string }> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "source:manage",
  );
  if (!isUuid(args.sourceId)) throw notFound("That source");
  const projectId = access.project.id;
  return db.$transaction(async (tx) => {
    const source = await tx.source.findFirst({
      where: { id: args.sourceId, projectId },
      select: sourceSelect,
    });
    if (!source) throw notFound("That source");
    const [annotations, gold] = await Promise.all([
      tx.annotation.count({ where: { projectId, sourceId: source.id } }),
      tx.adjudication.count({ where: { projectId, sourceId: source.id } }),
    ]);
    if (annotations + gold > 0) {
      const cited = [
        annotations ? `${annotations} annotation${annotations === 1 ? "" : "s"}` : null,
        gold ? `${gold} gold label${gold === 1 ? "" : "s"}` : null,
      ]
        .filter(Boolean)
        .join(" and ");
      throw new AppError(
        "CONFLICT",
        `“${source.name}” is cited by ${cited}: merge it into another source instead, so they keep their attribution.`,
      );
    }
    await tx.source.delete({ where: { id: source.id } });
    await audit(tx, {
      actorId: args.actor.id,
      action: "source.delete",
      entityType: "Source",
      entityId: source.id,
      projectId,
      before: { ...source },
    });
    return { id: source.id };
  });
}

/**
 * Merges a duplicate into the canonical entry: every annotation and gold label
 * that pointed at the duplicate now points at the canonical one, and the
 * duplicate's name and aliases become aliases, so autocomplete still finds them.
 * Annotators' grades of the duplicate move over unless they graded the
 * canonical entry too; its settled grade history moves over only when the
 * canonical entry has none (two histories would interleave meaninglessly).
 */
export async function mergeSources(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<SourceView & { moved: number }> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "source:manage",
  );
  const input = parseInput(mergeSourcesSchema, args.input);
  const projectId = access.project.id;
  return db.$transaction(async (tx) => {
    const [from, into] = await Promise.all([
      tx.source.findFirst({ where: { id: input.fromId, projectId }, select: sourceSelect }),
      tx.source.findFirst({ where: { id: input.intoId, projectId }, select: sourceSelect }),
    ]);
    if (!from || !into) throw notFound("That source");
    const moved = await tx.annotation.updateMany({
      where: { sourceId: from.id, projectId },
      data: { sourceId: into.id, version: { increment: 1 } },
    });
    await tx.adjudication.updateMany({
      where: { sourceId: from.id, projectId },
      data: { sourceId: into.id },
    });
    const graders = await tx.sourceGrade.findMany({
      where: { sourceId: into.id },
      select: { annotatorId: true },
    });
    await tx.sourceGrade.updateMany({
      where: { sourceId: from.id, annotatorId: { notIn: graders.map((g) => g.annotatorId) } },
      data: { sourceId: into.id },
    });
    if ((await tx.sourceAssessment.count({ where: { sourceId: into.id } })) === 0) {
      await tx.sourceAssessment.updateMany({
        where: { sourceId: from.id },
        data: { sourceId: into.id },
      });
    }
    const aliases = [...new Set([...into.aliases, from.name, ...from.aliases])].filter(
      (a) => a !== into.name,
    );
    await tx.source.delete({ where: { id: from.id } });
    const merged = await tx.source.update({
      where: { id: into.id },
      data: { aliases },
      select: sourceSelect,
    });
    await audit(tx, {
      actorId: args.actor.id,
      action: "source.merge",
      entityType: "Source",
      entityId: into.id,
      projectId,
      before: { from: { ...from }, into: { ...into } },
      after: { ...merged, annotationsMoved: moved.count },
    });
    return { ...merged, moved: moved.count };
  });
}

// ------------------------------------------------------------- import/export
