import "server-only";
import { AnnotationConflict, saveAnnotation } from "@/lib/server/annotations/annotations";
import { requireApiCredential } from "@/lib/server/accounts/api-auth";
import { errorResponse } from "@/lib/server/results";
import { conflictResponse, json } from "./http";

/**
 * PUT /api/projects/{slug}/annotations — saves the caller's own annotation of
 * one sentence (the body is the workspace's save input, with expectedVersion:
 * 0 for a new one). 409 carries the server's current value.
 *
 * Served by the route file and, in production, by the entry point's own HTTP
 * layer in front of Next (fast-routes.ts): one function, so both give the
 * same checks, statuses and bodies. Not wrapped in apiRouteWith: the save
 * checks the credentials inside its own statement, so loading the actor first
 * would add the round trips it saves.
 */
export async function putAnnotation(request: Request, slug: string): Promise<Response> {
  try {
    const credential = await requireApiCredential(request, "write");
    const input: unknown = await request.json().catch(() => null);
    return json({ annotation: await saveAnnotation({ credential, projectSlug: slug, input }) });
  } catch (error) {
    if (error instanceof AnnotationConflict) return conflictResponse(error.message, error.current);
    return errorResponse(error);
  }
}
