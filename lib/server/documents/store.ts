import "server-only";
import type { QueryResultRow } from "pg";
import { z } from "zod";
import { pgText } from "@/lib/domain/input";
import { MAX_PAGE_SIZE, pageQuerySchema, screenPageSchema } from "@/lib/domain/api/pagination";
import { db, Prisma, sqlPool } from "@/lib/db";
import { AppError, notFound } from "@/lib/domain/errors";
import {
  SEGMENTER_VERSION,
  SentenceFitError,
  extractHeaderMetadata,
  fitSentences,
  headlineIndex,
  flagBoilerplate,
  normalizeText,
  segmentSentences,
  sentenceKey,
  withHeadline,
  type Sentence,
  type SentenceSpan,
} from "@/lib/domain/text";
import { cutLongUnits } from "@/lib/domain/text/long-units";
import { looseTextKey } from "@/lib/domain/ingest/near-duplicates";
import type { Actor } from "../actor";
import { sha256Hex } from "../hash";
import { isUuid, requireProjectAccess } from "../access";

export const MAX_SENTENCES_PER_DOCUMENT = 20_000;

/** A text with no recognisable title is named by its first real sentence, cut at a word. */
function fallbackTitle(sentence: string | undefined): string {
  if (!sentence) return "Untitled";
  if (sentence.length <= 100) return sentence;
  const cut = sentence.slice(0, 100);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 60)).trimEnd()}…`;
}

export interface DocumentInput {
  text: string;
  title?: string | null;
  byline?: string | null;
  publisher?: string | null;
  /** ISO date, yyyy-mm-dd. */
  publishedAt?: string | null;
  sourceUrl?: string | null;
  /** A headline the text lacks (a web page's); the project's headlineUnit setting decides if it becomes the first unit. */
  headline?: string | null;
  metadata?: Record<string, Prisma.InputJsonValue>;
  /** The title when neither the input nor the text's header has one (an uploaded file's name). */
  fallbackTitle?: string | null;
}

interface InsertDocumentArgs {
  projectId: string;
  importedById: string | null;
  input: DocumentInput;
  /** When given, the "document.import" audit event is written by the same statement. */
  audit?: { actorId: string | null; via: string };
  /**
   * "refuse": a text that differs from a document of the project only in
   * whitespace is not stored (LikelyDuplicateError) unless the owner
   * confirmed it. Seeds and dataset restores store what they are given.
   */
  nearDuplicates?: "refuse" | "allow";
  /**
   * Sentences to keep exactly as they are (a dataset re-import: the sentences
   * its annotations are anchored to, whatever segmenter version made them);
   * the current segmenter fills the rest of the text.
   */
  keptSentences?: readonly SentenceSpan[];
  /** The project's headlineUnit setting, when the caller read it once for many documents. */
  headlineUnit?: boolean;
}

function sentencesFor(text: string, kept: readonly SentenceSpan[] | undefined): Sentence[] {
  const segmented = segmentSentences(text);
  if (!kept || kept.length === 0) return segmented;
  try {
    return fitSentences(text, segmented, kept);
  } catch (e) {
    if (e instanceof SentenceFitError) throw new AppError("VALIDATION", e.message);
    throw e;
  }
}

export interface InsertedDocument {
  id: string;
  title: string;
  sentenceCount: number;
  /** Units made by cutting sentences longer than MAX_UNIT_LENGTH at word boundaries (see cutLongUnits). */
  cutUnits: number;
}

/** The text differs from a document already in the project only in whitespace or line wrapping. */
export class LikelyDuplicateError extends AppError {
  constructor(readonly existing: { id: string; title: string }) {
    super(
      "CONFLICT",
      `This text is likely a duplicate of "${existing.title}": it differs only in whitespace or line wrapping. Import it anyway only if it is a different document.`,
      // The form's confirmation field, shown once this error has been seen.
      { confirmDuplicate: [`Import it even though it looks like "${existing.title}".`] },
    );
  }
}

/** Runs one SQL statement with positional parameters and returns its rows. */
type RunSql = <T>(sql: string, params: unknown[]) => Promise<T[]>;

const poolSql: RunSql = async <T>(sql: string, params: unknown[]) =>
  (await sqlPool().query<T & QueryResultRow>(sql, params)).rows;

// One statement: the document, all its sentences (one multi-row INSERT through
// unnest) and optionally its audit event. ON CONFLICT turns a duplicate into
// "no row" instead of an error, so a caller's transaction stays usable; a
// single statement is atomic, so a failure leaves nothing behind. A likely
// duplicate (same loose hash, other text) also inserts nothing unless $22
// allows it; the (projectId, looseHash) index makes that check a lookup.
const INSERT_DOCUMENT_SQL = `
  WITH d AS (
    INSERT INTO "Document" ("projectId", "importedById", "title", "byline", "publisher", "publishedAt", "sourceUrl", "text", "contentHash", "looseHash", "segmenterVersion", "metadata", "updatedAt")
    SELECT $1::uuid, $2::uuid, $3, $4, $5, $6::date, $7, $8, $9, $21, $10, $11::jsonb, now()
    WHERE $22::boolean OR NOT EXISTS (
      SELECT 1 FROM "Document" x
      WHERE x."projectId" = $1::uuid AND x."looseHash" = $21 AND x."contentHash" <> $9
    )
    ON CONFLICT ("projectId", "contentHash") DO NOTHING
    RETURNING id
  ), s AS (
    INSERT INTO "Sentence" ("projectId", "documentId", "index", "start", "end", "text", "textHash", "isBoilerplate")
    SELECT $1::uuid, d.id, s.i, s.b, s.e, s.t, s.h, s.bp
    FROM d, unnest($12::int[], $13::int[], $14::int[], $15::text[], $16::text[], $17::boolean[]) AS s(i, b, e, t, h, bp)
  ), a AS (
    INSERT INTO "AuditEvent" ("actorId", "projectId", "action", "entityType", "entityId", "after")
    SELECT $18::uuid, $1::uuid, 'document.import', 'Document', d.id::text, $19::jsonb
    FROM d WHERE $20::boolean
  )
  SELECT id::text AS id FROM d`;

async function readHeadlineUnit(run: RunSql, projectId: string): Promise<boolean> {
  const [project] = await run<{ headlineUnit: boolean }>(
    `SELECT "headlineUnit" FROM "Project" WHERE id = $1::uuid`,
    [projectId],
  );
  return project?.headlineUnit ?? true;
}

/** The project's headlineUnit setting, read once for a file of many documents. */
export function projectHeadlineUnit(projectId: string): Promise<boolean> {
  return readHeadlineUnit(poolSql, projectId);
}

/**
 * Normalises, segments and flags one document and stores it with its
 * sentences (and audit event) through `run`. The text is normalised once
 * here; the sentence offsets computed from it are the anchor of every later
 * annotation and never change.
 */
async function storeDocument(run: RunSql, args: InsertDocumentArgs): Promise<InsertedDocument> {
  const headlineUnit = args.headlineUnit ?? (await readHeadlineUnit(run, args.projectId));
  // A re-import's kept sentences are anchored to the file's text as it is.
  const headline = args.keptSentences ? null : args.input.headline?.trim();
  const text = normalizeText(
    headlineUnit && headline ? withHeadline(args.input.text, headline) : args.input.text,
  );
  if (text.trim().length === 0) throw new AppError("VALIDATION", "The document is empty.");
  const contentHash = sha256Hex(text);
  const looseHash = sha256Hex(looseTextKey(text));

  // Kept sentences are anchors of annotations: never cut. Fresh ones over the limit are.
  const { sentences, cutInto: cutUnits } = args.keptSentences?.length
    ? { sentences: sentencesFor(text, args.keptSentences), cutInto: 0 }
    : cutLongUnits(text, segmentSentences(text));
  if (sentences.length > MAX_SENTENCES_PER_DOCUMENT) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The document has ${sentences.length.toLocaleString("en")} sentences; the limit is ${MAX_SENTENCES_PER_DOCUMENT.toLocaleString("en")}.`,
    );
  }
  const boilerplate = flagBoilerplate(text, sentences);
  const header = extractHeaderMetadata(text);
  const pick = (given: string | null | undefined, found: string | undefined) =>
    given?.trim() ? given.trim() : (found ?? null);
  const knownTitle = pick(args.input.title, header.title);
  const title =
    knownTitle ??
    (args.input.fallbackTitle?.trim() || null) ??
    fallbackTitle(sentences.find((_, i) => !boilerplate[i])?.text ?? sentences[0]?.text);
  // The project keeps the title as metadata only: a headline line is not a unit to tag. (A
  // title made up from the first sentence is that sentence, not a headline.)
  if (!headlineUnit && knownTitle && !args.keptSentences) {
    const index = headlineIndex(sentences, knownTitle);
    if (index !== -1) boilerplate[index] = true;
  }

  const inserted = await run<{ id: string }>(INSERT_DOCUMENT_SQL, [
    args.projectId,
    args.importedById,
    title,
    pick(args.input.byline, header.byline),
    pick(args.input.publisher, header.publisher),
    pick(args.input.publishedAt, header.publishedAt),
    pick(args.input.sourceUrl, header.sourceUrl),
    text,
    contentHash,
    SEGMENTER_VERSION,
    JSON.stringify(args.input.metadata ?? {}),
    sentences.map((x) => x.index),
    sentences.map((x) => x.start),
    sentences.map((x) => x.end),
    sentences.map((x) => x.text),
    sentences.map((x) => sha256Hex(sentenceKey(x.text))),
    boilerplate,
    args.audit?.actorId ?? null,
    JSON.stringify({ title, via: args.audit?.via ?? null }),
    args.audit !== undefined,
    looseHash,
    args.nearDuplicates !== "refuse",
  ]);
  const document = inserted[0];
  if (!document) {
    // Exact first: a file imported twice is "already in the project", not "likely".
    const [existing] = await run<{ id: string; title: string; exact: boolean }>(
      `SELECT id::text AS id, title, "contentHash" = $2 AS exact FROM "Document"
       WHERE "projectId" = $1::uuid AND ("contentHash" = $2 OR "looseHash" = $3)
       ORDER BY ("contentHash" = $2) DESC, "createdAt" ASC LIMIT 1`,
      [args.projectId, contentHash, looseHash],
    );
    if (existing && !existing.exact) {
      throw new LikelyDuplicateError({ id: existing.id, title: existing.title });
    }
    throw new AppError(
      "CONFLICT",
      `This text is already in the project as "${existing?.title ?? "another document"}".`,
    );
  }
  return { id: document.id, title, sentenceCount: sentences.length, cutUnits };
}

/** Inserts one document with its sentences inside the caller's transaction (seed, dataset re-import, tests). */
export function insertDocument(
  tx: Prisma.TransactionClient,
  args: InsertDocumentArgs,
): Promise<InsertedDocument> {
  return storeDocument((sql, params) => tx.$queryRawUnsafe(sql, ...params), args);
}

/**
 * Imports one document as its own atomic statement straight through the pg
 * pool: the bulk path of uploads, the CLI and JSONL files, where Prisma's
 * parameter handling of the sentence arrays cost as much as PostgreSQL's work.
 */
export function importDocument(args: InsertDocumentArgs): Promise<InsertedDocument> {
  return storeDocument(poolSql, args);
}

/** Every document's id and title, in import order: the export page's document picker. */
export async function listDocumentTitles(args: {
  actor: Actor;
  projectSlug: string;
}): Promise<Array<{ id: string; title: string }>> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:read",
  );
  return db.document.findMany({
    where: { projectId: access.project.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, title: true },
  });
}

export async function getDocument(args: { actor: Actor; projectSlug: string; documentId: string }) {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:read",
  );
  if (!isUuid(args.documentId)) throw notFound("That document");
  const document = await db.document.findFirst({
    // Scoped by project: an id from another project finds nothing.
    where: { id: args.documentId, projectId: access.project.id },
    select: {
      id: true,
      title: true,
      byline: true,
      publisher: true,
      publishedAt: true,
      sourceUrl: true,
      createdAt: true,
      sentences: {
        orderBy: { index: "asc" },
        select: { id: true, index: true, start: true, end: true, text: true, isBoilerplate: true },
      },
    },
  });
  if (!document) throw notFound("That document");
  return { access, document };
}

// ----------------------------------------------------------- the document list

export const DOCUMENT_STATUSES = ["new", "in_progress", "complete"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export const DOCUMENT_SORTS = ["newest", "oldest", "title", "published"] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];
export const DOCUMENT_PAGE_SIZE = 50;

/** The list's query string; anything unusable falls back to the default rather than failing the page. */
export const documentListQuerySchema = z.object({
  q: pgText().trim().max(200).catch("").default(""),
  status: z.enum(DOCUMENT_STATUSES).optional().catch(undefined),
  sort: z.enum(DOCUMENT_SORTS).catch("newest").default("newest"),
  page: screenPageSchema,
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .catch(DOCUMENT_PAGE_SIZE)
    .default(DOCUMENT_PAGE_SIZE),
});
export type DocumentListQuery = z.output<typeof documentListQuerySchema>;

/**
 * The same query for the JSON API, where a script is better told than guessed
 * for: an unknown status or sort, or a page out of range, is a 422.
 */
export const documentListApiQuerySchema = z
  .object({
    q: pgText().trim().max(200, "Search with at most 200 characters.").default(""),
    status: z.enum(DOCUMENT_STATUSES, { error: "Use new, in_progress or complete." }).optional(),
    sort: z
      .enum(DOCUMENT_SORTS, { error: "Use newest, oldest, title or published." })
      .default("newest"),
  })
  .extend(pageQuerySchema.shape);

export interface DocumentSearchItem {
  id: string;
  title: string;
  publisher: string | null;
  publishedAt: Date | null;
  sentenceCount: number;
  createdAt: Date;
  /**
   * Annotators who submitted the document, against the project's "annotators
   * per document" — or, for an annotator in a blind project (`scope: "own"`),
   * whether they submitted it themselves, out of 1.
   */
  submitted: number;
  required: number;
  status: DocumentStatus;
  scope: "all" | "own";
}

const ORDER: Record<DocumentSort, Prisma.Sql> = {
  newest: Prisma.sql`d."createdAt" DESC, d.id DESC`,
  oldest: Prisma.sql`d."createdAt" ASC, d.id ASC`,
  title: Prisma.sql`d.title ASC, d.id ASC`,
  published: Prisma.sql`d."publishedAt" DESC NULLS LAST, d.id DESC`,
};

/** Search terms shorter than this match titles only (see searchDocuments). */
export const MIN_TEXT_SEARCH = 3;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of a project's documents: searched by title and text, filtered by
 * annotation status, sorted, paged by offset over the (projectId, createdAt)
 * and (projectId, title) indexes. Progress counts are computed for the page's
 * rows only; in a blind project an annotator's are about their own work alone.
 */
export async function searchDocuments(args: { actor: Actor; projectSlug: string; query: unknown }) {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:read",
  );
  const query = documentListQuerySchema.parse(args.query ?? {});
  const projectId = access.project.id;
  // Blind annotation: an annotator learns nothing of the others' work, their progress included,
  // so every count and status here (and the status filter) is about their own work only.
  const scope =
    access.project.blindAnnotation && !access.can("annotation:read-all") ? "own" : "all";
  const required = scope === "own" ? 1 : access.project.annotatorsPerDocument;
  const progressOf =
    scope === "own" ? Prisma.sql`AND p."userId" = ${args.actor.id}::uuid` : Prisma.empty;
  const annotationsOf =
    scope === "own" ? Prisma.sql`AND a."annotatorId" = ${args.actor.id}::uuid` : Prisma.empty;

  const submitted = Prisma.sql`(SELECT count(*) FROM "DocumentProgress" p WHERE p."documentId" = d.id AND p.status = 'SUBMITTED' ${progressOf})`;
  const started = Prisma.sql`(EXISTS (SELECT 1 FROM "DocumentProgress" p WHERE p."documentId" = d.id ${progressOf}) OR EXISTS (SELECT 1 FROM "Annotation" a WHERE a."documentId" = d.id ${annotationsOf}))`;
  const conditions: Prisma.Sql[] = [Prisma.sql`d."projectId" = ${projectId}::uuid`];
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    // The trigram indexes serve patterns of three characters or more; a
    // shorter one would scan every document's text, so it matches titles only.
    conditions.push(
      query.q.length >= MIN_TEXT_SEARCH
        ? Prisma.sql`(d.title ILIKE ${pattern} OR d.text ILIKE ${pattern})`
        : Prisma.sql`d.title ILIKE ${pattern}`,
    );
  }
  if (query.status === "new") conditions.push(Prisma.sql`NOT ${started}`);
  if (query.status === "complete") conditions.push(Prisma.sql`${submitted} >= ${required}`);
  if (query.status === "in_progress")
    conditions.push(Prisma.sql`${started} AND ${submitted} < ${required}`);
  const where = Prisma.join(conditions, " AND ");

  const [rows, counted] = await Promise.all([
    db.$queryRaw<
      Array<{
        id: string;
        title: string;
        publisher: string | null;
        publishedAt: Date | null;
        createdAt: Date;
        sentenceCount: number;
        submitted: number;
        started: boolean;
      }>
    >`
      SELECT d.id, d.title, d.publisher, d."publishedAt", d."createdAt",
        (SELECT count(*) FROM "Sentence" s WHERE s."documentId" = d.id)::int AS "sentenceCount",
        ${submitted}::int AS submitted,
        ${started} AS started
      FROM "Document" d
      -- The page's ids first, so the counts are computed for 50 rows, not for every row skipped by OFFSET.
      WHERE d.id IN (
        SELECT d.id FROM "Document" d WHERE ${where}
        ORDER BY ${ORDER[query.sort]}
        LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}
      )
      ORDER BY ${ORDER[query.sort]}`,
    db.$queryRaw<
      Array<{ total: number }>
    >`SELECT count(*)::int AS total FROM "Document" d WHERE ${where}`,
  ]);
  const total = counted[0]?.total ?? 0;
  return {
    access,
    query,
    total,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    documents: rows.map((r): DocumentSearchItem => ({
      id: r.id,
      title: r.title,
      publisher: r.publisher,
      publishedAt: r.publishedAt,
      createdAt: r.createdAt,
      sentenceCount: r.sentenceCount,
      submitted: r.submitted,
      required,
      status: r.submitted >= required ? "complete" : r.started ? "in_progress" : "new",
      scope,
    })),
  };
}
