import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { errorResponse } from "@/lib/server/results";
import { sourceProfile } from "@/lib/server/sources/profile";
import { deleteSource, updateSource } from "@/lib/server/sources/registry";

type Params = { params: Promise<{ slug: string; id: string }> };

/**
 * GET /api/projects/{slug}/sources/{id} — the source's profile. Callers who
 * may not see other annotators' work (annotators in blind projects) get no
 * `annotatorGrades` key at all, only their own grade.
 */
export async function GET(request: Request, { params }: Params) {
  try {
    const actor = await requireApiActor(request, "read");
    const { slug, id } = await params;
    const { annotatorGrades, gradeSpread, ...profile } = await sourceProfile({
      actor,
      projectSlug: slug,
      sourceId: id,
    });
    return Response.json(annotatorGrades ? { ...profile, annotatorGrades, gradeSpread } : profile, {
      headers: { "Cache-Control": "private, no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** PATCH /api/projects/{slug}/sources/{id} — changes the fields sent, keeps the others. */
export async function PATCH(request: Request, { params }: Params) {
  try {
    const actor = await requireApiActor(request, "write");
    const { slug, id } = await params;
    const input: unknown = await request.json().catch(() => null);
    const source = await updateSource({ actor, projectSlug: slug, sourceId: id, input });
    return Response.json({ source }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

/** DELETE /api/projects/{slug}/sources/{id} — 409 while annotations or gold labels cite it (merge instead). */
export async function DELETE(request: Request, { params }: Params) {
  try {
    const actor = await requireApiActor(request, "write");
    const { slug, id } = await params;
    const deleted = await deleteSource({ actor, projectSlug: slug, sourceId: id });
    return Response.json({ deleted }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
