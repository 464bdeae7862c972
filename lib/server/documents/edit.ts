import "server-only";
import { z } from "zod";
import { pgInt, pgText } from "@/lib/domain/input";
import { db, type Prisma } from "@/lib/db";
import { isIsoDate } from "@/lib/domain/dates";
import { AppError, notFound } from "@/lib/domain/errors";
import { SentenceEditError, mergeSentences, sentenceKey, splitSentence } from "@/lib/domain/text";
import type { Actor } from "../actor";
import { sha256Hex } from "../hash";
import { isUuid, requireProjectAccess } from "../access";
import { audit } from "../audit/record";
import { parseInput } from "../validation";

const optionalText = (max: number, label: string) =>
  pgText()
    .trim()
    .max(max, `${label} is too long (at most ${max} characters).`)
    .transform((v) => (v === "" ? null : v));

export const documentMetadataSchema = z.object({
  title: pgText()
    .trim()
    .min(1, "The title cannot be empty.")
    .max(500, "The title is too long (at most 500 characters)."),
  byline: optionalText(300, "The byline"),
  publisher: optionalText(300, "The publisher"),
  publishedAt: pgText()
    .trim()
    .refine((v) => v === "" || isIsoDate(v), "Give the date as YYYY-MM-DD.")
    .transform((v) => (v === "" ? null : new Date(`${v}T00:00:00Z`))),
  sourceUrl: pgText()
    .trim()
    .refine(
      (v) => v === "" || /^https?:\/\//i.test(v),
      "The source URL must start with http:// or https://.",
    )
    .refine(
      (v) => v === "" || z.url().safeParse(v).success,
      "The source URL is not a valid address.",
    )
    .transform((v) => (v === "" ? null : v)),
});

async function loadDocument(
  actor: Actor,
  projectSlug: string,
  documentId: string,
  action: "document:edit" | "document:read",
) {
  const access = await requireProjectAccess(actor, { slug: projectSlug }, action);
  if (!isUuid(documentId)) throw notFound("That document");
  const document = await db.document.findFirst({
    where: { id: documentId, projectId: access.project.id },
    select: {
      id: true,
      projectId: true,
      title: true,
      byline: true,
      publisher: true,
      publishedAt: true,
      sourceUrl: true,
      text: true,
    },
  });
  if (!document) throw notFound("That document");
  return { access, document };
}

/** Owners correct the title, byline, publisher, date and source URL; the text never changes. */
export async function updateDocumentMetadata(args: {
  actor: Actor;
  projectSlug: string;
  documentId: string;
  input: unknown;
}) {
  const { document } = await loadDocument(
    args.actor,
    args.projectSlug,
    args.documentId,
    "document:edit",
  );
  const input = parseInput(documentMetadataSchema, args.input);
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  await db.$transaction(async (tx) => {
    await tx.document.update({ where: { id: document.id }, data: input });
    await audit(tx, {
      actorId: args.actor.id,
      projectId: document.projectId,
      action: "document.metadata",
      entityType: "Document",
      entityId: document.id,
      before: {
        title: document.title,
        byline: document.byline,
        publisher: document.publisher,
        publishedAt: day(document.publishedAt),
        sourceUrl: document.sourceUrl,
      },
      after: { ...input, publishedAt: day(input.publishedAt) },
    });
  });
  return { id: document.id };
}

async function findSentence(tx: Prisma.TransactionClient, documentId: string, sentenceId: string) {
  if (!isUuid(sentenceId)) throw notFound("That sentence");
  const sentence = await tx.sentence.findFirst({
    where: { id: sentenceId, documentId },
    select: { id: true, index: true, isBoilerplate: true },
  });
  if (!sentence) throw notFound("That sentence");
  return sentence;
}

/** Marks a sentence as boilerplate or as content; agreement and export follow the flag. */
export async function setSentenceBoilerplate(args: {
  actor: Actor;
  projectSlug: string;
  documentId: string;
  sentenceId: string;
  isBoilerplate: boolean;
}) {
  const { document } = await loadDocument(
    args.actor,
    args.projectSlug,
    args.documentId,
    "document:edit",
  );
  return db.$transaction(async (tx) => {
    const sentence = await findSentence(tx, document.id, args.sentenceId);
    await tx.sentence.update({
      where: { id: sentence.id },
      data: { isBoilerplate: args.isBoilerplate },
    });
    await audit(tx, {
      actorId: args.actor.id,
      projectId: document.projectId,
      action: "sentence.boilerplate",
      entityType: "Sentence",
      entityId: sentence.id,
      before: { isBoilerplate: sentence.isBoilerplate },
      after: { isBoilerplate: args.isBoilerplate },
    });
    return { id: sentence.id, isBoilerplate: args.isBoilerplate };
  });
}

async function refuseIfAnnotated(tx: Prisma.TransactionClient, sentenceIds: string[]) {
  const [annotations, adjudications, comments] = await Promise.all([
    tx.annotation.count({ where: { sentenceId: { in: sentenceIds } } }),
    tx.adjudication.count({ where: { sentenceId: { in: sentenceIds } } }),
    tx.comment.count({ where: { sentenceId: { in: sentenceIds } } }),
  ]);
  if (annotations + adjudications + comments > 0) {
    throw new AppError(
      "CONFLICT",
      "These sentences already have annotations, gold labels or comments, so their boundaries can no longer change.",
    );
  }
}

async function loadSentences(tx: Prisma.TransactionClient, documentId: string) {
  return tx.sentence.findMany({
    where: { documentId },
    orderBy: { index: "asc" },
    select: { id: true, index: true, start: true, end: true, text: true, isBoilerplate: true },
  });
}

/** Shifts the indexes after `from` by `delta` in two steps, since (documentId, index) is unique at every row. */
async function shiftIndexes(
  tx: Prisma.TransactionClient,
  documentId: string,
  from: number,
  delta: number,
) {
  await tx.$executeRaw`UPDATE "Sentence" SET "index" = -("index" + 1) WHERE "documentId" = ${documentId}::uuid AND "index" >= ${from}`;
  await tx.$executeRaw`UPDATE "Sentence" SET "index" = -"index" - 1 + ${delta} WHERE "documentId" = ${documentId}::uuid AND "index" < 0`;
}

function editError(error: unknown): never {
  if (error instanceof SentenceEditError) throw new AppError("VALIDATION", error.message);
  throw error;
}

/**
 * Joins a sentence with the next one, while neither has annotations. The
 * first keeps its id; every other sentence keeps its offsets.
 */
export async function mergeSentenceWithNext(args: {
  actor: Actor;
  projectSlug: string;
  documentId: string;
  sentenceId: string;
}) {
  const { document } = await loadDocument(
    args.actor,
    args.projectSlug,
    args.documentId,
    "document:edit",
  );
  return db.$transaction(async (tx) => {
    const sentence = await findSentence(tx, document.id, args.sentenceId);
    const rows = await loadSentences(tx, document.id);
    const next = rows[sentence.index + 1];
    if (!next)
      throw new AppError(
        "VALIDATION",
        "This is the last sentence; there is nothing to merge it with.",
      );
    await refuseIfAnnotated(tx, [sentence.id, next.id]);
    let merged;
    try {
      merged = mergeSentences(rows, sentence.index, document.text)[sentence.index];
    } catch (error) {
      editError(error);
    }
    if (!merged) throw new AppError("VALIDATION", "The sentences could not be merged.");
    await tx.sentence.delete({ where: { id: next.id } });
    await tx.sentence.update({
      where: { id: sentence.id },
      data: {
        end: merged.end,
        text: merged.text,
        textHash: sha256Hex(sentenceKey(merged.text)),
        isBoilerplate: sentence.isBoilerplate && next.isBoilerplate,
      },
    });
    await shiftIndexes(tx, document.id, sentence.index + 2, -1);
    await audit(tx, {
      actorId: args.actor.id,
      projectId: document.projectId,
      action: "sentence.merge",
      entityType: "Document",
      entityId: document.id,
      before: { index: sentence.index, sentences: [sentence.id, next.id] },
      after: { index: sentence.index, start: merged.start, end: merged.end },
    });
    return { id: sentence.id, start: merged.start, end: merged.end };
  });
}

export const splitSentenceSchema = z.object({
  // An empty field would coerce to 0; it means no position was chosen.
  atOffset: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce
      .number()
      .int()
      .catch(Number.NaN)
      .pipe(pgInt({ message: "Choose where to split the sentence." })),
  ),
});

/**
 * Splits a sentence in two at a document offset, while it has no
 * annotations. The first part keeps the id; every other sentence keeps its offsets.
 */
export async function splitSentenceAt(args: {
  actor: Actor;
  projectSlug: string;
  documentId: string;
  sentenceId: string;
  input: unknown;
}) {
  const { document } = await loadDocument(
    args.actor,
    args.projectSlug,
    args.documentId,
    "document:edit",
  );
  const { atOffset } = parseInput(splitSentenceSchema, args.input);
  return db.$transaction(async (tx) => {
    const sentence = await findSentence(tx, document.id, args.sentenceId);
    await refuseIfAnnotated(tx, [sentence.id]);
    const rows = await loadSentences(tx, document.id);
    let parts;
    try {
      const edited = splitSentence(rows, sentence.index, atOffset);
      parts = [edited[sentence.index], edited[sentence.index + 1]];
    } catch (error) {
      editError(error);
    }
    const [first, second] = parts;
    if (!first || !second)
      throw new AppError("VALIDATION", "The sentence could not be split there.");
    await shiftIndexes(tx, document.id, sentence.index + 1, 1);
    await tx.sentence.update({
      where: { id: sentence.id },
      data: { end: first.end, text: first.text, textHash: sha256Hex(sentenceKey(first.text)) },
    });
    const created = await tx.sentence.create({
      data: {
        projectId: document.projectId,
        documentId: document.id,
        index: sentence.index + 1,
        start: second.start,
        end: second.end,
        text: second.text,
        textHash: sha256Hex(sentenceKey(second.text)),
        isBoilerplate: sentence.isBoilerplate,
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: args.actor.id,
      projectId: document.projectId,
      action: "sentence.split",
      entityType: "Document",
      entityId: document.id,
      before: { index: sentence.index, sentence: sentence.id },
      after: { atOffset, sentences: [sentence.id, created.id] },
    });
    return { ids: [sentence.id, created.id] };
  });
}

export interface SentenceDuplicate {
  sentenceId: string;
  elsewhere: Array<{ documentId: string; title: string; sentenceIndex: number }>;
}

/**
 * For each sentence of a document whose normalised text also appears in other
 * documents of the project: where else it appears (by the textHash index).
 */
export async function sentenceDuplicates(args: {
  actor: Actor;
  projectSlug: string;
  documentId: string;
}): Promise<SentenceDuplicate[]> {
  const { document } = await loadDocument(
    args.actor,
    args.projectSlug,
    args.documentId,
    "document:read",
  );
  const rows = await db.$queryRaw<
    Array<{ sentenceId: string; documentId: string; title: string; sentenceIndex: number }>
  >`
    SELECT mine.id AS "sentenceId", other."documentId", d.title, other."index" AS "sentenceIndex"
    FROM "Sentence" mine
    JOIN "Sentence" other ON other."projectId" = mine."projectId" AND other."textHash" = mine."textHash" AND other."documentId" <> mine."documentId"
    JOIN "Document" d ON d.id = other."documentId"
    WHERE mine."documentId" = ${document.id}::uuid AND mine."projectId" = ${document.projectId}::uuid
    ORDER BY mine."index", d.title, other."index"`;
  const bySentence = new Map<string, SentenceDuplicate>();
  for (const r of rows) {
    const entry = bySentence.get(r.sentenceId) ?? { sentenceId: r.sentenceId, elsewhere: [] };
    entry.elsewhere.push({
      documentId: r.documentId,
      title: r.title,
      sentenceIndex: r.sentenceIndex,
    });
    bySentence.set(r.sentenceId, entry);
  }
  return [...bySentence.values()];
}

/** What the owners' edit page shows: the metadata, and each sentence with whether its boundaries may still change. */
export async function getDocumentForEditing(args: {
  actor: Actor;
  projectSlug: string;
  documentId: string;
}) {
  const { access, document } = await loadDocument(
    args.actor,
    args.projectSlug,
    args.documentId,
    "document:edit",
  );
  const sentences = await db.sentence.findMany({
    where: { documentId: document.id },
    orderBy: { index: "asc" },
    select: {
      id: true,
      index: true,
      start: true,
      end: true,
      text: true,
      isBoilerplate: true,
      _count: { select: { annotations: true, comments: true } },
      adjudication: { select: { id: true } },
    },
  });
  return {
    access,
    document: {
      id: document.id,
      title: document.title,
      byline: document.byline,
      publisher: document.publisher,
      publishedAt: document.publishedAt ? document.publishedAt.toISOString().slice(0, 10) : "",
      sourceUrl: document.sourceUrl,
    },
    sentences: sentences.map((s) => ({
      id: s.id,
      index: s.index,
      start: s.start,
      end: s.end,
      text: s.text,
      isBoilerplate: s.isBoilerplate,
      locked: s._count.annotations + s._count.comments > 0 || s.adjudication !== null,
    })),
  };
}

/**
 * Deletes a document with its sentences, annotations, gold labels and
 * comments (owners only, like every other change to a document). The audit
 * event keeps what it was, so the deletion can be explained later.
 */
export async function deleteDocument(args: {
  actor: Actor;
  projectSlug: string;
  documentId: string;
}): Promise<{ id: string }> {
  const { document } = await loadDocument(
    args.actor,
    args.projectSlug,
    args.documentId,
    "document:edit",
  );
  await db.$transaction(async (tx) => {
    const annotations = await tx.annotation.count({ where: { documentId: document.id } });
    await tx.document.delete({ where: { id: document.id } });
    await audit(tx, {
      actorId: args.actor.id,
      projectId: document.projectId,
      action: "document.delete",
      entityType: "Document",
      entityId: document.id,
      before: { title: document.title, sourceUrl: document.sourceUrl, annotations },
    });
  });
  return { id: document.id };
}
