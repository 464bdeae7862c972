import { AppError } from "@/lib/domain/errors";
import { MAX_UPLOAD_BYTES } from "@/lib/domain/ingest";
import { apiRouteWith, json, uploadedFile } from "@/lib/server/api/http";
import { applyForeignImport, previewForeignImport } from "@/lib/server/interop/foreign-import";

// Multipart framing around a 5 MB file and its mapping; anything bigger is refused before it is read.
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 256 * 1024;

/**
 * POST /api/projects/{slug}/import/foreign — a Label Studio JSON or doccano
 * JSONL export in `file`. Without `mapping`: the preview (labels with counts,
 * annotators, proposed mapping), nothing written. With `mapping` (JSON:
 * {"labels": {theirs: ours | "SKIP"}, "annotators": {key: userId | "SKIP"}}):
 * the import, all or nothing.
 */
export const POST = apiRouteWith<{ slug: string }>("write", async ({ actor, params, request }) => {
  const { form, file, bytes } = await uploadedFile(request, {
    maxBodyBytes: MAX_BODY_BYTES,
    bodyTooLarge: "The file is too large; the limit is 5 MB.",
    maxFileBytes: MAX_UPLOAD_BYTES,
    fileTooLarge: (name) => `${name}: the file is too large; the limit is 5 MB.`,
  });
  const base = { actor, projectSlug: params.slug, fileName: file.name, bytes };
  const rawMapping = form.get("mapping");
  if (rawMapping === null) return json(await previewForeignImport(base));
  let mapping: unknown;
  try {
    mapping = JSON.parse(typeof rawMapping === "string" ? rawMapping : await rawMapping.text());
  } catch {
    throw new AppError("VALIDATION", 'The "mapping" field is not valid JSON.');
  }
  return json(await applyForeignImport({ ...base, mapping }), { status: 201 });
});
