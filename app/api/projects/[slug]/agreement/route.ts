import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { filterParams, projectAgreement } from "@/lib/server/review/agreement";
import { errorResponse } from "@/lib/server/results";

/** GET /api/projects/{slug}/agreement?documents=…&annotators=…&boilerplate=1 — the dashboard's figures. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const actor = await requireApiActor(request, "read");
    const { slug } = await params;
    const { figures } = await projectAgreement({
      actor,
      projectSlug: slug,
      filters: filterParams(new URL(request.url).searchParams),
    });
    return Response.json(figures, { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
