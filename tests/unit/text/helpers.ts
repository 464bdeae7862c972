import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { normalizeText, segmentSentences, type Sentence } from "@/lib/domain/text";

export function readSeed(name: string): string {
  return normalizeText(
    readFileSync(fileURLToPath(new URL(`../../../seeds/${name}`, import.meta.url)), "utf8"),
  );
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
