import { SPLIT_NAMES, type IdentityMode, type SplitName } from "./options";

import type { Label } from "../annotation/labels";
import { majorityOf, pairAgreement } from "../review";

export interface RegistrySource {
  name: string;
  type: string;
  aliases: string[];
  affiliation: string | null;
}

export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface ExportDocument {
  id: string;
  /** sha256 of the text: the same in every project, so splits survive a re-import. */
  contentHash: string;
  title: string;
  byline: string | null;
  publisher: string | null;
  publishedAt: string | null;
  sourceUrl: string | null;
  /** The metadata as PostgreSQL wrote it: already JSON, passed through without parsing. */
  metadataJson: string;
}

export interface ExportAnnotation {
  id: string;
  annotator: Person;
  label: Label;
  sourceText: string | null;
  sourceStart: number | null;
  sourceEnd: number | null;
  source: RegistrySource | null;
  sourceType: string | null;
  note: string | null;
  unsure: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ExportAdjudication {
  label: Label | null;
  status: string;
  sourceText: string | null;
  source: RegistrySource | null;
  note: string | null;
  reviewer: Person;
}

/** One sentence with everything said about it: the unit of JSONL and Parquet rows. */
export interface ExportSentence {
  document: ExportDocument;
  id: string;
  index: number;
  start: number;
  end: number;
  text: string;
  isBoilerplate: boolean;
  adjudication: ExportAdjudication | null;
  annotations: ExportAnnotation[];
}

/** The gold label: a resolved adjudication's label; open or disputed ones are not gold yet. */
export function goldLabel(sentence: Pick<ExportSentence, "adjudication">): Label | null {
  const a = sentence.adjudication;
  return a && a.status === "RESOLVED" ? a.label : null;
}

/** The source of the gold label: the registry entry's name, else the words the reviewer chose; null without gold. */
export function goldSourceName(sentence: Pick<ExportSentence, "adjudication">): string | null {
  const adj = sentence.adjudication;
  return goldLabel(sentence) ? (adj?.source?.name ?? adj?.sourceText ?? null) : null;
}

/** The columns that place a sentence, first in every tabular format (CSV and Parquet). */
export function sentenceColumns(
  sentence: ExportSentence,
): [string, string, number, number, number, string, boolean] {
  return [
    sentence.document.id,
    sentence.document.title,
    sentence.index,
    sentence.start,
    sentence.end,
    sentence.text,
    sentence.isBoilerplate,
  ];
}

/** The most frequent label, or null on a tie or with no annotations (the review's majority, label only). */
export function majorityLabel(labels: readonly Label[]): Label | null {
  return majorityOf(labels).label;
}

/** Observed agreement of one sentence, as the review computes it: the share of agreeing annotator pairs. */
export const sentenceAgreement = pairAgreement;

/** The label a dataset row carries: gold when adjudicated, else the majority of annotators. */
export function datasetLabel(sentence: ExportSentence): {
  label: Label | null;
  origin: "gold" | "majority" | "none";
} {
  const gold = goldLabel(sentence);
  if (gold) return { label: gold, origin: "gold" };
  const majority = majorityLabel(sentence.annotations.map((a) => a.label));
  return majority ? { label: majority, origin: "majority" } : { label: null, origin: "none" };
}

/** 32-bit FNV-1a over UTF-16 units: small, fast and the same on every platform. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A stable pseudonym for a user within a project: the same person is the same
 * pseudonym in every export of the project, and it reveals nothing about them.
 */
export function pseudonym(projectId: string, userId: string): string {
  const a = fnv1a(`${projectId}:${userId}`).toString(16).padStart(8, "0");
  const b = fnv1a(`${userId}:${projectId}`, 0x01000193).toString(16).padStart(8, "0");
  return `annotator-${a}${b}`.slice(0, 22);
}

export interface DisplayedPerson {
  name: string;
  email: string | null;
}

export function displayPerson(
  mode: IdentityMode,
  projectId: string,
  person: Person,
): DisplayedPerson {
  switch (mode) {
    case "names":
      return { name: person.name, email: null };
    case "emails":
      return { name: person.name, email: person.email };
    case "pseudonyms":
      return { name: pseudonym(projectId, person.id), email: null };
  }
}

export interface SplitProportions {
  seed: number;
  train: number;
  validation: number;
  test: number;
}

/**
 * The split of a document: a hash of the seed and the document's content, so
 * the same seed puts the same article in the same split in every export, in
 * any order, even after a re-import into another project.
 */
export function assignSplit(documentKey: string, p: SplitProportions): SplitName {
  const total = p.train + p.validation + p.test;
  const x = (fnv1a(`${p.seed}:${documentKey}`) / 0x1_0000_0000) * total;
  if (x < p.train) return SPLIT_NAMES[0];
  if (x < p.train + p.validation) return SPLIT_NAMES[1];
  return p.test > 0 ? SPLIT_NAMES[2] : p.validation > 0 ? SPLIT_NAMES[1] : SPLIT_NAMES[0];
}
