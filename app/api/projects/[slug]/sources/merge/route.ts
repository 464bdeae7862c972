import { apiRouteWith, json } from "@/lib/server/api/http";
import { mergeSources } from "@/lib/server/sources/registry";

type Params = { slug: string };

/**
 * POST /api/projects/{slug}/sources/merge `{ "fromId", "intoId" }` — moves every
 * citation of one source to the other and deletes the first (owners, reviewers).
 */
export const POST = apiRouteWith<Params>("write", async ({ actor, params, body }) =>
  json({ source: await mergeSources({ actor, projectSlug: params.slug, input: await body() }) }),
);
