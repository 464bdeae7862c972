import { exportOptionsInput } from "@/lib/domain/export";
import { apiRouteWith } from "@/lib/server/api/http";
import { exportResponseStream, startExport } from "@/lib/server/export/export";

export const dynamic = "force-dynamic";

type Params = { slug: string };

/**
 * GET /api/projects/{slug}/export?format=jsonl|csv|w3c|parquet|label-studio&…: the dataset,
 * streamed as it is read from the database. Options are query parameters
 * (see lib/domain/export/options.ts); `document` may repeat.
 */
export const GET = apiRouteWith<Params>("read", async ({ actor, params, search }) => {
  const job = await startExport({
    actor,
    projectSlug: params.slug,
    input: exportOptionsInput(search),
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
});
