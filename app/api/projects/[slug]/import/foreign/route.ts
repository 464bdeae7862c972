import { AppError } from "@/lib/domain/errors";
import { MAX_UPLOAD_BYTES } from "@/lib/domain/ingest";
import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { applyForeignImport, previewForeignImport } from "@/lib/server/interop/foreign-import";
import { errorResponse } from "@/lib/server/results";

// Multipart framing around a 5 MB file and its mapping; anything bigger is refused before it is read.
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 256 * 1024;

const NO_FILE = 'Send the export as multipart/form-data in a field named "file".';

/**
 * POST /api/projects/{slug}/import/foreign — a Label Studio JSON or doccano
 * JSONL export in `file`. Without `mapping`: the preview (labels with counts,
 * annotators, proposed mapping), nothing written. With `mapping` (JSON:
 * {"labels": {theirs: ours | "SKIP"}, "annotators": {key: userId | "SKIP"}}):
 * the import, all or nothing.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const actor = await requireApiActor(request, "write");
    const { slug } = await params;
    if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) {
      throw new AppError("PAYLOAD_TOO_LARGE", "The file is too large; the limit is 5 MB.");
    }
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new AppError("VALIDATION", NO_FILE);
    }
    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError("VALIDATION", NO_FILE);
    if (file.size > MAX_UPLOAD_BYTES) {
      throw new AppError(
        "PAYLOAD_TOO_LARGE",
        `${file.name}: the file is too large; the limit is 5 MB.`,
      );
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const rawMapping = form.get("mapping");
    if (rawMapping === null) {
      const preview = await previewForeignImport({
        actor,
        projectSlug: slug,
        fileName: file.name,
        bytes,
      });
      return Response.json(preview, { headers: { "Cache-Control": "no-store" } });
    }
    let mapping: unknown;
    try {
      mapping = JSON.parse(typeof rawMapping === "string" ? rawMapping : await rawMapping.text());
    } catch {
      throw new AppError("VALIDATION", 'The "mapping" field is not valid JSON.');
    }
    const result = await applyForeignImport({
      actor,
      projectSlug: slug,
      fileName: file.name,
      bytes,
      mapping,
    });
    return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
