import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { listProjects } from "@/lib/server/projects/projects";
import { errorResponse } from "@/lib/server/results";

export const dynamic = "force-dynamic";

/** The projects the caller may open (administrators: every active project). */
export async function GET(request: Request) {
  try {
    const actor = await requireApiActor(request, "read");
    const projects = await listProjects(actor);
    return Response.json({ projects }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
