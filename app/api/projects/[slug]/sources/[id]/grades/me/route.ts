import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { errorResponse } from "@/lib/server/results";
import { gradeSource } from "@/lib/server/sources/grades";

/** PUT /api/projects/{slug}/sources/{id}/grades/me `{ "grade": "A".."F", "rationale"?, "expectedVersion"? }` — the caller's own grade. */
export async function PUT(
  request: Request,
  { params }: { params: Promise<{ slug: string; id: string }> },
) {
  try {
    const actor = await requireApiActor(request, "write");
    const { slug, id } = await params;
    const input: unknown = await request.json().catch(() => null);
    const grade = await gradeSource({ actor, projectSlug: slug, sourceId: id, input });
    return Response.json({ grade }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
