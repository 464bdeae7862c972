import "server-only";
import { db, Prisma } from "@/lib/db";
import { mergeSourcesSchema, sourceInputSchema, type SourceView } from "@/lib/domain/annotation";
import { AppError, notFound } from "@/lib/domain/errors";
import { isUuid, requireProjectAccess } from "../access";
import type { Actor } from "../actor";
import { audit } from "../audit/record";
import { parseInput } from "../validation";

export type { SourceView };

const sourceSelect = {
  id: true,
  name: true,
  aliases: true,
  type: true,
  affiliation: true,
} as const;

function nameTaken(name: string) {
  const message = `A source named “${name}” is already in the registry.`;
  return new AppError("CONFLICT", message, { name: [message] });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** The project's whole registry (it is small: tens to hundreds of entries), for client-side autocomplete. */
export async function listSources(args: {
  actor: Actor;
  projectSlug: string;
}): Promise<SourceView[]> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:read",
  );
  return db.source.findMany({
    where: { projectId: access.project.id },
    orderBy: { name: "asc" },
    select: sourceSelect,
  });
}

/** Adds an entry; annotators do this inline while tagging. */
export async function createSource(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<SourceView> {
  const access = await requireProjectAccess(args.actor, { slug: args.projectSlug }, "source:write");
  const input = parseInput(sourceInputSchema, args.input);
  try {
    return await db.$transaction(async (tx) => {
      const source = await tx.source.create({
        data: { ...input, projectId: access.project.id, createdById: args.actor.id },
        select: sourceSelect,
      });
      await audit(tx, {
        actorId: args.actor.id,
        action: "source.create",
        entityType: "Source",
        entityId: source.id,
        projectId: access.project.id,
        after: { ...source },
      });
      return source;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/** Edits an entry (reviewers and owners). */
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
  const input = parseInput(sourceInputSchema, args.input);
  if (!isUuid(args.sourceId)) throw notFound("That source");
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.source.findFirst({
        where: { id: args.sourceId, projectId: access.project.id },
        select: sourceSelect,
      });
      if (!before) throw notFound("That source");
      const source = await tx.source.update({
        where: { id: before.id },
        data: input,
        select: sourceSelect,
      });
      await audit(tx, {
        actorId: args.actor.id,
        action: "source.update",
        entityType: "Source",
        entityId: source.id,
        projectId: access.project.id,
        before: { ...before },
        after: { ...source },
      });
      return source;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/**
 * Merges a duplicate into the canonical entry: every annotation and gold label
 * that pointed at the duplicate now points at the canonical one, and the
 * duplicate's name and aliases become aliases, so autocomplete still finds them.
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
