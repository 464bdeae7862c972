"use server";

import { revalidatePath } from "next/cache";
import {
  importFromUrl,
  importPastedText,
  type FileImportResult,
  type ImportedDocument,
} from "@/lib/server/documents/import";
import { formFields } from "@/lib/server/forms";
import type { ActionResult } from "@/lib/server/results";
import { asUser } from "./as-user";

export async function pasteTextAction(
  _prev: ActionResult<ImportedDocument> | null,
  formData: FormData,
): Promise<ActionResult<ImportedDocument>> {
  const input = formFields(formData, ["projectSlug", "title", "text", "confirmDuplicate"]);
  return asUser(
    async (actor) => {
      const document = await importPastedText({
        actor,
        projectSlug: input.projectSlug ?? "",
        input,
      });
      revalidatePath(`/projects/${input.projectSlug ?? ""}`);
      return document;
    },
    // The pasted text is handed back so a refused paste loses nothing.
    { title: input.title ?? "", text: input.text ?? "" },
  );
}

export async function importUrlAction(
  _prev: ActionResult<FileImportResult> | null,
  formData: FormData,
): Promise<ActionResult<FileImportResult>> {
  const input = formFields(formData, ["projectSlug", "url", "confirm"]);
  return asUser(
    async (actor) => {
      const result = await importFromUrl({
        actor,
        projectSlug: input.projectSlug ?? "",
        input: { url: input.url ?? "", confirm: input.confirm ?? "" },
      });
      if (result.documents.length > 0) revalidatePath(`/projects/${input.projectSlug ?? ""}`);
      return result;
    },
    { url: input.url ?? "" },
  );
}
