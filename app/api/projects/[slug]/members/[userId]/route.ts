import { changeMemberSchema } from "@/lib/domain/projects";
import { apiRouteWith, json } from "@/lib/server/api/http";
import { changeMember } from "@/lib/server/projects/members";
import { parseInput } from "@/lib/server/validation";

type Params = { slug: string; userId: string };

/** PATCH /api/projects/{slug}/members/{userId} `{ "role" }` — 409 when it would leave no owner. */
export const PATCH = apiRouteWith<Params>("write", async ({ actor, params, body }) => {
  // The body's shape only; changeMember checks the caller and the role itself.
  const { role } = parseInput(changeMemberSchema, await body());
  await changeMember({ actor, projectSlug: params.slug, userId: params.userId, role });
  return json({ member: { userId: params.userId, role } });
});

/** DELETE /api/projects/{slug}/members/{userId} — removes the member (their annotations stay). */
export const DELETE = apiRouteWith<Params>("write", async ({ actor, params }) => {
  await changeMember({ actor, projectSlug: params.slug, userId: params.userId, role: "REMOVE" });
  return json({ removed: { userId: params.userId } });
});
