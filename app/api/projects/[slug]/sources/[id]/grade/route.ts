import { apiRouteWith, json } from "@/lib/server/api/http";
import { settleSourceGrade } from "@/lib/server/sources/grades";

type Params = { slug: string; id: string };

/** PUT /api/projects/{slug}/sources/{id}/grade `{ "grade", "rationale" }` — settles the project's grade (a new history entry). */
export const PUT = apiRouteWith<Params>("write", async ({ actor, params, body }) =>
  json({
    grade: await settleSourceGrade({
      actor,
      projectSlug: params.slug,
      sourceId: params.id,
      input: await body(),
    }),
  }),
);
