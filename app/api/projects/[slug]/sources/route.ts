import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { errorResponse } from "@/lib/server/results";
import { createSource, listRegistry, registryParams } from "@/lib/server/sources/registry";

type Params = { params: Promise<{ slug: string }> };

/**
 * GET /api/projects/{slug}/sources?q=&grade=A..F|none&type=&side=&cited=yes|no&sort=name|grade|citations|type|side&dir=asc|desc
 * — the registry with each source's settled grade and citation count.
 */
export async function GET(request: Request, { params }: Params) {
  try {
    const actor = await requireApiActor(request, "read");
    const { slug } = await params;
    const { sources } = await listRegistry({
      actor,
      projectSlug: slug,
      query: registryParams(new URL(request.url).searchParams),
    });
    return Response.json(
      { sources: sources.map(({ myGrade: _mine, ...source }) => source) },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/projects/{slug}/sources — adds a source; 409 names the source that already has the name or alias. */
export async function POST(request: Request, { params }: Params) {
  try {
    const actor = await requireApiActor(request, "write");
    const { slug } = await params;
    const input: unknown = await request.json().catch(() => null);
    const source = await createSource({ actor, projectSlug: slug, input });
    return Response.json({ source }, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
