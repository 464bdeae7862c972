import { exportOptionsInput } from "@/lib/domain/export";
import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { exportResponseStream, startExport } from "@/lib/server/export/export";
import { errorResponse } from "@/lib/server/results";

export const dynamic = "force-dynamic";

/**
 * GET /api/projects/{slug}/export?format=jsonl|csv|w3c|parquet|label-studio&…: the dataset,
 * streamed as it is read from the database. Options are query parameters
 * (see lib/domain/export/options.ts); `document` may repeat.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const actor = await requireApiActor(request, "read");
    const { slug } = await params;
    const job = await startExport({
      actor,
      projectSlug: slug,
      input: exportOptionsInput(new URL(request.url).searchParams),
      via: "api",
    });
    // The body is pulled only as fast as the client reads, and a dropped connection cancels the stream.
    return new Response(exportResponseStream(job), {
      headers: {
        "Content-Type": job.contentType,
        "Content-Disposition": `attachment; filename="${job.filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
