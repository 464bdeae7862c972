import { parseDoccano } from "./doccano";
import type { ForeignFile, ForeignFormat } from "./foreign";
import { parseLabelStudio } from "./label-studio";

/**
 * Which tool wrote the file: a JSON array of tasks (with `data`,
 * `annotations`, …) is Label Studio's, broken or not; JSON Lines, or an array
 * of records with `text` and no task fields (doccano's JSON export), is doccano's.
 */
export function detectForeignFormat(content: string): ForeignFormat {
  const head = content.replace(/^\uFEFF/, "").trimStart();
  if (!head.startsWith("[")) return "doccano";
  const sample = head.slice(0, 100_000);
  if (/"(data|annotations|predictions|completed_by)"\s*:/.test(sample)) return "label-studio";
  return /"text"\s*:/.test(sample) ? "doccano" : "label-studio";
}

/** Reads an export of either tool; throws a VALIDATION AppError naming every problem. */
export function parseForeignExport(content: string, fileName: string): ForeignFile {
  return detectForeignFormat(content) === "label-studio"
    ? parseLabelStudio(content)
    : parseDoccano(content, fileName);
}
