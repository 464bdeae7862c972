/**
 * Attribution suggestions for a 2,000-sentence document (the sample articles'
 * sentences repeated): detection plus label suggestion, against the 200 ms
 * target and against a plain /said|according to/ regex pass over the same
 * sentences measured in the same run.
 *
 *   npx tsx bench/attribution-speed.ts
 */
import { performance } from "node:perf_hooks";
import { detectDocumentAttributions, suggestLabel } from "../lib/domain/attribution";
import { normalizeText, segmentSentences } from "../lib/domain/text";
import { seedTexts } from "./seed-texts";

const SENTENCES = 2_000;
const RUNS = 7;
const TARGET_MS = 200;

const pool = seedTexts()
  .flatMap(({ text }) => segmentSentences(normalizeText(text)))
  .map((s) => s.text);
const sentences = Array.from({ length: SENTENCES }, (_, i) => pool[i % pool.length]!);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(run: () => number): { ms: number; count: number } {
  run(); // warm-up: JIT and lazily built tables
  const times: number[] = [];
  let count = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    count = run();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), count };
}

const assistant = time(() => {
  const attributions = detectDocumentAttributions(sentences);
  let found = 0;
  sentences.forEach((s, i) => {
    found += attributions[i]!.length;
    suggestLabel(s, attributions[i]!);
  });
  return found;
});

const BASELINE = /\b(?:said|according to)\b/giu;
const baseline = time(() => {
  let found = 0;
  for (const s of sentences) found += s.match(BASELINE)?.length ?? 0;
  return found;
});

console.log(`${SENTENCES.toLocaleString("en")} sentences (${pool.length} distinct, from seeds/)`);
console.log(
  `assistant (detect + label): ${assistant.ms.toFixed(1)} ms median of ${RUNS}, ${assistant.count} attributions; target ≤ ${TARGET_MS} ms: ${assistant.ms <= TARGET_MS ? "met" : "MISSED"}`,
);
console.log(
  `baseline regex /said|according to/: ${baseline.ms.toFixed(1)} ms, ${baseline.count} matches`,
);
