import "server-only";
import { PassThrough, Readable } from "node:stream";
import yazl from "yazl";
import { ExportStats, datasetCard, type SplitName } from "@/lib/domain/export";
import type { ExportJob, ExportPlan } from "./plan";
import { streamFile } from "./stream";

export interface ZipDataFile {
  /** The split the file holds, or "all" for the whole export in one file. */
  split: SplitName | "all";
  path: string;
}

/**
 * The data files (one per split, or one of everything) in a zip, with the
 * dataset card (README.md) last: yazl writes entries one after another, so
 * each file's query runs only when the previous file is done and the card
 * sees the finished counts.
 */
export function zipJob(plan: ExportPlan, base: string, files: ZipDataFile[]): ExportJob {
  const zip = new yazl.ZipFile();
  const stats = new ExportStats();
  const entries: Readable[] = [];
  for (const file of files) {
    const entry = Readable.from(streamFile(plan, file.split === "all" ? null : file.split, stats));
    entries.push(entry);
    zip.addReadStream(entry, file.path);
  }
  const card = Readable.from(
    (async function* () {
      yield Buffer.from(
        datasetCard({
          projectName: plan.projectName,
          guidelines: plan.guidelines,
          format: plan.options.format,
          files,
          stats,
          generatedAt: new Date().toISOString().slice(0, 10),
        }),
        "utf8",
      );
    })(),
  );
  entries.push(card);
  zip.addReadStream(card, "README.md");
  zip.end();
  const output = new PassThrough();
  zip.outputStream.pipe(output);
  return {
    filename: `${base}-${plan.options.format}.zip`,
    contentType: "application/zip",
    body: output,
    cancel: async () => {
      for (const e of entries) e.destroy();
      output.destroy();
    },
  };
}
