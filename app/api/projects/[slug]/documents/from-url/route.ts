import { apiRouteWith } from "@/lib/server/api/http";
import { importResultResponse } from "@/lib/server/api/import-response";
import { importFromUrl } from "@/lib/server/documents/import";

/**
 * POST /api/projects/{slug}/documents/from-url — JSON `{ "url": "https://…",
 * "confirm"?: "all" }`: the server fetches the page and imports it like an
 * uploaded .html file (owners only). 201 when stored, 409 when held back as a
 * likely duplicate (send again with "confirm": "all"), 422 with the reason.
 */
export const POST = apiRouteWith<{ slug: string }>("write", async ({ actor, params, body }) =>
  importResultResponse(
    await importFromUrl({ actor, projectSlug: params.slug, input: await body(), via: "api" }),
  ),
);
