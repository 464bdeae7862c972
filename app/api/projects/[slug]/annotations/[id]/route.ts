import { AnnotationConflict, clearAnnotation } from "@/lib/server/annotations/annotations";
import { apiRouteWith, conflictResponse, json } from "@/lib/server/api/http";

type Params = { slug: string; id: string };

/**
 * DELETE /api/projects/{slug}/annotations/{id}?expectedVersion=N — clears the
 * caller's own annotation if it is still version N; 409 with the current value otherwise.
 */
export const DELETE = apiRouteWith<Params>("write", async ({ actor, params, search }) => {
  const version = search.get("expectedVersion");
  try {
    const cleared = await clearAnnotation({
      actor,
      projectSlug: params.slug,
      input: {
        annotationId: params.id,
        // Left for the schema to refuse with its own message when missing or not a number.
        expectedVersion: version === null || version.trim() === "" ? undefined : Number(version),
      },
    });
    return json({ cleared });
  } catch (error) {
    if (error instanceof AnnotationConflict) return conflictResponse(error.message, error.current);
    throw error;
  }
});
