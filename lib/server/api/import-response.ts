import "server-only";
import type { FileImportResult } from "../documents/import";
import { errorBody } from "../results";
import { json } from "./http";

/**
 * One file's import result as the API answers it: 201 when something was
 * stored; otherwise the result with the API's error body beside it — 409 when
 * likely duplicates were held back (send again with confirm), 422 with the
 * first reason.
 */
export function importResultResponse(result: FileImportResult): Response {
  if (result.documents.length > 0) return json(result, { status: 201 });
  const held = result.likelyDuplicates[0];
  if (held) {
    const message = `${held.message} Send it again with confirm set to "all" to store it.`;
    return json({ ...errorBody("CONFLICT", message), ...result }, { status: 409 });
  }
  const reason = result.errors[0] ?? "Nothing in the file could be imported.";
  return json({ ...errorBody("VALIDATION", reason), ...result }, { status: 422 });
}
