import { apiRouteWith, json } from "@/lib/server/api/http";
import { clearAdjudication } from "@/lib/server/review/adjudications";

type Params = { slug: string; sentenceId: string };

/** DELETE /api/projects/{slug}/adjudications/{sentenceId}?version=N — removes the gold label if still version N. */
export const DELETE = apiRouteWith<Params>("write", async ({ actor, params, search }) => {
  const version = search.get("version");
  const cleared = await clearAdjudication({
    actor,
    projectSlug: params.slug,
    input: {
      sentenceId: params.sentenceId,
      version: version === null || version.trim() === "" ? undefined : Number(version),
    },
  });
  return json({ cleared });
});
