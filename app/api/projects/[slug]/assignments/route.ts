import { changeAssignments, listAssignments } from "@/lib/server/assignments/assignments";
import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { errorResponse } from "@/lib/server/results";

type Params = { params: Promise<{ slug: string }> };

/**
 * GET /api/projects/{slug}/assignments — the project's assignments and each
 * annotator's workload (an annotator of a blind project gets only their own).
 */
export async function GET(request: Request, { params }: Params) {
  try {
    const actor = await requireApiActor(request, "read");
    const { slug } = await params;
    const view = await listAssignments({ actor, projectSlug: slug });
    return Response.json(view, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * PUT /api/projects/{slug}/assignments — one change (assign, distribute,
 * unassign, reassign, reclaim); the body is assignmentChangeSchema
 * (lib/domain/workflow/assignments.ts). Owners only.
 */
export async function PUT(request: Request, { params }: Params) {
  try {
    const actor = await requireApiActor(request, "write");
    const { slug } = await params;
    const input: unknown = await request.json().catch(() => null);
    const result = await changeAssignments({ actor, projectSlug: slug, input });
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
