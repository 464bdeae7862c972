import { pageOf } from "@/lib/domain/api/pagination";
import { apiRoute, json } from "@/lib/server/api/http";
import { createProject, listProjects } from "@/lib/server/projects/projects";

export const dynamic = "force-dynamic";

/** GET /api/projects?page=&pageSize= — the projects the caller may open (administrators: every active project). */
export const GET = apiRoute("read", async ({ actor, page }) => {
  const { items, pagination } = pageOf(await listProjects(actor), page());
  return json({ projects: items, pagination });
});

/** POST /api/projects — creates a project (administrators); the creator becomes its first owner. */
export const POST = apiRoute("write", async ({ actor, body }) => {
  const project = await createProject({ actor, input: await body() });
  return json({ project }, { status: 201 });
});
