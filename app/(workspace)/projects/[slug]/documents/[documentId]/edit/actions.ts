"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth";
import {
  mergeSentenceWithNext,
  setSentenceBoilerplate,
  splitSentenceAt,
  updateDocumentMetadata,
} from "@/lib/server/documents/edit";
import { formFields } from "@/lib/server/forms";
import { failure, type ActionResult } from "@/lib/server/results";

const METADATA_FIELDS = ["title", "byline", "publisher", "publishedAt", "sourceUrl"] as const;

function refresh(slug: string | undefined, documentId: string | undefined) {
  revalidatePath(`/projects/${slug ?? ""}/documents/${documentId ?? ""}`, "layout");
}

export async function updateMetadataAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const ids = formFields(formData, ["projectSlug", "documentId"]);
  const input = formFields(formData, METADATA_FIELDS);
  try {
    await updateDocumentMetadata({
      actor: await requireUser(),
      projectSlug: ids.projectSlug ?? "",
      documentId: ids.documentId ?? "",
      input,
    });
  } catch (error) {
    return {
      ...failure(error),
      values: Object.fromEntries(METADATA_FIELDS.map((f) => [f, input[f] ?? ""])),
    };
  }
  refresh(ids.projectSlug, ids.documentId);
  return { ok: true, data: undefined };
}

export async function boilerplateAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const f = formFields(formData, ["projectSlug", "documentId", "sentenceId", "isBoilerplate"]);
  try {
    await setSentenceBoilerplate({
      actor: await requireUser(),
      projectSlug: f.projectSlug ?? "",
      documentId: f.documentId ?? "",
      sentenceId: f.sentenceId ?? "",
      isBoilerplate: f.isBoilerplate === "true",
    });
  } catch (error) {
    return failure(error);
  }
  refresh(f.projectSlug, f.documentId);
  return { ok: true, data: undefined };
}

export async function mergeAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const f = formFields(formData, ["projectSlug", "documentId", "sentenceId"]);
  try {
    await mergeSentenceWithNext({
      actor: await requireUser(),
      projectSlug: f.projectSlug ?? "",
      documentId: f.documentId ?? "",
      sentenceId: f.sentenceId ?? "",
    });
  } catch (error) {
    return failure(error);
  }
  refresh(f.projectSlug, f.documentId);
  return { ok: true, data: undefined };
}

export async function splitAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const f = formFields(formData, ["projectSlug", "documentId", "sentenceId", "atOffset"]);
  try {
    await splitSentenceAt({
      actor: await requireUser(),
      projectSlug: f.projectSlug ?? "",
      documentId: f.documentId ?? "",
      sentenceId: f.sentenceId ?? "",
      input: { atOffset: f.atOffset },
    });
  } catch (error) {
    return failure(error);
  }
  refresh(f.projectSlug, f.documentId);
  return { ok: true, data: undefined };
}
