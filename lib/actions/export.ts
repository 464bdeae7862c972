"use server";

import { estimateExport, type ExportEstimate } from "@/lib/server/export/export";
import type { ActionResult } from "@/lib/server/results";
import { asUser } from "./as-user";

/** The size estimate the export page shows before a download; options as the download link sends them. */
export async function estimateExportAction(
  projectSlug: string,
  options: Record<string, unknown>,
): Promise<ActionResult<ExportEstimate>> {
  return asUser((actor) => estimateExport({ actor, projectSlug, input: options }));
}
