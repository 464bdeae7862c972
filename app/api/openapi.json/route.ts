import { buildOpenApi } from "@/lib/domain/api/openapi";
import { API_OPERATIONS, API_VERSION } from "@/lib/server/api/catalogue";

/** GET /api/openapi.json — the OpenAPI 3.1 description of every route under /api (public: no data). */
export function GET(): Response {
  return Response.json(buildOpenApi(API_OPERATIONS, API_VERSION), {
    headers: { "Cache-Control": "public, max-age=300" },
  });
}
