import { AnnotationConflict, saveAnnotation } from "@/lib/server/annotations/annotations";
import { requireApiCredential } from "@/lib/server/accounts/api-auth";
import { errorResponse } from "@/lib/server/results";

/**
 * PUT /api/projects/{slug}/annotations — saves the caller's own annotation of
 * one sentence (the body is the workspace's save input, with expectedVersion).
 * 409 carries the server's current value, like the workspace's conflict prompt.
 */
export async function PUT(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    // The save checks the credentials in its own statement (one round trip for the whole save).
    const credential = await requireApiCredential(request, "write");
    const { slug } = await params;
    const input: unknown = await request.json().catch(() => null);
    const annotation = await saveAnnotation({ credential, projectSlug: slug, input });
    return Response.json({ annotation }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof AnnotationConflict) {
      return Response.json(
        { error: { code: "CONFLICT", message: error.message }, current: error.current },
        { status: 409 },
      );
    }
    return errorResponse(error);
  }
}
