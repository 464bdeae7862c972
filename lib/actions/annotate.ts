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

/** How long the workspace waits before resending while the database is away (the API's Retry-After). */
const UNAVAILABLE_RETRY_MS = 5_000;

function refusal(error: unknown): SaveRefusal {
  if (error instanceof AnnotationConflict)
    return { ok: false, kind: "conflict", message: error.message, current: error.current };
  if (error instanceof AppError && error.code === "UNAVAILABLE")
    return {
      ok: false,
      kind: "unavailable",
      message: error.message,
      retryAfterMs: UNAVAILABLE_RETRY_MS,
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
