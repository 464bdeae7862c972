"use server";

import { requireUser } from "@/lib/auth";
import type { ServerState } from "@/lib/domain/annotation";
import {
  AnnotationConflict,
  clearAnnotation,
  saveAnnotation,
  type AnnotationView,
} from "@/lib/server/annotations/annotations";
import { nextDocument, setDocumentSubmitted } from "@/lib/server/annotations/progress";
import { AppError } from "@/lib/domain/errors";
import { failure, type ActionResult } from "@/lib/server/results";

/**
 * A save's reply. A conflict carries the server's value so the annotator can
 * choose; `retry` tells the save queue whether trying again could help (an
 * unexpected server error) or not (the input was refused).
 */
export type SaveRefusal =
  | { ok: false; kind: "conflict"; message: string; current: ServerState }
  | { ok: false; kind: "refused"; message: string; retry: boolean };
export type SaveReply = { ok: true; data: AnnotationView } | SaveRefusal;
export type ClearReply = { ok: true; data: { sentenceId: string } } | SaveRefusal;

function refusal(error: unknown): SaveRefusal {
  if (error instanceof AnnotationConflict)
    return { ok: false, kind: "conflict", message: error.message, current: error.current };
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
  try {
    const actor = await requireUser();
    return { ok: true, data: await saveAnnotation({ actor, projectSlug, input }) };
  } catch (error) {
    return refusal(error);
  }
}

export async function clearAnnotationAction(
  projectSlug: string,
  input: unknown,
): Promise<ClearReply> {
  try {
    const actor = await requireUser();
    return { ok: true, data: await clearAnnotation({ actor, projectSlug, input }) };
  } catch (error) {
    return refusal(error);
  }
}

export async function setSubmittedAction(
  projectSlug: string,
  documentId: string,
  submitted: boolean,
): Promise<ActionResult<{ status: "IN_PROGRESS" | "SUBMITTED" }>> {
  try {
    const actor = await requireUser();
    const progress = await setDocumentSubmitted({
      actor,
      projectSlug,
      documentId,
      submitted: submitted === true,
    });
    return { ok: true, data: { status: progress.status } };
  } catch (error) {
    return failure(error);
  }
}

export async function nextDocumentAction(
  projectSlug: string,
  after: string | null,
): Promise<ActionResult<{ id: string; title: string } | null>> {
  try {
    const actor = await requireUser();
    return {
      ok: true,
      data: await nextDocument({
        actor,
        projectSlug,
        after: typeof after === "string" ? after : null,
      }),
    };
  } catch (error) {
    return failure(error);
  }
}
