import { pagination } from "@/lib/domain/api/pagination";
import { MAX_UPLOAD_BYTES } from "@/lib/domain/ingest";
import { apiRouteWith, json, uploadedFile } from "@/lib/server/api/http";
import { importResultResponse } from "@/lib/server/api/import-response";
import { confirmedRecordsSchema, importFile } from "@/lib/server/documents/import";
import { documentListApiQuerySchema, searchDocuments } from "@/lib/server/documents/store";
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
 * file so each file has its own progress and result. Records reported as
 * likely duplicates (409 when nothing else was stored) are stored by sending
 * the file again with `confirm` = "all" or their record numbers ("2,5").
 */
export const POST = apiRouteWith<Params>("write", async ({ actor, params, request }) => {
  const { form, file, bytes } = await uploadedFile(request, {
    maxBodyBytes: MAX_BODY_BYTES,
    bodyTooLarge: "The file is too large; the limit is 5 MB. Split it into smaller files.",
    maxFileBytes: MAX_UPLOAD_BYTES,
    fileTooLarge: (name) =>
      `${name}: the file is too large; the limit is 5 MB. Split it into smaller files (a Sourcelight export over 5 MB imports from the shell: npm run import).`,
  });
  const confirm = form.get("confirm");
  const confirmed = parseInput(confirmedRecordsSchema, typeof confirm === "string" ? confirm : "");
  const result = await importFile({
    actor,
    projectSlug: params.slug,
    fileName: file.name,
    bytes,
    via: "upload",
    confirmed,
  });
  return importResultResponse(result);
});
