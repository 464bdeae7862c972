"use server";

import type { ServerState } from "@/lib/domain/annotation";
import { AppError } from "@/lib/domain/errors";
import {
  AnnotationConflict,
  clearAnnotation,
  saveAnnotation,
  type AnnotationView,
} from "@/lib/server/annotations/annotations";
import { nextDocument, setDocumentSubmitted } from "@/lib/server/annotations/progress";
import { outageError, RETRY_AFTER_SECONDS } from "@/lib/server/ops/database-outage";
import { failure, type ActionResult } from "@/lib/server/results";
import { asUser, asUserOr } from "./as-user";

/**
 * A save's reply. A conflict carries the server's value so the annotator can
 * choose; `retry` tells the save queue whether trying again could help (an
 * unexpected server error) or not (the input was refused).
 */
export type SaveRefusal =
  | { ok: false; kind: "conflict"; message: string; current: ServerState }
  /** The database is away for now: keep the edit and try again after `retryAfterMs`. */
  | { ok: false; kind: "unavailable"; message: string; retryAfterMs: number }
  | { ok: false; kind: "refused"; message: string; retry: boolean };
export type SaveReply = { ok: true; data: AnnotationView } | SaveRefusal;
export type ClearReply = { ok: true; data: { sentenceId: string } } | SaveRefusal;

function refusal(error: unknown): SaveRefusal {
  if (error instanceof AnnotationConflict)
    return { ok: false, kind: "conflict", message: error.message, current: error.current };
  // A raw driver error (connection refused, pool timeout) is an outage too, not a refusal.
  const outage = error instanceof AppError ? error : outageError(error);
  if (outage?.code === "UNAVAILABLE")
    return {
      ok: false,
      kind: "unavailable",
      message: outage.message,
      // The same wait the API sends as Retry-After.
      retryAfterMs: RETRY_AFTER_SECONDS * 1000,
    };
  return {
    ok: false,
    kind: "refused",
    message: failure(error).message,
    retry: !(error instanceof AppError) || error.code === "UNAUTHENTICATED",
  };
}

export async function saveAnnotationAction(
  projectSlug: string,
  input: unknown,
): Promise<SaveReply> {
  return asUserOr((actor) => saveAnnotation({ actor, projectSlug, input }), refusal);
}

export async function clearAnnotationAction(
  projectSlug: string,
  input: unknown,
): Promise<ClearReply> {
  return asUserOr((actor) => clearAnnotation({ actor, projectSlug, input }), refusal);
}

export async function setSubmittedAction(
  projectSlug: string,
  documentId: string,
  submitted: boolean,
): Promise<ActionResult<{ status: "IN_PROGRESS" | "SUBMITTED" }>> {
  return asUser(async (actor) => {
    const progress = await setDocumentSubmitted({
      actor,
      projectSlug,
      documentId,
      submitted: submitted === true,
    });
    return { status: progress.status };
  });
}

export async function nextDocumentAction(
  projectSlug: string,
  after: string | null,
): Promise<ActionResult<{ id: string; title: string } | null>> {
  return asUser((actor) =>
    nextDocument({ actor, projectSlug, after: typeof after === "string" ? after : null }),
  );
}
