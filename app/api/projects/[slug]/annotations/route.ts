import { AnnotationConflict, saveAnnotation } from "@/lib/server/annotations/annotations";
import { apiRouteWith, conflictResponse, json } from "@/lib/server/api/http";

type Params = { slug: string };

/**
 * PUT /api/projects/{slug}/annotations — saves the caller's own annotation of
 * one sentence (the body is the workspace's save input, with expectedVersion:
 * 0 for a new one). 409 carries the server's current value.
 */
export const PUT = apiRouteWith<Params>("write", async ({ actor, params, body }) => {
  const input = await body();
  try {
    return json({ annotation: await saveAnnotation({ actor, projectSlug: params.slug, input }) });
  } catch (error) {
    if (error instanceof AnnotationConflict) return conflictResponse(error.message, error.current);
    throw error;
  }
});
