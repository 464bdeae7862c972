import "server-only";
import { db, sqlPool } from "@/lib/db";
import type { Label, SourceType } from "@/lib/domain/annotation";
import {
  detectDocumentAttributions,
  guessSourceType,
  matchRegistrySource,
  MIN_TRAINING_EXAMPLES,
  suggestLabel,
  trainLabelModel,
  type Attribution,
  type AttributionKind,
  type LabelModel,
  type RegistryEntry,
  type RegistryMatch,
  type TextSpan,
} from "@/lib/domain/attribution";
import { AppError, notFound } from "@/lib/domain/errors";
import { isUuid, requireProjectAccess } from "../access";
import type { Actor } from "../actor";

/** A span of the document text: `text === document.text.slice(start, end)`, UTF-16 units like sentence offsets. */
export type DocumentSpan = TextSpan;

export interface SuggestedAttribution {
  /** The reporting verb or phrase; null when the attribution is carried from a quote in another sentence. */
  cue: DocumentSpan | null;
  /** Who speaks as written; null for agentless passives and carried quotes. */
  source: DocumentSpan | null;
  /** A pronoun's, surname's or carried quote's speaker as named earlier in the document. */
  resolvedSource: string | null;
  kind: AttributionKind;
  /** The registry entry the source (or its resolution) names, or null. */
  sourceId: string | null;
  /** The registry entry's type when matched, else a guess; null when nobody is named. */
  sourceType: SourceType | null;
  /** 0..1: how sure the detector is that this is an attribution. */
  confidence: number;
}

/** Which evidence the label suggestion used: the rules alone, or blended with the project's gold labels. */
export type LabelModelName = "rules" | `rules+gold(${number})`;

export interface SuggestedLabel {
  value: Label;
  confidence: number;
  model: LabelModelName;
}

export interface SentenceSuggestion {
  sentenceId: string;
  attributions: SuggestedAttribution[];
  label: SuggestedLabel | null;
}

export interface DocumentSuggestions {
  sentences: SentenceSuggestion[];
}

interface SentenceRow {
  id: string;
  start: number;
  text: string;
  isBoilerplate: boolean;
}

/**
 * The attribution assistant's suggestions for every sentence of a document, in
 * order: cues and sources as document offsets, their registry match and type,
 * and a label. They are computed from the document text, the project's
 * registry and its gold labels only, never from any annotator's answers, so
 * blind annotation stays blind. Boilerplate sentences are listed with no
 * suggestion and are hidden from the detector, so a byline cannot become the
 * antecedent of "he said".
 */
export async function documentSuggestions(args: {
  actor: Actor;
  projectSlug: string;
  documentId: string;
}): Promise<DocumentSuggestions> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:read",
  );
  if (!access.project.assistantEnabled) {
    throw new AppError("CONFLICT", "The attribution assistant is turned off for this project.");
  }
  if (!isUuid(args.documentId)) throw notFound("That document");
  const projectId = access.project.id;
  const [document, sentences, registry, model] = await Promise.all([
    db.document.findFirst({ where: { id: args.documentId, projectId }, select: { id: true } }),
    // Raw SQL: this is the whole cost of the request besides detection, and
    // Prisma's per-row work on 2,000 sentences is a large share of the budget.
    sqlPool().query<SentenceRow>(
      `SELECT id::text AS id, start, text, "isBoilerplate" FROM "Sentence"
        WHERE "documentId" = $1::uuid AND "projectId" = $2::uuid ORDER BY index`,
      [args.documentId, projectId],
    ),
    db.source.findMany({
      where: { projectId },
      select: { id: true, name: true, aliases: true, type: true },
    }),
    goldLabelModel(projectId),
  ]);
  if (!document) throw notFound("That document");

  const rows = sentences.rows;
  const detected = detectDocumentAttributions(rows.map((s) => (s.isBoilerplate ? "" : s.text)));
  const modelName: LabelModelName = model ? `rules+gold(${model.examples})` : "rules";
  return {
    sentences: rows.map((sentence, i) => {
      if (sentence.isBoilerplate) return { sentenceId: sentence.id, attributions: [], label: null };
      const found = detected[i] ?? [];
      const label = suggestLabel(sentence.text, found, { model });
      return {
        sentenceId: sentence.id,
        attributions: found.map((a) => toSuggestion(a, sentence, registry)),
        label: label
          ? { value: label.value, confidence: label.confidence, model: modelName }
          : null,
      };
    }),
  };
}

function toSuggestion(
  attribution: Attribution,
  sentence: SentenceRow,
  registry: readonly RegistryEntry[],
): SuggestedAttribution {
  const { source, resolvedSource } = attribution;
  const match = bestMatch(
    source ? matchRegistrySource(source.text, registry) : null,
    resolvedSource ? matchRegistrySource(resolvedSource, registry) : null,
  );
  let sourceType: SourceType | null = match?.entry.type ?? null;
  if (!sourceType && source) {
    sourceType = guessSourceType(source.text, { sentence: sentence.text, resolvedSource });
  } else if (!sourceType && resolvedSource) {
    sourceType = guessSourceType(resolvedSource);
  }
  return {
    cue: attribution.cue && shift(attribution.cue, sentence.start),
    source: source && shift(source, sentence.start),
    resolvedSource,
    kind: attribution.kind,
    sourceId: match?.entry.id ?? null,
    sourceType,
    confidence: attribution.confidence,
  };
}

const shift = (span: TextSpan, by: number): DocumentSpan => ({
  text: span.text,
  start: span.start + by,
  end: span.end + by,
});

function bestMatch(a: RegistryMatch | null, b: RegistryMatch | null): RegistryMatch | null {
  if (!a) return b;
  if (!b) return a;
  return b.score > a.score ? b : a;
}

// ------------------------------------------------------------ label model

/**
 * Trained models per project, keyed by the gold set's size and latest change:
 * a new or changed adjudication makes a new key and the next request
 * retrains, otherwise a request costs one aggregate query. Each project keeps
 * only its latest model, and the least recently used projects are dropped
 * beyond MAX_CACHED_MODELS, so memory stays bounded.
 */
const MAX_CACHED_MODELS = 32;
const modelCache = new Map<string, { key: string; model: Promise<LabelModel> }>();

/** The project's gold-trained label model, or null while it has fewer than MIN_TRAINING_EXAMPLES gold labels. */
async function goldLabelModel(projectId: string): Promise<LabelModel | null> {
  const [stats] = await db.$queryRaw<Array<{ count: number; latest: Date | null }>>`
    SELECT count(*)::int AS count, max("updatedAt") AS latest
      FROM "Adjudication" WHERE "projectId" = ${projectId}::uuid AND label IS NOT NULL`;
  const count = stats?.count ?? 0;
  if (count < MIN_TRAINING_EXAMPLES) return null;
  const key = `${count}:${stats?.latest?.toISOString() ?? ""}`;
  const cached = modelCache.get(projectId);
  if (cached?.key === key) {
    // Re-inserted so the Map's order is least recently used first.
    modelCache.delete(projectId);
    modelCache.set(projectId, cached);
    return cached.model;
  }
  const model = trainOnGold(projectId);
  modelCache.delete(projectId);
  modelCache.set(projectId, { key, model });
  while (modelCache.size > MAX_CACHED_MODELS) {
    const oldest = modelCache.keys().next().value;
    if (oldest === undefined) break;
    modelCache.delete(oldest);
  }
  // A failed training must not stay cached: the next request tries again.
  model.catch(() => {
    if (modelCache.get(projectId)?.model === model) modelCache.delete(projectId);
  });
  return model;
}

/**
 * Each gold sentence is detected on its own rather than inside its document:
 * the cost then grows with the gold set, not with the size of every document
 * that holds a gold label; only pronoun resolution and carried quotes, which
 * need the context, are lost to the features.
 */
async function trainOnGold(projectId: string): Promise<LabelModel> {
  const gold = await sqlPool().query<{ text: string; label: Label }>(
    `SELECT s.text, a.label::text AS label FROM "Adjudication" a
       JOIN "Sentence" s ON s.id = a."sentenceId"
      WHERE a."projectId" = $1::uuid AND a.label IS NOT NULL`,
    [projectId],
  );
  return trainLabelModel(
    gold.rows.map((row) => ({
      sentence: row.text,
      attributions: detectDocumentAttributions([row.text])[0] ?? [],
      label: row.label,
    })),
  );
}
