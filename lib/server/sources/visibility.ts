import "server-only";
import type { Prisma } from "@/lib/db";
import type { ProjectAccess } from "../access";

/**
 * Which registry entries a member may see. In a blind project an annotator
 * sees the entries owners, reviewers and administrators added (the project's
 * registry), the ones they added or cite themselves, and those whose creator
 * is unknown (a deleted account, an operator's CLI import); not those only
 * other annotators added, which would tell them what the others found.
 * Everyone else sees the whole registry (an empty filter).
 */
export function visibleSources(access: ProjectAccess, actorId: string): Prisma.SourceWhereInput {
  if (seesWholeRegistry(access)) return {};
  return {
    OR: [
      { createdById: null },
      { createdById: actorId },
      { createdBy: { role: "ADMIN" } },
      {
        createdBy: {
          memberships: {
            some: { projectId: access.project.id, role: { in: ["OWNER", "REVIEWER"] } },
          },
        },
      },
      { annotations: { some: { annotatorId: actorId } } },
    ],
  };
}

/** Whether the caller sees every registry entry: anyone but a blind project's annotator. */
export function seesWholeRegistry(access: ProjectAccess): boolean {
  return !access.project.blindAnnotation || access.can("annotation:read-all");
}
