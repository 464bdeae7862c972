/**
 * Pure review logic: majorities, disagreement scores and the queue order,
 * stable pseudonyms, and annotator feedback summaries. No I/O.
 */
import { LABEL_INFO, LABELS, type Label } from "../annotation/labels";

export const LABEL_TEXT: Readonly<Record<Label, string>> = {
  SOURCED_FACT: LABEL_INFO.SOURCED_FACT.name,
  UNVERIFIED_CLAIM: LABEL_INFO.UNVERIFIED_CLAIM.name,
  OPINION: LABEL_INFO.OPINION.name,
  NOT_A_CLAIM: LABEL_INFO.NOT_A_CLAIM.name,
};

export interface Majority {
  /** The label most annotators chose, or null when nobody did or the top is shared. */
  readonly label: Label | null;
  readonly count: number;
  readonly total: number;
  readonly tie: boolean;
}

export function majorityOf(labels: readonly Label[]): Majority {
  const counts = new Map<Label, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  let best: Label | null = null;
  let bestCount = 0;
  let tie = false;
  // LABELS order, not arrival order, so the answer does not depend on who saved first.
  for (const label of LABELS) {
    const n = counts.get(label) ?? 0;
    if (n === 0) continue;
    if (n > bestCount) {
      best = label;
      bestCount = n;
      tie = false;
    } else if (n === bestCount) {
      tie = true;
    }
  }
  return { label: tie ? null : best, count: bestCount, total: labels.length, tie };
}

export interface SentenceAgreement {
  readonly ratings: number;
  /** Share of annotator pairs that agree, 0..1; null below two ratings. */
  readonly agreement: number | null;
  /** 1 − agreement, 0 when it cannot disagree; what the queue sorts by. */
  readonly disagreement: number;
  readonly kind: "none" | "single" | "unanimous" | "majority" | "split";
}

/** Observed agreement of one sentence: the share of annotator pairs that gave the same label; null below two labels. */
export function pairAgreement(labels: readonly Label[]): number | null {
  const m = labels.length;
  if (m < 2) return null;
  const counts = new Map<Label, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  let agreeingPairs = 0;
  for (const n of counts.values()) agreeingPairs += n * (n - 1);
  return agreeingPairs / (m * (m - 1));
}

export function sentenceAgreement(labels: readonly Label[]): SentenceAgreement {
  const m = labels.length;
  const agreement = pairAgreement(labels);
  if (agreement === null)
    return { ratings: m, agreement: null, disagreement: 0, kind: m === 0 ? "none" : "single" };
  // Every pair agrees exactly when all labels are the same.
  const kind = agreement === 1 ? "unanimous" : majorityOf(labels).label ? "majority" : "split";
  return { ratings: m, agreement, disagreement: 1 - agreement, kind };
}

export interface QueueKey {
  readonly disagreement: number;
  readonly documentTitle: string;
  readonly documentId: string;
  readonly sentenceIndex: number;
}

/** Worst disagreement first, then by document (title, then id for equal titles), then reading order. */
export function compareQueue(a: QueueKey, b: QueueKey): number {
  if (a.disagreement !== b.disagreement) return b.disagreement - a.disagreement;
  if (a.documentTitle !== b.documentTitle) return a.documentTitle < b.documentTitle ? -1 : 1;
  if (a.documentId !== b.documentId) return a.documentId < b.documentId ? -1 : 1;
  return a.sentenceIndex - b.sentenceIndex;
}

/** "Annotator A" … "Annotator Z", "Annotator AA" …: spreadsheet-style letters for any number. */
export function pseudonym(position: number): string {
  if (!Number.isInteger(position) || position < 0)
    throw new RangeError(`position ${position} is not a whole number ≥ 0`);
  let n = position;
  let letters = "";
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `Annotator ${letters}`;
}

export interface IdentitySource {
  readonly id: string;
  readonly name: string;
  /** When the user joined the project; null for someone no longer a member. */
  readonly joinedAt: Date | null;
}

/**
 * How each annotator is shown. Pseudonyms follow the order in which people
 * joined the project (then id), so a person keeps their letter on every page
 * and in every document, and a later member never shifts earlier letters.
 */
export function displayNames(
  people: readonly IdentitySource[],
  mode: "NAMES" | "PSEUDONYMS",
): Map<string, string> {
  const ordered = [...people].sort((a, b) => {
    const ta = a.joinedAt?.getTime() ?? Number.POSITIVE_INFINITY;
    const tb = b.joinedAt?.getTime() ?? Number.POSITIVE_INFINITY;
    if (ta !== tb) return ta - tb;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return new Map(ordered.map((p, i) => [p.id, mode === "NAMES" ? p.name : pseudonym(i)]));
}

export interface FeedbackRow {
  readonly label: Label;
  readonly gold: Label;
  /** When the gold label was settled. */
  readonly settledAt: Date;
}

export interface FeedbackSummary {
  readonly compared: number;
  readonly agreed: number;
  /** agreed / compared; null with nothing to compare. */
  readonly agreement: number | null;
  /** confusion[mine][gold] over LABELS order. */
  readonly confusion: number[][];
  /** Per calendar month (UTC, "YYYY-MM"), oldest first. */
  readonly byMonth: Array<{ month: string; compared: number; agreed: number; agreement: number }>;
}

export function summariseFeedback(rows: readonly FeedbackRow[]): FeedbackSummary {
  const index = new Map(LABELS.map((l, i) => [l, i]));
  const confusion = LABELS.map(() => LABELS.map(() => 0));
  const months = new Map<string, { compared: number; agreed: number }>();
  let agreed = 0;
  for (const row of rows) {
    const i = index.get(row.label) ?? 0;
    const j = index.get(row.gold) ?? 0;
    const line = confusion[i];
    if (line) line[j] = (line[j] ?? 0) + 1;
    const same = row.label === row.gold;
    if (same) agreed++;
    const month = row.settledAt.toISOString().slice(0, 7);
    const bucket = months.get(month) ?? { compared: 0, agreed: 0 };
    bucket.compared++;
    if (same) bucket.agreed++;
    months.set(month, bucket);
  }
  return {
    compared: rows.length,
    agreed,
    agreement: rows.length === 0 ? null : agreed / rows.length,
    confusion,
    byMonth: [...months.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([month, b]) => ({ month, ...b, agreement: b.agreed / b.compared })),
  };
}

/** Bootstrap resamples for a project of `units` units: the full 1,000 up to 20,000 units, fewer above, never under 200. */
export function bootstrapSamplesFor(units: number): number {
  if (units <= 20_000) return 1000;
  return Math.max(200, Math.floor((1000 * 20_000) / units / 50) * 50);
}

/**
 * What settling a sentence starts from. "accept-majority" only when one label
 * has more than half the votes; otherwise (a 1–1 split of two annotators, a
 * three-way split, a 2–1–1 plurality) the reviewer picks an answer with the
 * number keys, so accepting a non-majority is never the default action.
 */
export type ReviewLead = "accept-majority" | "pick-answer";

export function reviewLead(labels: readonly Label[]): ReviewLead {
  const majority = majorityOf(labels);
  return majority.label !== null && majority.count * 2 > majority.total
    ? "accept-majority"
    : "pick-answer";
}

export interface SentenceContext {
  /** Sentences before, in reading order (the nearest is last). */
  readonly before: string[];
  /** Sentences after, in reading order (the nearest is first). */
  readonly after: string[];
}

/**
 * The up to `radius` sentences either side of `index` within one document,
 * from its sentences in any order; gaps in the numbering are skipped over.
 */
export function contextOf(
  sentences: ReadonlyArray<{ readonly index: number; readonly text: string }>,
  index: number,
  radius: number,
): SentenceContext {
  // Callers mostly pass a document's sentences in order already; sort only when they are not.
  const sorted = sentences.every((s, i) => i === 0 || (sentences[i - 1]?.index ?? 0) < s.index);
  const ordered = sorted ? sentences : [...sentences].sort((a, b) => a.index - b.index);
  const at = ordered.findIndex((s) => s.index === index);
  if (at === -1) return { before: [], after: [] };
  return {
    before: ordered.slice(Math.max(0, at - radius), at).map((s) => s.text),
    after: ordered.slice(at + 1, at + 1 + radius).map((s) => s.text),
  };
}
