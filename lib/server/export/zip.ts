import "server-only";
import { PassThrough, Readable } from "node:stream";
import yazl from "yazl";
import { ExportStats, datasetCard, displayPerson, type SplitName } from "@/lib/domain/export";
import { annotatorTimes } from "../annotations/time";
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
    // A generator, so the card is written last, from the stats the data files filled in.
    (async function* () {
      const times = await annotatorTimes(plan.projectId, { documentIds: plan.options.documents });
      yield Buffer.from(
        datasetCard({
          projectName: plan.projectName,
          guidelines: plan.guidelines,
          format: plan.options.format,
          split: plan.options.split,
          identity: plan.identity,
          files,
          stats,
          generatedAt: new Date().toISOString().slice(0, 10),
          // Under the names the export uses for annotators, so a pseudonymous card names nobody.
          annotationTime: times.map((t) => ({
            annotator: displayPerson(plan.identity, plan.projectId, {
              id: t.annotatorId,
              name: t.name,
              email: t.email,
            }).name,
            documents: t.documents,
            activeSeconds: t.activeSeconds,
            medianSecondsPerSentence: t.medianSecondsPerSentence,
          })),
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
    cancel: () => {
      for (const e of entries) e.destroy();
      output.destroy();
      return Promise.resolve();
    },
  };
}
