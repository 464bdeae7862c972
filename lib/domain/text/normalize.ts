/**
 * Canonical form of an article's text. Sentence offsets are stored against
 * the normalised text, so this must be applied exactly once, before
 * segmenting, and must never change behaviour without a migration.
 */
export function normalizeText(raw: string): string {
  // U+FEFF anywhere is a byte-order mark left by concatenated files; its
  // "zero-width no-break space" use is deprecated in favour of U+2060.
  const text = raw
    .replace(/\uFEFF/g, "")
    .normalize("NFC")
    .replace(/\r\n?/g, "\n");
  const lines = text.split("\n").map(trimEndSpacesTabs);
  // Runs of blank lines carry no meaning beyond "paragraph break"; keeping one
  // keeps paragraph boundaries (which the segmenter treats as hard) intact.
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+/, "")
    .replace(/\n+$/, "");
}

// A regex like /[ \t]+$/gm backtracks quadratically on long runs of inner
// spaces; a backwards scan is linear.
function trimEndSpacesTabs(line: string): string {
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x09) break;
    end--;
  }
  return end === line.length ? line : line.slice(0, end);
}

/**
 * Matching key for "the same sentence" across documents (re-imports, reposts
 * on other sites): differences in typography and spacing must not matter.
 * NFKC folds compatibility forms ("…" → "...", full-width letters, "²" → "2").
 */
export function sentenceKey(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u2035\u0060\u00B4\u2039\u203A]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, "-")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
