import { apiRouteWith, jsonWithETag } from "@/lib/server/api/http";
import { filterParams, projectAgreement } from "@/lib/server/review/agreement";

type Params = { slug: string };

/**
 * GET /api/projects/{slug}/agreement?documents=…&annotators=…&boilerplate=1 —
 * the dashboard's figures, with an ETag (If-None-Match → 304 while nothing changed).
 */
export const GET = apiRouteWith<Params>("read", async ({ actor, params, search, request }) => {
  const { figures } = await projectAgreement({
    actor,
    projectSlug: params.slug,
    filters: filterParams(search),
  });
  return jsonWithETag(request, figures);
});
