import { pagination } from "@/lib/domain/api/pagination";
import { AppError } from "@/lib/domain/errors";
import { MAX_UPLOAD_BYTES } from "@/lib/domain/ingest";
import { apiRouteWith, json } from "@/lib/server/api/http";
import { importFile } from "@/lib/server/documents/import";
import { documentListApiQuerySchema, searchDocuments } from "@/lib/server/documents/store";
import { errorBody } from "@/lib/server/results";
import { parseInput } from "@/lib/server/validation";

type Params = { slug: string };

// Multipart framing around a 5 MB file; anything bigger is refused before it is read.
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

/**
 * GET /api/projects/{slug}/documents?q=&status=&sort=&page=&pageSize= — the
 * project page's list with its filters; in a blind project an annotator's
 * progress figures are about their own work only.
 */
export const GET = apiRouteWith<Params>("read", async ({ actor, params, search }) => {
  const query = parseInput(documentListApiQuerySchema, Object.fromEntries(search));
  const { documents, total } = await searchDocuments({
    actor,
    projectSlug: params.slug,
    query,
  });
  return json({ documents, pagination: pagination(total, query) });
});

/**
 * POST /api/projects/{slug}/documents — multipart with one `file`: imports it
 * and answers with the file's result. The upload page sends one request per
 * file so each file has its own progress and result.
 */
export const POST = apiRouteWith<Params>("write", async ({ actor, params, request }) => {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      "The file is too large; the limit is 5 MB. Split it into smaller files.",
    );
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError(
      "VALIDATION",
      'Send the file as multipart/form-data in a field named "file".',
    );
  }
  const file = form.get("file");
  if (!(file instanceof File))
    throw new AppError(
      "VALIDATION",
      'Send the file as multipart/form-data in a field named "file".',
    );
  if (file.size > MAX_UPLOAD_BYTES) {
    // Checked before reading so a huge file is never held in memory twice; parseUpload says the same.
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `${file.name}: the file is too large; the limit is 5 MB. Split it into smaller files (a Sourcelight export over 5 MB imports from the shell: npm run import).`,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = await importFile({
    actor,
    projectSlug: params.slug,
    fileName: file.name,
    bytes,
    via: "upload",
  });
  if (result.documents.length > 0) return json(result, { status: 201 });
  // Nothing was imported: the file's own result, with the API's error beside it.
  return json(
    {
      ...errorBody("VALIDATION", result.errors[0] ?? "Nothing in the file could be imported."),
      ...result,
    },
    { status: 422 },
  );
});
