"use server";

import { requireUser } from "@/lib/auth";
import type { ActionResult } from "@/lib/server/results";
import { failure } from "@/lib/server/results";
import { estimateExport, type ExportEstimate } from "@/lib/server/export/export";

/** The size estimate the export page shows before a download; options as the download link sends them. */
export async function estimateExportAction(
  projectSlug: string,
  options: Record<string, unknown>,
): Promise<ActionResult<ExportEstimate>> {
  try {
    const actor = await requireUser();
    return { ok: true, data: await estimateExport({ actor, projectSlug, input: options }) };
  } catch (error) {
    return failure(error);
  }
}
