import { apiRouteWith, json, jsonWithETag } from "@/lib/server/api/http";
import { deleteDocument, updateDocumentMetadata } from "@/lib/server/documents/edit";
import { getDocument } from "@/lib/server/documents/store";

type Params = { slug: string; id: string };

/**
 * GET /api/projects/{slug}/documents/{id} — the document's details and its
 * sentences (offsets in UTF-16 code units over the normalised text), with an
 * ETag: send it back in If-None-Match and an unchanged document is a 304.
 */
export const GET = apiRouteWith<Params>("read", async ({ actor, params, request }) => {
  const { document } = await getDocument({
    actor,
    projectSlug: params.slug,
    documentId: params.id,
  });
  return jsonWithETag(request, { document });
});

/**
 * PUT /api/projects/{slug}/documents/{id} `{ title, byline, publisher, publishedAt, sourceUrl }`
 * — the details form (owners): every field is sent, "" clears it; the text never changes.
 */
export const PUT = apiRouteWith<Params>("write", async ({ actor, params, body }) => {
  await updateDocumentMetadata({
    actor,
    projectSlug: params.slug,
    documentId: params.id,
    input: await body(),
  });
  const { document } = await getDocument({
    actor,
    projectSlug: params.slug,
    documentId: params.id,
  });
  const { sentences: _sentences, ...details } = document;
  return json({ document: details });
});

/** DELETE /api/projects/{slug}/documents/{id} — with its sentences, annotations, gold labels and comments (owners). */
export const DELETE = apiRouteWith<Params>("write", async ({ actor, params }) =>
  json({
    deleted: await deleteDocument({ actor, projectSlug: params.slug, documentId: params.id }),
  }),
);
