import { apiRoute, json } from "@/lib/server/api/http";

export const dynamic = "force-dynamic";

/** GET /api/me — the caller's own account: who a token or session belongs to. */
export const GET = apiRoute("read", ({ actor }) =>
  Promise.resolve(
    json({ user: { id: actor.id, email: actor.email, name: actor.name, isAdmin: actor.isAdmin } }),
  ),
);
