import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "./actor";

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
