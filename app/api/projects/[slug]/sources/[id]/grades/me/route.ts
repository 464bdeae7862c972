import { apiRouteWith, json } from "@/lib/server/api/http";
import { gradeSource } from "@/lib/server/sources/grades";

type Params = { slug: string; id: string };

/** PUT /api/projects/{slug}/sources/{id}/grades/me `{ "grade": "A".."F", "rationale"?, "expectedVersion"? }` — the caller's own grade. */
export const PUT = apiRouteWith<Params>("write", async ({ actor, params, body }) =>
  json({
    grade: await gradeSource({
      actor,
      projectSlug: params.slug,
      sourceId: params.id,
      input: await body(),
    }),
  }),
);
