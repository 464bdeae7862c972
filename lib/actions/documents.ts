"use server";

import { revalidatePath } from "next/cache";
import {
  mergeSentenceWithNext,
  setSentenceBoilerplate,
  splitSentenceAt,
  updateDocumentMetadata,
} from "@/lib/server/documents/edit";
import { formFields } from "@/lib/server/forms";
import type { ActionResult } from "@/lib/server/results";
import { asUser } from "./as-user";

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
  return asUser(
    async (actor) => {
      await updateDocumentMetadata({
        actor,
        projectSlug: ids.projectSlug ?? "",
        documentId: ids.documentId ?? "",
        input,
      });
      refresh(ids.projectSlug, ids.documentId);
    },
    Object.fromEntries(METADATA_FIELDS.map((f) => [f, input[f] ?? ""])),
  );
}

export async function boilerplateAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const f = formFields(formData, ["projectSlug", "documentId", "sentenceId", "isBoilerplate"]);
  return asUser(async (actor) => {
    await setSentenceBoilerplate({
      actor,
      projectSlug: f.projectSlug ?? "",
      documentId: f.documentId ?? "",
      sentenceId: f.sentenceId ?? "",
      isBoilerplate: f.isBoilerplate === "true",
    });
    refresh(f.projectSlug, f.documentId);
  });
}

export async function mergeAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const f = formFields(formData, ["projectSlug", "documentId", "sentenceId"]);
  return asUser(async (actor) => {
    await mergeSentenceWithNext({
      actor,
      projectSlug: f.projectSlug ?? "",
      documentId: f.documentId ?? "",
      sentenceId: f.sentenceId ?? "",
    });
    refresh(f.projectSlug, f.documentId);
  });
}

export async function splitAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const f = formFields(formData, ["projectSlug", "documentId", "sentenceId", "atOffset"]);
  return asUser(async (actor) => {
    await splitSentenceAt({
      actor,
      projectSlug: f.projectSlug ?? "",
      documentId: f.documentId ?? "",
      sentenceId: f.sentenceId ?? "",
      input: { atOffset: f.atOffset },
    });
    refresh(f.projectSlug, f.documentId);
  });
}
