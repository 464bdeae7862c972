import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { errorResponse } from "@/lib/server/results";

export const dynamic = "force-dynamic";

/** The caller's own account: who a token or session belongs to. */
export async function GET(request: Request) {
  try {
    const actor = await requireApiActor(request, "read");
    return Response.json(
      { user: { id: actor.id, email: actor.email, name: actor.name, isAdmin: actor.isAdmin } },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
