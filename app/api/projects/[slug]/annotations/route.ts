import { putAnnotation } from "@/lib/server/api/annotation-save-route";

/** PUT /api/projects/{slug}/annotations — see putAnnotation. */
export async function PUT(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return putAnnotation(request, (await params).slug);
}
