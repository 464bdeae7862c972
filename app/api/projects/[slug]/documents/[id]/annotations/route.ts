import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { errorResponse } from "@/lib/server/results";
import { loadDocumentReview } from "@/lib/server/review/review";

/** GET /api/projects/{slug}/documents/{id}/annotations — every annotator's answers and the gold label, per sentence. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ slug: string; id: string }> },
) {
  try {
    const actor = await requireApiActor(request, "read");
    const { slug, id } = await params;
    const review = await loadDocumentReview({ actor, projectSlug: slug, documentId: id });
    return Response.json(
      {
        document: review.document,
        identityDisplay: review.identityDisplay,
        annotators: review.annotators,
        sentences: review.sentences,
      },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
