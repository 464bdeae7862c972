import { pageOf } from "@/lib/domain/api/pagination";
import { apiRouteWith, json } from "@/lib/server/api/http";
import { createSource } from "@/lib/server/sources/registry";
import { listRegistry, registryParams } from "@/lib/server/sources/list";

type Params = { slug: string };

/**
 * GET /api/projects/{slug}/sources?q=&grade=A..F|none&type=&side=&cited=yes|no&sort=name|grade|citations|type|side&dir=asc|desc&page=&pageSize=
 * — the registry with each source's settled grade and citation count.
 */
export const GET = apiRouteWith<Params>("read", async ({ actor, params, search, page }) => {
  const paging = page();
  const { sources } = await listRegistry({
    actor,
    projectSlug: params.slug,
    query: registryParams(search),
  });
  const { items, pagination } = pageOf(
    sources.map(({ myGrade: _mine, ...source }) => source),
    paging,
  );
  return json({ sources: items, pagination });
});

/** POST /api/projects/{slug}/sources — adds a source; 409 names the source that already has the name or alias. */
export const POST = apiRouteWith<Params>("write", async ({ actor, params, body }) =>
  json(
    { source: await createSource({ actor, projectSlug: params.slug, input: await body() }) },
    { status: 201 },
  ),
);
