/**
 * Per-sentence error analysis of the attribution assistant on the DEVELOPMENT
 * split of the gold set: cue and source spans it missed or invented, wrong
 * resolutions, wrong source types and wrong labels. The held-out split is
 * refused, so that it stays held out (see tests/fixtures/attribution/README.md).
 *
 *   npx tsx bench/attribution-errors.ts [dev] [--all]    (--all prints correct sentences too)
 */
import {
  detectDocumentAttributions,
  guessSourceType,
  suggestLabel,
} from "../lib/domain/attribution";
import { sameEntity } from "../lib/domain/attribution/scoring";
import type { Attribution, GoldSentence, TextSpan } from "../lib/domain/attribution/types";
import { loadGoldSet } from "../tests/fixtures/attribution/load";

const args = process.argv.slice(2);
const split = args.find((a) => !a.startsWith("--")) ?? "dev";
if (split !== "dev") {
  console.error(`attribution-errors reads the dev split only (got "${split}"): test is held out`);
  process.exit(2);
}
const showAll = args.includes("--all");

const key = (s: TextSpan | null) => (s ? `${s.start}:${s.end}` : "");
const show = (s: TextSpan | null) => (s ? `"${s.text}"` : "∅");

function spanDiff(gold: readonly (TextSpan | null)[], predicted: readonly (TextSpan | null)[]) {
  const left = gold.filter((s): s is TextSpan => s !== null);
  const missed: TextSpan[] = [];
  const rest = predicted.filter((s): s is TextSpan => s !== null);
  for (const g of left) {
    const at = rest.findIndex((p) => key(p) === key(g));
    if (at === -1) missed.push(g);
    else rest.splice(at, 1);
  }
  return { missed, extra: rest };
}

function problems(gold: GoldSentence, predicted: readonly Attribution[], label: string | null) {
  const out: string[] = [];
  const cues = spanDiff(
    gold.attributions.map((a) => a.cue),
    predicted.map((a) => a.cue),
  );
  cues.missed.forEach((c) => out.push(`  cue missed   ${show(c)}`));
  cues.extra.forEach((c) => out.push(`  cue extra    ${show(c)}`));
  const sources = spanDiff(
    gold.attributions.map((a) => a.source),
    predicted.map((a) => a.source),
  );
  sources.missed.forEach((s) => out.push(`  source gold  ${show(s)}`));
  sources.extra.forEach((s) => out.push(`  source ours  ${show(s)}`));
  for (const g of gold.attributions) {
    const p = predicted.find((a) => (g.cue === null ? a.cue === null : key(a.cue) === key(g.cue)));
    if (g.resolvedSource !== null) {
      const name = p?.resolvedSource ?? p?.source?.text ?? null;
      if (!name || !sameEntity(name, g.resolvedSource)) {
        out.push(`  resolve      gold "${g.resolvedSource}", ours ${name ? `"${name}"` : "∅"}`);
      }
    }
    if (p && g.source && p.source && key(p.source) === key(g.source)) {
      const type = guessSourceType(p.source.text, {
        sentence: gold.text,
        resolvedSource: p.resolvedSource,
      });
      if (type !== g.sourceType)
        out.push(`  type         ${show(g.source)} gold ${g.sourceType}, ours ${type}`);
    }
  }
  if (label !== gold.label) out.push(`  label        gold ${gold.label}, ours ${label ?? "none"}`);
  return out;
}

let sentencesWithErrors = 0;
for (const document of loadGoldSet("dev")) {
  const texts = document.sentences.map((s) => s.text);
  const detected = detectDocumentAttributions(texts);
  document.sentences.forEach((gold, s) => {
    const predicted = detected[s] ?? [];
    const label = suggestLabel(gold.text, predicted)?.value ?? null;
    const found = problems(gold, predicted, label);
    if (found.length === 0 && !showAll) return;
    if (found.length > 0) sentencesWithErrors++;
    console.log(`${document.id}#${s}: ${gold.text}`);
    for (const line of found) console.log(line);
  });
}
console.log(`\n${sentencesWithErrors} dev sentences with at least one error`);
