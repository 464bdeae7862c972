import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/domain/errors";
import { canGlobal } from "@/lib/domain/permissions";
import { projectSettingsSchema } from "@/lib/domain/projects";
import { projectRef, requireProjectAccess, type ProjectRef } from "../access";
import type { Actor } from "../actor";
import { audit } from "../audit/record";
import { parseInput } from "../validation";

export interface ProjectSummary {
  id: string;
  slug: string;
  name: string;
  description: string;
  role: string | null;
  documentCount: number;
}

/** Projects the actor belongs to; administrators see every project. */
export async function listProjects(actor: Actor): Promise<ProjectSummary[]> {
  const projects = await db.project.findMany({
    where: actor.isAdmin
      ? { archivedAt: null }
      : { archivedAt: null, memberships: { some: { userId: actor.id } } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      memberships: { where: { userId: actor.id }, select: { role: true }, take: 1 },
      _count: { select: { documents: true } },
    },
  });
  return projects.map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: p.description,
    role: p.memberships[0]?.role ?? (actor.isAdmin ? "ADMIN" : null),
    documentCount: p._count.documents,
  }));
}

const slugTaken = () =>
  new AppError("CONFLICT", "Another project already uses this address.", {
    slug: ["Another project already uses this address."],
  });

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/** Creates a project (administrators only); the creator becomes its first owner. */
export async function createProject({
  actor,
  input,
}: {
  actor: Actor;
  input: unknown;
}): Promise<{ id: string; slug: string }> {
  if (!canGlobal(actor, "project:create"))
    throw new AppError("FORBIDDEN", "Only administrators can create projects.");
  const data = parseInput(projectSettingsSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const project = await tx.project.create({
        data: { ...data, memberships: { create: { userId: actor.id, role: "OWNER" } } },
        select: { id: true, slug: true },
      });
      await audit(tx, {
        actorId: actor.id,
        action: "project.create",
        entityType: "Project",
        entityId: project.id,
        projectId: project.id,
        after: data,
      });
      return project;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

export interface ProjectSettings {
  id: string;
  slug: string;
  name: string;
  description: string;
  guidelines: string;
  blindAnnotation: boolean;
  assistantEnabled: boolean;
  headlineUnit: boolean;
  sideOptions: string[];
  annotatorsPerDocument: number;
  archivedAt: Date | null;
}

/** What an owner can change in the settings (and what the audit event compares). */
const editableProjectFields = {
  slug: true,
  name: true,
  description: true,
  guidelines: true,
  blindAnnotation: true,
  assistantEnabled: true,
  headlineUnit: true,
  sideOptions: true,
  annotatorsPerDocument: true,
} as const;

const projectSettingsSelect = { id: true, ...editableProjectFields, archivedAt: true } as const;

export async function getProjectSettings({
  actor,
  slug,
}: {
  actor: Actor;
  slug: string;
}): Promise<ProjectSettings> {
  const access = await requireProjectAccess(actor, { slug }, "project:manage");
  return db.project.findUniqueOrThrow({
    where: { id: access.project.id },
    select: projectSettingsSelect,
  });
}

/**
 * A project's settings as any member may read them (the workspace shows the
 * guidelines to annotators too), with the caller's role in it.
 */
export async function getProject({
  actor,
  slug,
}: {
  actor: Actor;
  slug: string;
}): Promise<ProjectSettings & { role: string }> {
  const access = await requireProjectAccess(actor, { slug }, "project:read");
  const settings = await db.project.findUniqueOrThrow({
    where: { id: access.project.id },
    select: projectSettingsSelect,
  });
  return { ...settings, role: access.role ?? "ADMIN" };
}

/** Edits name, address and settings; owners and administrators. */
export async function updateProject({
  actor,
  input,
  ...ref
}: {
  actor: Actor;
  input: unknown;
} & ProjectRef): Promise<{ slug: string }> {
  const access = await requireProjectAccess(actor, projectRef(ref), "project:manage");
  const data = parseInput(projectSettingsSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.project.findUniqueOrThrow({
        where: { id: access.project.id },
        select: editableProjectFields,
      });
      const updated = await tx.project.update({
        where: { id: access.project.id },
        data,
        select: { slug: true },
      });
      await audit(tx, {
        actorId: actor.id,
        action: "project.update",
        entityType: "Project",
        entityId: access.project.id,
        projectId: access.project.id,
        before,
        after: data,
      });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

/** Archives (hides from lists, keeps all data) or restores a project. */
export async function setProjectArchived({
  actor,
  projectId,
  archived,
}: {
  actor: Actor;
  projectId: string;
  archived: boolean;
}): Promise<void> {
  const access = await requireProjectAccess(actor, { id: projectId }, "project:manage");
  await db.$transaction(async (tx) => {
    await tx.project.update({
      where: { id: access.project.id },
      data: { archivedAt: archived ? new Date() : null },
    });
    await audit(tx, {
      actorId: actor.id,
      action: archived ? "project.archive" : "project.restore",
      entityType: "Project",
      entityId: access.project.id,
      projectId: access.project.id,
    });
  });
}
