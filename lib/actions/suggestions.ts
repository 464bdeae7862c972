"use server";

import {
  documentSuggestions,
  type DocumentSuggestions,
} from "@/lib/server/annotations/suggestions";
import type { ActionResult } from "@/lib/server/results";
import { asUser } from "./as-user";

/** The attribution assistant's suggestions for a document, fetched by the workspace after its first paint. */
export async function documentSuggestionsAction(
  projectSlug: string,
  documentId: string,
): Promise<ActionResult<DocumentSuggestions>> {
  return asUser((actor) =>
    documentSuggestions({
      actor,
      projectSlug: String(projectSlug),
      documentId: String(documentId),
    }),
  );
}
