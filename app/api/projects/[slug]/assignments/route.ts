import { changeAssignments, listAssignmentsPage } from "@/lib/server/assignments/assignments";
import { apiRouteWith, json } from "@/lib/server/api/http";

type Params = { slug: string };

/**
 * GET /api/projects/{slug}/assignments?page=&pageSize= — one page of the
 * project's assignments and each annotator's workload (an annotator of a blind
 * project gets only their own).
 */
export const GET = apiRouteWith<Params>("read", async ({ actor, params, page }) =>
  json(await listAssignmentsPage({ actor, projectSlug: params.slug, page: page() })),
);

/**
 * PUT /api/projects/{slug}/assignments — one change (assign, distribute,
 * unassign, reassign, reclaim); the body is assignmentChangeSchema
 * (lib/domain/workflow/assignments.ts). Owners only.
 */
export const PUT = apiRouteWith<Params>("write", async ({ actor, params, body }) =>
  json(await changeAssignments({ actor, projectSlug: params.slug, input: await body() })),
);
