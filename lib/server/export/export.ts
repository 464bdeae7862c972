import "server-only";
import { db } from "@/lib/db";
import { SPLIT_NAMES, contentType, fileExtension } from "@/lib/domain/export";
import type { Actor } from "../actor";
import { audit } from "../audit/record";
import { planExport, type ExportJob, type ExportPlan } from "./plan";
import { streamFile } from "./stream";
import { zipJob } from "./zip";

/*
 * The export's public entry. Its parts: plan.ts (permission, options, the
 * estimate), sql.ts (the queries), rows.ts (the SELECT list as data and the
 * row decoders), chunks.ts (the chunks), stream.ts (chunked reads, serialising, the web
 * stream) and zip.ts (split files and the dataset card).
 */
export { estimateExport, type ExportEstimate, type ExportJob, type ExportPlan } from "./plan";
export { exportResponseStream } from "./stream";
export { EXPORT_ROWS_SQL } from "./sql";

/**
 * Starts an export for any door (page, API, CLI): checks `export:run`,
 * validates the options, writes the audit event, and returns a job whose body
 * streams from PostgreSQL chunk by chunk. No query runs until the body is read.
 */
export async function startExport(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
  via: "page" | "api" | "cli";
}): Promise<ExportJob> {
  const plan = await planExport(args);
  await db.$transaction((tx) =>
    audit(tx, {
      actorId: args.actor.id,
      projectId: plan.projectId,
      action: "export.run",
      entityType: "Project",
      entityId: plan.projectId,
      after: {
        via: args.via,
        format: plan.options.format,
        identity: plan.identity,
        documents: plan.options.documents.length,
        adjudicatedOnly: plan.options.adjudicatedOnly,
        includeBoilerplate: plan.options.includeBoilerplate,
        split: plan.options.split,
      },
    }),
  );
  return createJob(plan);
}

/** One file, or a zip when the export is split into files or carries a dataset card. */
function createJob(plan: ExportPlan): ExportJob {
  const o = plan.options;
  const date = new Date().toISOString().slice(0, 10);
  const base = `${plan.projectSlug}-${date}`;
  const ext = fileExtension(o.format);
  if (o.split === "files") {
    return zipJob(
      plan,
      base,
      SPLIT_NAMES.map((split) => ({ split, path: `data/${split}.${ext}` })),
    );
  }
  if (o.card) return zipJob(plan, base, [{ split: "all", path: `data/all.${ext}` }]);
  const body = streamFile(plan, null, null);
  return {
    filename: `${base}.${ext}`,
    contentType: contentType(o.format),
    body,
    cancel: async () => {
      await body.return(undefined);
    },
  };
}
