/**
 * A document title from an uploaded file's name, for a text that states no
 * title of its own: "western_iraq-report.txt" → "western iraq report". The
 * folder and the extension go; underscores and runs of dashes or dots read
 * as spaces. Null when nothing readable is left.
 */
export function titleFromFileName(fileName: string): string | null {
  const base = fileName.trim().split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const title = stem
    .replace(/[_]+|-{2,}|\.+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return /\p{L}|\p{N}/u.test(title) ? title.slice(0, 200) : null;
}
