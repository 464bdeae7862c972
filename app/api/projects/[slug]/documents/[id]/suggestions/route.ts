import { apiRouteWith, json } from "@/lib/server/api/http";
import { documentSuggestions } from "@/lib/server/annotations/suggestions";

type Params = { slug: string; id: string };

/**
 * GET /api/projects/{slug}/documents/{id}/suggestions — the attribution
 * assistant's cues, sources and labels for every sentence (any member; 409
 * when the project has the assistant turned off).
 */
export const GET = apiRouteWith<Params>("read", async ({ actor, params }) =>
  json(await documentSuggestions({ actor, projectSlug: params.slug, documentId: params.id })),
);
