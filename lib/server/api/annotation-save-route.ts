import "server-only";
import { AnnotationConflict, saveAnnotation } from "@/lib/server/annotations/annotations";
import { requireApiCredential, type RequestHead } from "@/lib/server/accounts/api-auth";
import { errorReply, toResponse, type JsonReply } from "@/lib/server/results";
import { conflictReply, jsonReply } from "./http";

/** What the save reads of a request: a Request, or the entry point's own (fast-routes.ts). */
export interface SaveRequest extends RequestHead {
  /** The body parsed as JSON, as Request.json() parses it; rejects when it is not JSON. */
  json(): Promise<unknown>;
}

/**
 * PUT /api/projects/{slug}/annotations — saves the caller's own annotation of
 * one sentence (the body is the workspace's save input, with expectedVersion:
 * 0 for a new one). 409 carries the server's current value.
 *
 * Answered by the route file through Next and, in production, by the entry
 * point's own HTTP layer in front of Next (fast-routes.ts): one function, so
 * both give the same checks, statuses and bodies. Not wrapped in
 * apiRouteWith: the save checks the credentials inside its own statement, so
 * loading the actor first would add the round trips it saves.
 */
export async function saveReply(request: SaveRequest, slug: string): Promise<JsonReply> {
  try {
    const credential = await requireApiCredential(request, "write");
    const input: unknown = await request.json().catch(() => null);
    return jsonReply({
      annotation: await saveAnnotation({ credential, projectSlug: slug, input }),
    });
  } catch (error) {
    if (error instanceof AnnotationConflict) return conflictReply(error.message, error.current);
    return errorReply(error);
  }
}

/** The route file's handler: saveReply as a Response. */
export async function putAnnotation(request: Request, slug: string): Promise<Response> {
  return toResponse(await saveReply(request, slug));
}
