import { apiRouteWith, jsonWithETag } from "@/lib/server/api/http";
import { loadDocumentReview } from "@/lib/server/review/review";

type Params = { slug: string; id: string };

/** GET /api/projects/{slug}/documents/{id}/annotations — every annotator's answers and the gold label, per sentence. */
export const GET = apiRouteWith<Params>("read", async ({ actor, params, request }) => {
  const review = await loadDocumentReview({
    actor,
    projectSlug: params.slug,
    documentId: params.id,
  });
  return jsonWithETag(request, {
    document: review.document,
    identityDisplay: review.identityDisplay,
    annotators: review.annotators,
    sentences: review.sentences,
  });
});
