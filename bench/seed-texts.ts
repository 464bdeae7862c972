import { readFileSync, readdirSync } from "node:fs";
import { parseUpload } from "../lib/domain/ingest";

/** The sample articles under seeds/ as the seed loader reads them (Markdown to plain text). */
export function seedTexts(): Array<{ file: string; text: string }> {
  const seedDir = new URL("../seeds/", import.meta.url);
  return readdirSync(seedDir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((file) => {
      const parsed = parseUpload(file, readFileSync(new URL(file, seedDir)));
      const document = parsed.ok ? parsed.documents[0] : undefined;
      if (!document) throw new Error(`seeds/${file} cannot be read`);
      return { file, text: document.text };
    });
}
