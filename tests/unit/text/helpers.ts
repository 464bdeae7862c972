import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { parseUpload } from "@/lib/domain/ingest";
import { normalizeText, segmentSentences, type Sentence } from "@/lib/domain/text";

/** A sample article's text as the seed loader stores it: read like an uploaded file, normalised. */
export function readSeed(name: string): string {
  const bytes = readFileSync(fileURLToPath(new URL(`../../../seeds/${name}`, import.meta.url)));
  const parsed = parseUpload(name, bytes);
  const document = parsed.ok ? parsed.documents[0] : undefined;
  if (!document) throw new Error(`seed ${name} cannot be read`);
  return normalizeText(document.text);
}

/** The invariants every later feature relies on, checked for every sentence. */
export function expectValidSentences(text: string, sentences: readonly Sentence[]): void {
  let previousEnd = 0;
  sentences.forEach((s, i) => {
    expect(s.index).toBe(i);
    expect(s.start).toBeGreaterThanOrEqual(previousEnd);
    expect(s.end).toBeGreaterThan(s.start);
    expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(s.text.trim()).toBe(s.text);
    previousEnd = s.end;
  });
  // Nothing but whitespace is left out of the sentences.
  let covered = "";
  let pos = 0;
  for (const s of sentences) {
    covered += text.slice(pos, s.start);
    pos = s.end;
  }
  covered += text.slice(pos);
  expect(covered.trim()).toBe("");
}

/** Segments, checks the invariants, and returns just the texts. */
export function sentencesOf(text: string): string[] {
  const sentences = segmentSentences(text);
  expectValidSentences(text, sentences);
  return sentences.map((s) => s.text);
}
