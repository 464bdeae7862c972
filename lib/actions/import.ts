"use server";

import { revalidatePath } from "next/cache";
import { importPastedText, type ImportedDocument } from "@/lib/server/documents/import";
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
