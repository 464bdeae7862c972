/**
 * Attribution quality on the gold set (tests/fixtures/attribution): cue spans
 * (exact), source spans (exact and token overlap), resolution accuracy and
 * label accuracy for every detector in DETECTORS, the regex baseline measured
 * in the same run. Definitions: lib/domain/attribution/scoring.ts.
 *
 *   npx tsx bench/attribution-quality.ts [dev|test]     (default test)
 */
import { performance } from "node:perf_hooks";
import { LABELS, type Label } from "../lib/domain/annotation/labels";
import { detectDocumentAttributions, suggestLabel } from "../lib/domain/attribution";
import { baselineDetector, baselineLabel } from "../lib/domain/attribution/baseline";
import { scoreGoldSet, type Prf, type QualityReport } from "../lib/domain/attribution/scoring";
import type { Attribution, DocumentDetector } from "../lib/domain/attribution/types";
import { loadGoldSet } from "../tests/fixtures/attribution/load";

interface Candidate {
  name: string;
  detect: DocumentDetector;
  label: (sentence: string, attributions: Attribution[]) => Label | null;
}

const DETECTORS: Candidate[] = [
  { name: "baseline (said|according to)", detect: baselineDetector, label: baselineLabel },
  {
    name: "Sourcelight assistant",
    detect: detectDocumentAttributions,
    label: (sentence, attributions) => suggestLabel(sentence, attributions)?.value ?? null,
  },
];

const TARGET_F1 = 0.85;

const split = process.argv[2] ?? "test";
if (split !== "test" && split !== "dev") {
  console.error(`usage: npx tsx bench/attribution-quality.ts [dev|test]`);
  process.exit(2);
}
const gold = loadGoldSet(split);
const sentenceCount = gold.reduce((sum, d) => sum + d.sentences.length, 0);
console.log(`gold set: ${split}, ${gold.length} documents, ${sentenceCount} sentences`);

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const triple = (r: Prf) => `${pct(r.precision)} ${pct(r.recall)} ${pct(r.f1)}`;

const rows: Array<{ name: string; report: QualityReport; ms: number }> = [];
for (const candidate of DETECTORS) {
  const start = performance.now();
  const predicted = gold.map((document) => {
    const texts = document.sentences.map((s) => s.text);
    const attributions = candidate.detect(texts);
    return texts.map((text, i) => {
      const found = attributions[i] ?? [];
      return { attributions: found, label: candidate.label(text, found) };
    });
  });
  const ms = performance.now() - start;
  rows.push({ name: candidate.name, report: scoreGoldSet(gold, predicted), ms });
}

const nameWidth = Math.max(...rows.map((r) => r.name.length), 8);
console.log(
  `\n${"detector".padEnd(nameWidth)} | cue exact P/R/F1  | source exact P/R/F1 | source overlap P/R/F1 | resolved | label |   ms`,
);
console.log("-".repeat(nameWidth + 100));
for (const { name, report, ms } of rows) {
  console.log(
    `${name.padEnd(nameWidth)} | ${triple(report.cue)} | ${triple(report.sourceExact)}   | ${triple(report.sourceOverlap)}     |    ${pct(report.resolution.accuracy)} | ${pct(report.label.accuracy)} | ${ms.toFixed(0).padStart(4)}`,
  );
}
console.log(
  `\ntargets: cue F1 (exact) ≥ ${TARGET_F1}, source F1 (token overlap) ≥ ${TARGET_F1}; figures in percent`,
);
for (const { name, report } of rows) {
  const met = (f1: number) => (f1 >= TARGET_F1 ? "met" : "NOT met");
  console.log(
    `${name}: cue ${met(report.cue.f1)}, source ${met(report.sourceOverlap.f1)}; ` +
      `${report.cue.gold} gold cues, ${report.sourceExact.gold} gold sources, ${report.resolution.total} to resolve`,
  );
}

for (const { name, report } of rows) {
  console.log(`\nlabel confusion, ${name} (rows gold, columns predicted):`);
  const columns = [...LABELS, "none"] as const;
  console.log(`${"".padEnd(17)}${columns.map((c) => c.padStart(17)).join("")}`);
  for (const goldLabel of LABELS) {
    const row = report.label.confusion[goldLabel];
    console.log(
      `${goldLabel.padEnd(17)}${columns.map((c) => String(row[c]).padStart(17)).join("")}`,
    );
  }
}
