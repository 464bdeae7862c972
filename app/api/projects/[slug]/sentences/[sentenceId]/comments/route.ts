import { pageOf } from "@/lib/domain/api/pagination";
import { apiRouteWith, json } from "@/lib/server/api/http";
import { addComment, listComments } from "@/lib/server/review/comments";

type Params = { slug: string; sentenceId: string };

/**
 * GET /api/projects/{slug}/sentences/{sentenceId}/comments?page=&pageSize= —
 * the sentence's thread, oldest first (in a blind project an annotator joins it
 * once they submitted the document).
 */
export const GET = apiRouteWith<Params>("read", async ({ actor, params, page }) => {
  const { items, pagination } = pageOf(
    await listComments({ actor, projectSlug: params.slug, sentenceId: params.sentenceId }),
    page(),
  );
  return json({ comments: items, pagination });
});

/** POST /api/projects/{slug}/sentences/{sentenceId}/comments `{ "body" }` — adds to the thread. */
export const POST = apiRouteWith<Params>("write", async ({ actor, params, body }) => {
  const input = await body();
  const comment = await addComment({
    actor,
    projectSlug: params.slug,
    // The sentence is the path's; a sentenceId in the body is ignored.
    input: { ...(typeof input === "object" ? input : {}), sentenceId: params.sentenceId },
  });
  return json({ comment }, { status: 201 });
});
