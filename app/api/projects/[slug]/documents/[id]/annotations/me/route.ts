import { apiRouteWith, jsonWithETag } from "@/lib/server/api/http";
import { loadWorkspace } from "@/lib/server/annotations/annotations";

type Params = { slug: string; id: string };

/**
 * GET /api/projects/{slug}/documents/{id}/annotations/me — the caller's own
 * annotations of the document (with each one's version, for the next save or
 * clear) and whether they submitted it: what the workspace opens with.
 */
export const GET = apiRouteWith<Params>("read", async ({ actor, params, request }) => {
  const workspace = await loadWorkspace({
    actor,
    projectSlug: params.slug,
    documentId: params.id,
  });
  return jsonWithETag(request, {
    documentId: workspace.document.id,
    annotations: workspace.mine,
    progress: workspace.progress,
  });
});
