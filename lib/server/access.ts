import "server-only";
import { z } from "zod";
import { db, Prisma } from "@/lib/db";
import { AppError, notFound } from "@/lib/domain/errors";
import { isStorableText } from "@/lib/domain/input";
import { can, type ProjectAction, type ProjectRole } from "@/lib/domain/permissions";
import type { Actor } from "./actor";

export interface ProjectAccess {
  project: {
    id: string;
    slug: string;
    name: string;
    description: string;
    blindAnnotation: boolean;
    /** The attribution assistant's suggestions are offered (a project setting). */
    assistantEnabled: boolean;
    annotatorsPerDocument: number;
    archivedAt: Date | null;
  };
  role: ProjectRole | null;
  can(action: ProjectAction): boolean;
}

const uuid = z.uuid();

/** How a caller names the project: pages and actions by id, the JSON API by the slug in its path. */
export type ProjectRef =
  { projectId: string; projectSlug?: never } | { projectSlug: string; projectId?: never };

export function projectRef(ref: ProjectRef): { id: string } | { slug: string } {
  return ref.projectSlug !== undefined ? { slug: ref.projectSlug } : { id: ref.projectId };
}

/** True when `id` could be a row id; anything else is answered like a missing row. */
export function isUuid(id: string): boolean {
  return uuid.safeParse(id).success;
}

/**
 * Loads a project the actor may act on, or fails. A non-member gets NOT_FOUND,
 * exactly as for a project that does not exist, so ids and slugs of other
 * projects reveal nothing; a member without the permission gets FORBIDDEN.
 */
export async function requireProjectAccess(
  actor: Actor,
  ref: { slug: string } | { id: string },
  action: ProjectAction,
): Promise<ProjectAccess> {
  if ("id" in ref && !isUuid(ref.id)) throw notFound("That project");
  // A slug from a URL that no project could have (a NUL would be a database error) is simply not found.
  if ("slug" in ref && (ref.slug.length > 200 || !isStorableText(ref.slug)))
    throw notFound("That project");
  // One round trip (project and the actor's membership together): this runs
  // on every page, action and API call, and before every imported file.
  const [project] = await db.$queryRaw<
    Array<ProjectAccess["project"] & { role: ProjectRole | null }>
  >`
    SELECT p.id::text AS id, p.slug, p.name, p.description, p."blindAnnotation", p."assistantEnabled", p."annotatorsPerDocument", p."archivedAt",
      (SELECT m.role::text FROM "Membership" m WHERE m."projectId" = p.id AND m."userId"::text = ${actor.id}) AS role
    FROM "Project" p
    WHERE ${"slug" in ref ? Prisma.sql`p.slug = ${ref.slug}` : Prisma.sql`p.id = ${ref.id}::uuid`}`;
  const role = project?.role ?? null;
  if (!project || (!actor.isAdmin && !role)) throw notFound("That project");
  const subject = { isAdmin: actor.isAdmin, role };
  const access: ProjectAccess = {
    project: {
      id: project.id,
      slug: project.slug,
      name: project.name,
      description: project.description,
      blindAnnotation: project.blindAnnotation,
      assistantEnabled: project.assistantEnabled,
      annotatorsPerDocument: project.annotatorsPerDocument,
      archivedAt: project.archivedAt,
    },
    role,
    can: (a) => can(subject, a, project),
  };
  if (!access.can(action)) {
    throw new AppError("FORBIDDEN", "Your role in this project does not allow that.");
  }
  return access;
}
