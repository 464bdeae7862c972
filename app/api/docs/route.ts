import { renderApiDocs } from "@/lib/domain/api/docs-page";
import { API_OPERATIONS, API_VERSION } from "@/lib/server/api/catalogue";

/** GET /api/docs — the API description as a plain, script-free HTML page (public: no data). */
export function GET(): Response {
  return new Response(renderApiDocs(API_OPERATIONS, API_VERSION), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "public, max-age=300",
    },
  });
}
