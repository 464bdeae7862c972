import { AppError } from "@/lib/domain/errors";
import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { importFromUrl } from "@/lib/server/documents/import";
import { errorResponse } from "@/lib/server/results";

/**
 * POST /api/projects/{slug}/documents/from-url — JSON `{ "url": "https://…",
 * "confirm"?: "all" }`: the server fetches the page and imports it like an
 * uploaded .html file (owners only). Answers with the file's result: 201 when
 * stored, 409 when held back as a likely duplicate (send again with
 * "confirm": "all"), 422 with the reason otherwise.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const actor = await requireApiActor(request, "write");
    const { slug } = await params;
    let input: unknown;
    try {
      input = await request.json();
    } catch {
      throw new AppError("VALIDATION", 'Send JSON such as {"url": "https://example.com/article"}.');
    }
    const result = await importFromUrl({ actor, projectSlug: slug, input, via: "api" });
    return Response.json(result, {
      status: result.documents.length > 0 ? 201 : result.likelyDuplicates.length > 0 ? 409 : 422,
      headers: { "Cache-Control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
