import { AppError } from "@/lib/domain/errors";
import { apiRouteWith, json } from "@/lib/server/api/http";
import { errorBody } from "@/lib/server/results";
import {
  importRegistry,
  MAX_REGISTRY_FILE_BYTES,
  registryUpload,
} from "@/lib/server/sources/registry-file";

type Params = { slug: string };

/**
 * POST /api/projects/{slug}/sources/import — multipart `file` (CSV or JSON) →
 * `{ created, updated, errors: [{ row, message }] }`; 422 with the errors when
 * any row is wrong, and then nothing was written.
 */
export const POST = apiRouteWith<Params>("write", async ({ actor, params, request }) => {
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
    projectSlug: params.slug,
    file: await registryUpload(form),
  });
  if (result.errors.length === 0) return json(result);
  const first = result.errors[0];
  return json(
    {
      ...errorBody(
        "VALIDATION",
        first ? `Row ${first.row}: ${first.message}` : "The file has errors.",
      ),
      ...result,
    },
    { status: 422 },
  );
});
