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
import { looseTextKey, nearDuplicatesWithin } from "@/lib/domain/ingest/near-duplicates";
import { normalizeText } from "@/lib/domain/text";
import { MAX_UNIT_LENGTH } from "@/lib/domain/text/long-units";
import { restoreDataset } from "./dataset-import";
import { fetchPage, type FetchedPage, type FetchPageOptions } from "./fetch-page";
import {
  importDocument,
  LikelyDuplicateError,
  projectHeadlineUnit,
  type DocumentInput,
  type InsertedDocument,
} from "./store";
import { parseInput } from "../validation";

export type ImportVia = "upload" | "paste" | "cli" | "api" | "url";

export interface ImportedDocument {
  id: string;
  title: string;
  sentenceCount: number;
}

/**
 * A record not stored because its text differs from a document of the
 * project, or an earlier record of the same file, only in whitespace or line
 * wrapping. Importing the file again with the record confirmed stores it.
 */
export interface LikelyDuplicate {
  /** 1-based, in the file (always 1 for a single-document file). */
  record: number;
  title: string;
  duplicateOf: { id: string; title: string } | { record: number; title: string };
  message: string;
}

/**
 * Records (1-based) the owner confirmed are not duplicates: only those are
 * imported, the others having been handled by the first attempt, and without
 * the likely-duplicate check. "all": every record, without the check (the
 * CLI's --allow-near-duplicates). Exact duplicates are refused either way.
 */
export type ConfirmedRecords = "all" | readonly number[];

/** What happened to one file: the documents stored and every problem, each named for the user. */
export interface FileImportResult {
  fileName: string;
  /** True when nothing went wrong; a JSONL file may store some documents and still report bad lines. */
  ok: boolean;
  documents: ImportedDocument[];
  errors: string[];
  /** Not problems but facts to check: the encoding the file was read in, long units cut. */
  notices: string[];
  /** Records held back until the owner confirms them (see LikelyDuplicate). */
  likelyDuplicates: LikelyDuplicate[];
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

async function resolveProject(
  importer: Operator,
  projectSlug: string,
  action: "document:import" | "document:import-url" = "document:import",
): Promise<string> {
  if (isCliOperator(importer)) {
    const project = await db.project.findUnique({
      where: { slug: projectSlug },
      select: { id: true },
    });
    if (!project) throw notFound(`The project "${projectSlug}"`);
    return project.id;
  }
  const access = await requireProjectAccess(importer, { slug: projectSlug }, action);
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
  nearDuplicates: "refuse" | "allow" = "refuse",
  headlineUnit?: boolean,
): Promise<InsertedDocument> {
  return importDocument({
    projectId,
    importedById: operatorUserId(importer),
    input,
    audit: { actorId: operatorUserId(importer), via },
    nearDuplicates,
    headlineUnit,
  });
}

const publicDocument = (d: InsertedDocument): ImportedDocument => ({
  id: d.id,
  title: d.title,
  sentenceCount: d.sentenceCount,
});

function cutNotice(units: number): string {
  return `Text without sentence punctuation was cut at word boundaries into ${units.toLocaleString("en")} units of at most ${MAX_UNIT_LENGTH.toLocaleString("en")} characters.`;
}

/**
 * A parsed file's document as the store takes it (uploads, the CLI, URLs and the sample seeds).
 * `named`: one article per file, so its file name may stand in for a missing title.
 */
export function toInput(
  parsed: ParsedDocument,
  fileName: string,
  options: { named?: boolean; sourceUrl?: string } = {},
): DocumentInput {
  const { named = false, sourceUrl } = options;
  return {
    // A single article's file name says more than its first sentence cut short.
    fallbackTitle: named ? titleFromFileName(fileName) : null,
    text: parsed.text,
    title: parsed.title ?? null,
    byline: parsed.byline ?? null,
    publisher: parsed.publisher ?? null,
    publishedAt: parsed.publishedAt ?? null,
    headline: parsed.headline ?? null,
    sourceUrl: sourceUrl ?? parsed.sourceUrl ?? null,
    metadata: {
      ...parsed.metadata,
      importedFrom: fileName,
      // The page's own canonical URL, when it names another than the one fetched.
      ...(sourceUrl && parsed.sourceUrl && parsed.sourceUrl !== sourceUrl
        ? { canonicalUrl: parsed.sourceUrl }
        : {}),
    },
  };
}

function messageOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  console.error("Unexpected error while importing a document:", error);
  return "Something went wrong while storing this document.";
}

/** Imports files into one project whose access was checked once (see openImport). */
export interface ImportSession {
  importFile(file: ImportFileArgs): Promise<FileImportResult>;
}

export interface ImportFileArgs {
  fileName: string;
  bytes: Uint8Array;
  via: ImportVia;
  confirmed?: ConfirmedRecords;
  /** Stored as every document's source URL (an import from a URL). */
  sourceUrl?: string;
  /** A file name whose extension chooses the format, when `fileName` has none (a URL). */
  parseAs?: string;
  /** The charset the HTTP response declared (an import from a URL). */
  charset?: string;
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
export async function importFile(
  args: { actor: Operator; projectSlug: string } & ImportFileArgs,
): Promise<FileImportResult> {
  return (await openImport(args)).importFile(args);
}

async function importInto(
  projectId: string,
  actor: Operator,
  args: ImportFileArgs,
  maxDatasetBytes: number | undefined,
): Promise<FileImportResult> {
  const result: FileImportResult = {
    fileName: args.fileName,
    ok: true,
    documents: [],
    errors: [],
    notices: [],
    likelyDuplicates: [],
  };
  const parsed = parseUpload(args.parseAs ?? args.fileName, args.bytes, {
    maxDatasetBytes,
    charset: args.charset,
  });
  if (!parsed.ok) {
    result.ok = false;
    result.errors.push(parsed.error, ...(parsed.lineErrors ?? []).map((l) => l.error));
    return trim(result);
  }
  result.notices.push(...(parsed.notices ?? []));
  if (parsed.dataset !== undefined) return restoreInto(projectId, actor, result, parsed.dataset);
  result.errors.push(...parsed.lineErrors.map((l) => l.error));
  const many = parsed.documents.length > 1;
  // One article per file (not a JSONL's records): its file name can stand in for a missing title.
  const article = !many && !/\.jsonl$/i.test(args.fileName.trim()) && !args.sourceUrl;
  const confirmed = args.confirmed;
  const isConfirmed = (record: number) =>
    confirmed === "all" || (confirmed?.includes(record) ?? false);
  const titleOf = (document: ParsedDocument, i: number) =>
    document.title ?? (many ? `record ${i + 1}` : args.fileName);
  const prefix = (document: ParsedDocument, i: number) =>
    many ? `record ${i + 1}${document.title ? ` ("${document.title.slice(0, 80)}")` : ""}: ` : "";

  // Two records of one file that differ only in whitespace: the later one waits for confirmation,
  // like a likely duplicate of a stored document (which the database finds).
  const withinFile = nearDuplicatesWithin(
    parsed.documents.map((document) => {
      const text = normalizeText(document.text);
      return { exact: text, loose: looseTextKey(text) };
    }),
  );
  // Read once for the file, not once per record of a JSONL file.
  const headlineUnit = await projectHeadlineUnit(projectId);
  const outcomes = await mapLimit(parsed.documents, STORE_CONCURRENCY, async (document, i) => {
    const record = i + 1;
    // A retry with confirmed records imports those only: the rest were dealt with the first time.
    if (Array.isArray(confirmed) && !isConfirmed(record)) return { kind: "skipped" as const };
    const earlier = withinFile.get(i);
    const earlierDocument = earlier === undefined ? undefined : parsed.documents[earlier];
    if (earlier !== undefined && earlierDocument && !isConfirmed(record)) {
      const duplicateOf = { record: earlier + 1, title: titleOf(earlierDocument, earlier) };
      return {
        kind: "likely" as const,
        likely: {
          record,
          title: titleOf(document, i),
          duplicateOf,
          message: `${prefix(document, i)}likely a duplicate of record ${earlier + 1} ("${duplicateOf.title.slice(0, 80)}") of this file: the two differ only in whitespace or line wrapping.`,
        },
      };
    }
    try {
      const input = toInput(document, args.fileName, {
        named: article,
        sourceUrl: args.sourceUrl,
      });
      const doc = await storeOne(
        projectId,
        actor,
        input,
        args.via,
        isConfirmed(record) ? "allow" : "refuse",
        headlineUnit,
      );
      return {
        kind: "stored" as const,
        doc,
        notice: doc.cutUnits > 0 ? `${prefix(document, i)}${cutNotice(doc.cutUnits)}` : undefined,
      };
    } catch (error) {
      if (error instanceof LikelyDuplicateError) {
        return {
          kind: "likely" as const,
          likely: {
            record,
            title: titleOf(document, i),
            duplicateOf: error.existing,
            message: `${prefix(document, i)}${error.message}`,
          },
        };
      }
      return { kind: "failed" as const, error: `${prefix(document, i)}${messageOf(error)}` };
    }
  });
  for (const outcome of outcomes) {
    if (outcome.kind === "stored") {
      result.documents.push(publicDocument(outcome.doc));
      if (outcome.notice) result.notices.push(outcome.notice);
    } else if (outcome.kind === "likely") result.likelyDuplicates.push(outcome.likely);
    else if (outcome.kind === "failed") result.errors.push(outcome.error);
  }
  result.ok = result.errors.length === 0 && result.likelyDuplicates.length === 0;
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
  /** The owner confirmed the text is not the likely duplicate it was reported as. */
  confirmDuplicate: z
    .union([z.boolean(), z.literal("on"), z.literal("")])
    .optional()
    .transform((v) => v === true || v === "on"),
});

/**
 * The confirmation of likely duplicates as an API or form field: "all", or
 * the 1-based record numbers separated by commas. Absent: none confirmed.
 */
export const confirmedRecordsSchema = z
  .string()
  .trim()
  .max(100_000)
  .regex(/^(all|\d+(\s*,\s*\d+)*)?$/, 'Give "all" or record numbers separated by commas.')
  .transform((v): ConfirmedRecords | undefined =>
    v === "" ? undefined : v === "all" ? "all" : v.split(",").map((n) => Number(n.trim())),
  );

/** Imports pasted text with a title; validation and storage problems are thrown as AppError. */
export async function importPastedText(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<ImportedDocument> {
  const projectId = await resolveProject(args.actor, args.projectSlug);
  const input = parseInput(pastedDocumentSchema, args.input);
  return publicDocument(
    await storeOne(
      projectId,
      args.actor,
      { text: input.text, title: input.title, metadata: { importedFrom: "paste" } },
      "paste",
      input.confirmDuplicate ? "allow" : "refuse",
    ),
  );
}

export const importUrlSchema = z.object({
  url: pgText().trim().min(1, "Give the address (URL) of the article.").max(4096),
  confirm: confirmedRecordsSchema.optional(),
});

/**
 * Fetches an article page from a public http(s) address (see fetchPage for
 * the limits) and imports it like an uploaded .html file, the URL stored as
 * the document's source URL. Like importFile, every problem with the address
 * or the page comes back in `errors`; it throws only when the caller may not
 * import from URLs at all or the input is malformed.
 */
export async function importFromUrl(args: {
  actor: Operator;
  projectSlug: string;
  input: unknown;
  via?: ImportVia;
  /** Limits and, for tests only, the resolver and trusted hosts (see FetchPageOptions). */
  fetchOptions?: FetchPageOptions;
}): Promise<FileImportResult> {
  const projectId = await resolveProject(args.actor, args.projectSlug, "document:import-url");
  const input = parseInput(importUrlSchema, args.input);
  let page: FetchedPage;
  try {
    page = await fetchPage(input.url, args.fetchOptions);
  } catch (error) {
    return {
      fileName: input.url,
      ok: false,
      documents: [],
      errors: [messageOf(error)],
      notices: [],
      likelyDuplicates: [],
    };
  }
  return importInto(
    projectId,
    args.actor,
    {
      fileName: input.url,
      parseAs: page.kind === "html" ? "page.html" : "page.txt",
      bytes: page.bytes,
      via: args.via ?? "url",
      confirmed: input.confirm,
      sourceUrl: page.finalUrl,
      charset: page.charset,
    },
    undefined,
  );
}
