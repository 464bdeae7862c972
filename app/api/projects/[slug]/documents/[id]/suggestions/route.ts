import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { documentSuggestions } from "@/lib/server/annotations/suggestions";
import { errorResponse } from "@/lib/server/results";

/**
 * GET /api/projects/{slug}/documents/{id}/suggestions — the attribution
 * assistant's cues, sources and labels for every sentence (any member; 409
 * when the project has the assistant turned off).
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ slug: string; id: string }> },
) {
  try {
    const actor = await requireApiActor(request, "read");
    const { slug, id } = await params;
    const suggestions = await documentSuggestions({ actor, projectSlug: slug, documentId: id });
    return Response.json(suggestions, { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
