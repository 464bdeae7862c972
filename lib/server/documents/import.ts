import "server-only";
import { z } from "zod";
import { pgText } from "@/lib/domain/input";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/domain/errors";
import {
  MAX_UPLOAD_BYTES,
  parseUpload,
  titleFromFileName,
  type ParsedDocument,
} from "@/lib/domain/ingest";
import { isCliOperator, operatorUserId, type Actor, type Operator } from "../actor";
import { requireProjectAccess } from "../access";
import { restoreDataset } from "./dataset-import";
import { importDocument, type DocumentInput } from "./store";
import { parseInput } from "../validation";

export type ImportVia = "upload" | "paste" | "cli" | "api";

export interface ImportedDocument {
  id: string;
  title: string;
  sentenceCount: number;
}

/** What happened to one file: the documents stored and every problem, each named for the user. */
export interface FileImportResult {
  fileName: string;
  /** True when nothing went wrong; a JSONL file may store some documents and still report bad lines. */
  ok: boolean;
  documents: ImportedDocument[];
  errors: string[];
  /** For a Sourcelight JSONL export: what came back with its documents. */
  restored?: { annotations: number; adjudications: number; placeholders: number };
}

const MAX_REPORTED_ERRORS = 20;

/**
 * Documents of one file stored at once: PostgreSQL inserts one while Node
 * segments the next. Each is still its own atomic statement. Two identical
 * records racing are settled by the unique (projectId, contentHash) index.
 */
const STORE_CONCURRENCY = 4;

/** Like Promise.all over `items`, with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  // One iterator shared by the workers: each takes the next item when it is free.
  const queue = items.entries();
  const worker = async () => {
    for (const [i, item] of queue) results[i] = await fn(item, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function resolveProject(importer: Operator, projectSlug: string): Promise<string> {
  if (isCliOperator(importer)) {
    const project = await db.project.findUnique({
      where: { slug: projectSlug },
      select: { id: true },
    });
    if (!project) throw notFound(`The project "${projectSlug}"`);
    return project.id;
  }
  const access = await requireProjectAccess(importer, { slug: projectSlug }, "document:import");
  return access.project.id;
}

/**
 * Stores one document with its sentences and audit event. importDocument
 * writes all three in a single SQL statement, which is atomic on its own: a
 * failure leaves nothing, without the round trips of an explicit transaction.
 */
async function storeOne(
  projectId: string,
  importer: Operator,
  input: DocumentInput,
  via: ImportVia,
): Promise<ImportedDocument> {
  return importDocument({
    projectId,
    importedById: operatorUserId(importer),
    input,
    audit: { actorId: operatorUserId(importer), via },
  });
}

/** A parsed file's document as the store takes it (uploads, the CLI and the sample seeds). */
export function toInput(parsed: ParsedDocument, fileName: string, named = false): DocumentInput {
  return {
    // A single article's file name says more than its first sentence cut short.
    fallbackTitle: named ? titleFromFileName(fileName) : null,
    text: parsed.text,
    title: parsed.title ?? null,
    byline: parsed.byline ?? null,
    publisher: parsed.publisher ?? null,
    publishedAt: parsed.publishedAt ?? null,
    sourceUrl: parsed.sourceUrl ?? null,
    headline: parsed.headline ?? null,
    metadata: { ...parsed.metadata, importedFrom: fileName },
  };
}

function messageOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  console.error("Unexpected error while importing a document:", error);
  return "Something went wrong while storing this document.";
}

/** Imports files into one project whose access was checked once (see openImport). */
export interface ImportSession {
  importFile(file: {
    fileName: string;
    bytes: Uint8Array;
    via: ImportVia;
  }): Promise<FileImportResult>;
}

/**
 * Checks once that `actor` may import into the project, for a batch of files
 * (the CLI's folders). Throws when the caller may not import at all.
 */
export async function openImport(args: {
  actor: Operator;
  projectSlug: string;
  /** Set by the CLI only: Sourcelight exports up to this size (see MAX_DATASET_BYTES); uploads stay at 5 MB. */
  maxDatasetBytes?: number;
}): Promise<ImportSession> {
  const projectId = await resolveProject(args.actor, args.projectSlug);
  return { importFile: (file) => importInto(projectId, args.actor, file, args.maxDatasetBytes) };
}

/**
 * Imports one file (txt, md, html or jsonl). Never throws for a bad file or a
 * bad document: every problem comes back in `errors`, so one bad file or line
 * never stops the others. Throws only when the caller may not import at all.
 */
export async function importFile(args: {
  actor: Operator;
  projectSlug: string;
  fileName: string;
  bytes: Uint8Array;
  via: ImportVia;
}): Promise<FileImportResult> {
  return (await openImport(args)).importFile(args);
}

async function importInto(
  projectId: string,
  actor: Operator,
  args: { fileName: string; bytes: Uint8Array; via: ImportVia },
  maxDatasetBytes: number | undefined,
): Promise<FileImportResult> {
  const result: FileImportResult = { fileName: args.fileName, ok: true, documents: [], errors: [] };
  const parsed = parseUpload(args.fileName, args.bytes, { maxDatasetBytes });
  if (!parsed.ok) {
    result.ok = false;
    result.errors.push(parsed.error, ...(parsed.lineErrors ?? []).map((l) => l.error));
    return trim(result);
  }
  if (parsed.dataset !== undefined) return restoreInto(projectId, actor, result, parsed.dataset);
  result.errors.push(...parsed.lineErrors.map((l) => l.error));
  const many = parsed.documents.length > 1;
  // One article per file (not a JSONL's records): its file name can stand in for a missing title.
  const article = !many && !/\.jsonl$/i.test(args.fileName.trim());
  const outcomes = await mapLimit(parsed.documents, STORE_CONCURRENCY, async (document, i) => {
    try {
      return {
        ok: true as const,
        doc: await storeOne(projectId, actor, toInput(document, args.fileName, article), args.via),
      };
    } catch (error) {
      const where = many
        ? `record ${i + 1}${document.title ? ` ("${document.title.slice(0, 80)}")` : ""}: `
        : "";
      return { ok: false as const, error: `${where}${messageOf(error)}` };
    }
  });
  for (const outcome of outcomes) {
    if (outcome.ok) result.documents.push(outcome.doc);
    else result.errors.push(outcome.error);
  }
  result.ok = result.errors.length === 0;
  return trim(result);
}

/** A Sourcelight JSONL export comes back whole (annotations, sources, adjudications) or not at all. */
async function restoreInto(
  projectId: string,
  actor: Operator,
  result: FileImportResult,
  jsonl: string,
): Promise<FileImportResult> {
  try {
    const restored = await restoreDataset({ projectId, actorId: operatorUserId(actor), jsonl });
    return {
      ...result,
      documents: restored.created,
      restored: {
        annotations: restored.annotations,
        adjudications: restored.adjudications,
        placeholders: restored.placeholders,
      },
    };
  } catch (error) {
    return {
      ...result,
      ok: false,
      errors: [`This Sourcelight export was not imported: ${messageOf(error)}`],
    };
  }
}

function trim(result: FileImportResult): FileImportResult {
  if (result.errors.length <= MAX_REPORTED_ERRORS) return result;
  const rest = result.errors.length - MAX_REPORTED_ERRORS;
  return {
    ...result,
    errors: [...result.errors.slice(0, MAX_REPORTED_ERRORS), `… and ${rest} more problems.`],
  };
}

export const pastedDocumentSchema = z.object({
  title: pgText()
    .trim()
    .min(1, "Give the document a title.")
    .max(500, "The title is too long (at most 500 characters)."),
  text: pgText()
    .refine((t) => t.trim().length > 0, "Paste the text of the article.")
    .refine(
      (t) => new TextEncoder().encode(t).length <= MAX_UPLOAD_BYTES,
      "The text is over 5 MB; import it as a file in parts.",
    ),
});

/** Imports pasted text with a title; validation and storage problems are thrown as AppError. */
export async function importPastedText(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<ImportedDocument> {
  const projectId = await resolveProject(args.actor, args.projectSlug);
  const input = parseInput(pastedDocumentSchema, args.input);
  return storeOne(
    projectId,
    args.actor,
    { text: input.text, title: input.title, metadata: { importedFrom: "paste" } },
    "paste",
  );
}
