import { apiRouteWith, jsonWithETag } from "@/lib/server/api/http";
import { loadDocumentReview } from "@/lib/server/review/review";

type Params = { slug: string; id: string };

/**
 * GET /api/projects/{slug}/documents/{id}/adjudications — each sentence's
 * gold label (null when not adjudicated) beside the annotators' majority, as
 * the review page shows them; `version` is what a change or clear must send.
 */
export const GET = apiRouteWith<Params>("read", async ({ actor, params, request }) => {
  const review = await loadDocumentReview({
    actor,
    projectSlug: params.slug,
    documentId: params.id,
  });
  return jsonWithETag(request, {
    document: review.document,
    sentences: review.sentences.map((s) => ({
      sentenceId: s.id,
      index: s.index,
      majority: s.majority,
      adjudication: s.adjudication,
    })),
  });
});
