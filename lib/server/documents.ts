import "server-only";
import { createHash } from "node:crypto";
import { db, type Prisma } from "@/lib/db";
import { AppError, notFound } from "@/lib/domain/errors";
import {
  SEGMENTER_VERSION,
  extractHeaderMetadata,
  flagBoilerplate,
  normalizeText,
  segmentSentences,
  sentenceKey,
} from "@/lib/domain/text";
import type { Actor } from "./actor";
import { isUuid, requireProjectAccess } from "./access";
import { audit } from "./audit";

export const MAX_SENTENCES_PER_DOCUMENT = 20_000;

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

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
  metadata?: Record<string, Prisma.InputJsonValue>;
}

/**
 * Inserts one document with its sentences inside the caller's transaction.
 * The text is normalised once here; the sentence offsets computed from it are
 * the anchor of every later annotation and never change.
 */
export async function insertDocument(
  tx: Prisma.TransactionClient,
  args: { projectId: string; importedById: string | null; input: DocumentInput },
): Promise<{ id: string; title: string; sentenceCount: number }> {
  const text = normalizeText(args.input.text);
  if (text.trim().length === 0) throw new AppError("VALIDATION", "The document is empty.");
  const contentHash = sha256(text);

  const existing = await tx.document.findUnique({
    where: { projectId_contentHash: { projectId: args.projectId, contentHash } },
    select: { title: true },
  });
  if (existing) {
    throw new AppError("CONFLICT", `This text is already in the project as "${existing.title}".`);
  }

  const sentences = segmentSentences(text);
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
  const title =
    pick(args.input.title, header.title) ??
    fallbackTitle(sentences.find((_, i) => !boilerplate[i])?.text ?? sentences[0]?.text);
  const publishedAt = pick(args.input.publishedAt, header.publishedAt);

  const document = await tx.document.create({
    data: {
      projectId: args.projectId,
      importedById: args.importedById,
      title,
      byline: pick(args.input.byline, header.byline),
      publisher: pick(args.input.publisher, header.publisher),
      publishedAt: publishedAt ? new Date(`${publishedAt}T00:00:00Z`) : null,
      sourceUrl: pick(args.input.sourceUrl, header.sourceUrl),
      text,
      contentHash,
      segmenterVersion: SEGMENTER_VERSION,
      metadata: args.input.metadata ?? {},
    },
    select: { id: true },
  });

  // One multi-row INSERT through unnest(): a round trip per document, not per sentence.
  await tx.$executeRaw`
    INSERT INTO "Sentence" ("projectId", "documentId", "index", "start", "end", "text", "textHash", "isBoilerplate")
    SELECT ${args.projectId}::uuid, ${document.id}::uuid, s.i, s.b, s.e, s.t, s.h, s.bp
    FROM unnest(
      ${sentences.map((s) => s.index)}::int[],
      ${sentences.map((s) => s.start)}::int[],
      ${sentences.map((s) => s.end)}::int[],
      ${sentences.map((s) => s.text)}::text[],
      ${sentences.map((s) => sha256(sentenceKey(s.text)))}::text[],
      ${boilerplate}::boolean[]
    ) AS s(i, b, e, t, h, bp)`;

  return { id: document.id, title, sentenceCount: sentences.length };
}

export interface DocumentListItem {
  id: string;
  title: string;
  publisher: string | null;
  publishedAt: Date | null;
  sentenceCount: number;
  createdAt: Date;
}

export async function listDocuments(args: { actor: Actor; projectSlug: string }) {
  const access = await requireProjectAccess(args.actor, { slug: args.projectSlug }, "document:read");
  const documents = await db.document.findMany({
    where: { projectId: access.project.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      publisher: true,
      publishedAt: true,
      createdAt: true,
      _count: { select: { sentences: true } },
    },
  });
  return {
    access,
    documents: documents.map(
      (d): DocumentListItem => ({
        id: d.id,
        title: d.title,
        publisher: d.publisher,
        publishedAt: d.publishedAt,
        createdAt: d.createdAt,
        sentenceCount: d._count.sentences,
      }),
    ),
  };
}

export async function getDocument(args: { actor: Actor; projectSlug: string; documentId: string }) {
  const access = await requireProjectAccess(args.actor, { slug: args.projectSlug }, "document:read");
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

/** Records an import in the audit log; used by every import door. */
export async function auditImport(
  tx: Prisma.TransactionClient,
  args: { actorId: string | null; projectId: string; documentId: string; title: string; via: string },
) {
  await audit(tx, {
    actorId: args.actorId,
    projectId: args.projectId,
    action: "document.import",
    entityType: "Document",
    entityId: args.documentId,
    after: { title: args.title, via: args.via },
  });
}
