import { apiRouteWith, json } from "@/lib/server/api/http";
import { adjudicate } from "@/lib/server/review/adjudications";

type Params = { slug: string };

/**
 * PUT /api/projects/{slug}/adjudications — sets one sentence's gold label:
 * `{ sentenceId, choice: { kind: "majority" | "annotator" | "own" | "keep", … }, note?, status?, version }`,
 * `version` being the gold label's version the reviewer saw (0 for none); 409 when it moved on.
 */
export const PUT = apiRouteWith<Params>("write", async ({ actor, params, body }) =>
  json({
    adjudication: await adjudicate({ actor, projectSlug: params.slug, input: await body() }),
  }),
);
