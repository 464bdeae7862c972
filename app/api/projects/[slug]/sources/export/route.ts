import { apiRouteWith } from "@/lib/server/api/http";
import { exportRegistry } from "@/lib/server/sources/registry-file";

type Params = { slug: string };

/** GET /api/projects/{slug}/sources/export?format=csv|json — the registry as a file the import reads back. */
export const GET = apiRouteWith<Params>("read", async ({ actor, params, search }) => {
  const file = await exportRegistry({
    actor,
    projectSlug: params.slug,
    format: search.get("format"),
  });
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
