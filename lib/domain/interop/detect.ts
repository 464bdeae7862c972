import { parseDoccano } from "./doccano";
import type { ForeignFile, ForeignFormat } from "./foreign";
import { parseLabelStudio } from "./label-studio";

/**
 * Which tool wrote the file: a JSON array of tasks with a `data` object is
 * Label Studio's; JSON Lines, or an array of records with `text` (doccano's
 * JSON export), is doccano's.
 */
export function detectForeignFormat(content: string): ForeignFormat {
  const head = content.replace(/^\uFEFF/, "").trimStart();
  if (!head.startsWith("[")) return "doccano";
  return /"data"\s*:\s*\{/.test(head.slice(0, 100_000)) ||
    !/"text"\s*:/.test(head.slice(0, 100_000))
    ? "label-studio"
    : "doccano";
}

/** Reads an export of either tool; throws a VALIDATION AppError naming every problem. */
export function parseForeignExport(content: string, fileName: string): ForeignFile {
  return detectForeignFormat(content) === "label-studio"
    ? parseLabelStudio(content)
    : parseDoccano(content, fileName);
}
