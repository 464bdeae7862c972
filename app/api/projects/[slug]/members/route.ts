import { pageOf } from "@/lib/domain/api/pagination";
import { apiRouteWith, json } from "@/lib/server/api/http";
import { addMember, listMembers } from "@/lib/server/projects/members";

type Params = { slug: string };

/** GET /api/projects/{slug}/members?page=&pageSize= — for those who manage members. */
export const GET = apiRouteWith<Params>("read", async ({ actor, params, page }) => {
  const { items, pagination } = pageOf(
    await listMembers({ actor, projectSlug: params.slug }),
    page(),
  );
  return json({ members: items, pagination });
});

/** POST /api/projects/{slug}/members `{ "email", "role" }` — adds an existing account. */
export const POST = apiRouteWith<Params>("write", async ({ actor, params, body }) => {
  const member = await addMember({ actor, projectSlug: params.slug, input: await body() });
  return json({ member }, { status: 201 });
});
