import { AppError } from "@/lib/domain/errors";
import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { errorResponse } from "@/lib/server/results";
import {
  importRegistry,
  MAX_REGISTRY_FILE_BYTES,
  registryUpload,
} from "@/lib/server/sources/registry";

/**
 * POST /api/projects/{slug}/sources/import — multipart `file` (CSV or JSON) →
 * `{ created, updated, errors: [{ row, message }] }`; 422 with the errors when
 * any row is wrong, and then nothing was written.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const actor = await requireApiActor(request, "write");
    const { slug } = await params;
    if (Number(request.headers.get("content-length") ?? "0") > MAX_REGISTRY_FILE_BYTES + 65536)
      throw new AppError("PAYLOAD_TOO_LARGE", "A registry file may be at most 5 MB.");
    const form = await request.formData().catch(() => null);
    if (!form)
      throw new AppError(
        "VALIDATION",
        'Send the file as multipart/form-data in a field named "file".',
      );
    const result = await importRegistry({
      actor,
      projectSlug: slug,
      file: await registryUpload(form),
    });
    return Response.json(result, {
      status: result.errors.length ? 422 : 200,
      headers: { "Cache-Control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
