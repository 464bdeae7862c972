import { apiRouteWith, json } from "@/lib/server/api/http";
import { sourceProfile } from "@/lib/server/sources/profile";
import { deleteSource, updateSource } from "@/lib/server/sources/registry";

type Params = { slug: string; id: string };

/**
 * GET /api/projects/{slug}/sources/{id} — the source's profile. Callers who
 * may not see other annotators' work (annotators in blind projects) get no
 * `annotatorGrades` key at all, only their own grade.
 */
export const GET = apiRouteWith<Params>("read", async ({ actor, params }) => {
  const { annotatorGrades, gradeSpread, ...profile } = await sourceProfile({
    actor,
    projectSlug: params.slug,
    sourceId: params.id,
  });
  return json(annotatorGrades ? { ...profile, annotatorGrades, gradeSpread } : profile);
});

/** PATCH /api/projects/{slug}/sources/{id} — changes the fields sent, keeps the others. */
export const PATCH = apiRouteWith<Params>("write", async ({ actor, params, body }) =>
  json({
    source: await updateSource({
      actor,
      projectSlug: params.slug,
      sourceId: params.id,
      input: await body(),
    }),
  }),
);

/** DELETE /api/projects/{slug}/sources/{id} — 409 while annotations or gold labels cite it (merge instead). */
export const DELETE = apiRouteWith<Params>("write", async ({ actor, params }) =>
  json({
    deleted: await deleteSource({ actor, projectSlug: params.slug, sourceId: params.id }),
  }),
);
