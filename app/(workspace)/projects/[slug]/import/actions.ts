"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth";
import { formFields } from "@/lib/server/forms";
import { importPastedText, type ImportedDocument } from "@/lib/server/documents/import";
import { failure, type ActionResult } from "@/lib/server/results";

export async function pasteTextAction(
  _prev: ActionResult<ImportedDocument> | null,
  formData: FormData,
): Promise<ActionResult<ImportedDocument>> {
  const input = formFields(formData, ["projectSlug", "title", "text"]);
  try {
    const document = await importPastedText({
      actor: await requireUser(),
      projectSlug: input.projectSlug ?? "",
      input,
    });
    revalidatePath(`/projects/${input.projectSlug ?? ""}`);
    return { ok: true, data: document };
  } catch (error) {
    // The pasted text is handed back so a refused paste loses nothing.
    return { ...failure(error), values: { title: input.title ?? "", text: input.text ?? "" } };
  }
}
