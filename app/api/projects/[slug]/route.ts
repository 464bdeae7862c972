import { apiRouteWith, json } from "@/lib/server/api/http";
import { getProject, updateProject } from "@/lib/server/projects/projects";

type Params = { slug: string };

/** GET /api/projects/{slug} — the project's settings and guidelines, and the caller's role (any member). */
export const GET = apiRouteWith<Params>("read", async ({ actor, params }) =>
  json({ project: await getProject({ actor, slug: params.slug }) }),
);

/**
 * PUT /api/projects/{slug} — replaces the settings, as the settings form does
 * (owners and administrators). `assistantEnabled` and `sideOptions` left out
 * keep their values; a changed `slug` moves the project's address.
 */
export const PUT = apiRouteWith<Params>("write", async ({ actor, params, body }) => {
  const input = await body();
  const { slug } = await updateProject({ actor, projectSlug: params.slug, input });
  return json({ project: await getProject({ actor, slug }) });
});
