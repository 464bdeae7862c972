import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { errorResponse } from "@/lib/server/results";
import { exportRegistry } from "@/lib/server/sources/registry";

/** GET /api/projects/{slug}/sources/export?format=csv|json — the registry as a file the import reads back. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const actor = await requireApiActor(request, "read");
    const { slug } = await params;
    const file = await exportRegistry({
      actor,
      projectSlug: slug,
      format: new URL(request.url).searchParams.get("format"),
    });
    return new Response(file.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
