import "server-only";
import { PassThrough, Readable } from "node:stream";
import pg from "pg";
import yazl from "yazl";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/domain/errors";
import type { Label } from "@/lib/domain/annotation";
import {
  exportOptionsSchema,
  ExportStats,
  ParquetSentenceWriter,
  SPLIT_NAMES,
  UTF8_BOM,
  assignSplit,
  contentType,
  csvHeader,
  csvSentenceRows,
  datasetCard,
  fileExtension,
  JsonlWriter,
  w3cAnnotations,
  w3cClose,
  w3cOpen,
  type ExportAdjudication,
  type ExportAnnotation,
  type ExportDocument,
  type ExportFormat,
  type ExportOptions,
  type ExportSentence,
  type IdentityMode,
  type RegistrySource,
  type SplitName,
} from "@/lib/domain/export";
import type { Actor } from "../actor";
import { requireProjectAccess } from "../access";
import { audit } from "../audit/record";
import { Utf8Chunks } from "./utf8-chunks";
import { parseInput } from "../validation";

/** Rows fetched from the cursor per round trip. */
const FETCH_SIZE = 500;

/**
 * The export's rows, flat: one per annotation (one per sentence without any),
 * in document, sentence and annotator order, so the rows of a sentence arrive
 * together and are grouped as they stream past. $1 project, $2 document ids or
 * null, $3 include boilerplate, $4 adjudicated only.
 */
const ROW_COLUMNS = `
SELECT d.id, d."contentHash", d.title, d.byline, d.publisher, to_char(d."publishedAt", 'YYYY-MM-DD'), d."sourceUrl", d.metadata::text,
  s.id, s.index, s.start, s."end", s.text, s."isBoilerplate",
  adj.status, adj.label, adj."sourceText", asrc.name, asrc.type, asrc.aliases, asrc.affiliation, adj.note, rev.id, rev.name, rev.email,
  a.id, u.id, u.name, u.email, a.label, a."sourceText", a."sourceStart", a."sourceEnd", src.name, src.type, src.aliases, src.affiliation,
  a."sourceType", a.note, a.unsure,
  to_char(a."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  to_char(a."updatedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
FROM "Document" d
JOIN "Sentence" s ON s."documentId" = d.id AND s."projectId" = $1
LEFT JOIN "Adjudication" adj ON adj."sentenceId" = s.id AND adj."projectId" = $1
LEFT JOIN "Source" asrc ON asrc.id = adj."sourceId"
LEFT JOIN "User" rev ON rev.id = adj."reviewerId"
LEFT JOIN "Annotation" a ON a."sentenceId" = s.id AND a."projectId" = $1
LEFT JOIN "User" u ON u.id = a."annotatorId"
LEFT JOIN "Source" src ON src.id = a."sourceId"`;

const ROW_FILTERS = `
  AND ($3::boolean OR NOT s."isBoilerplate")
  AND (NOT $4::boolean OR (adj.status = 'RESOLVED' AND adj.label IS NOT NULL))`;

/** Every exported row of a project in export order, as one query: the benchmark's COPY reference. */
export const EXPORT_ROWS_SQL = `${ROW_COLUMNS}
WHERE d."projectId" = $1
  AND ($2::uuid[] IS NULL OR d.id = ANY($2::uuid[]))${ROW_FILTERS}
ORDER BY d."createdAt", d."contentHash", s.index, u.email, a.id`;

/**
 * Documents are read in chunks, in export order: each chunk's query is
 * answered from the per-document indexes and sorted in memory, so the first
 * bytes go out at once instead of after a sort of the whole project, and the
 * chunks are large enough that per-query overhead stays small.
 */
const FIRST_CHUNK_DOCUMENTS = 16;
const CHUNK_DOCUMENTS = 256;

const EXPORT_DOCUMENTS_SQL = `
SELECT id FROM "Document"
WHERE "projectId" = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
ORDER BY "createdAt", "contentHash"`;

export interface ExportPlan {
  projectId: string;
  projectSlug: string;
  projectName: string;
  guidelines: string;
  options: ExportOptions;
  identity: IdentityMode;
}

export interface ExportJob {
  filename: string;
  contentType: string;
  /** The file's bytes, produced only as fast as they are read. */
  body: AsyncIterable<Uint8Array>;
  /** Stops the export: closes the cursor and its database connection. */
  cancel(): Promise<void>;
}

/**
 * Starts an export for any door (page, API, CLI): checks `export:run`,
 * validates the options, writes the audit event, and returns a job whose body
 * streams from a PostgreSQL cursor. No query runs until the body is read.
 */
export async function startExport(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
  via: "page" | "api" | "cli";
}): Promise<ExportJob> {
  const plan = await planExport(args);
  await db.$transaction((tx) =>
    audit(tx, {
      actorId: args.actor.id,
      projectId: plan.projectId,
      action: "export.run",
      entityType: "Project",
      entityId: plan.projectId,
      after: {
        via: args.via,
        format: plan.options.format,
        identity: plan.identity,
        documents: plan.options.documents.length,
        adjudicatedOnly: plan.options.adjudicatedOnly,
        includeBoilerplate: plan.options.includeBoilerplate,
        split: plan.options.split,
      },
    }),
  );
  return createJob(plan);
}

async function planExport(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<ExportPlan> {
  const access = await requireProjectAccess(args.actor, { slug: args.projectSlug }, "export:run");
  const options = parseInput(exportOptionsSchema, args.input);
  const project = await db.project.findUniqueOrThrow({
    where: { id: access.project.id },
    select: { guidelines: true, identityDisplay: true },
  });
  const projectIdentity: IdentityMode =
    project.identityDisplay === "PSEUDONYMS" ? "pseudonyms" : "names";
  const identity = options.identity ?? projectIdentity;
  // A pseudonymous project hides who annotated what; only its owners (and admins) may lift that in an export.
  if (
    projectIdentity === "pseudonyms" &&
    identity !== "pseudonyms" &&
    !args.actor.isAdmin &&
    access.role !== "OWNER"
  ) {
    throw new AppError(
      "FORBIDDEN",
      "This project shows annotators as pseudonyms; only an owner can export names or emails.",
      {
        identity: ["Only an owner can export names or emails in this project."],
      },
    );
  }
  if (options.documents.length > 0) {
    const found = await db.document.count({
      where: { projectId: access.project.id, id: { in: options.documents } },
    });
    const wanted = new Set(options.documents).size;
    if (found !== wanted) {
      throw new AppError(
        "VALIDATION",
        `${wanted - found} of the chosen documents are not in this project.`,
        {
          documents: ["Some chosen documents are not in this project."],
        },
      );
    }
  }
  return {
    projectId: access.project.id,
    projectSlug: access.project.slug,
    projectName: access.project.name,
    guidelines: project.guidelines,
    options,
    identity,
  };
}

export interface ExportEstimate {
  documents: number;
  sentences: number;
  annotations: number;
  /** A rough size of the file in bytes, for the page to show and measure progress against. */
  bytes: number;
}

/** How much an export with these options would hold; the page shows it before the download. */
export async function estimateExport(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<ExportEstimate> {
  const plan = await planExport(args);
  const o = plan.options;
  const rows = await db.$queryRawUnsafe<
    Array<{
      documents: bigint;
      sentences: bigint;
      annotations: bigint;
      chars: bigint;
      doc_chars: bigint;
    }>
  >(
    `SELECT count(DISTINCT d.id) AS documents, count(*) AS sentences,
            coalesce(sum((SELECT count(*) FROM "Annotation" a WHERE a."sentenceId" = s.id AND a."projectId" = $1)), 0)::bigint AS annotations,
            coalesce(sum(length(s.text)), 0)::bigint AS chars,
            coalesce(sum(CASE WHEN s.index = 0 THEN length(d.text) ELSE 0 END), 0)::bigint AS doc_chars
     FROM "Document" d
     JOIN "Sentence" s ON s."documentId" = d.id AND s."projectId" = $1
     LEFT JOIN "Adjudication" adj ON adj."sentenceId" = s.id AND adj."projectId" = $1
     WHERE d."projectId" = $1 AND ($2::uuid[] IS NULL OR d.id = ANY($2::uuid[]))
       AND ($3::boolean OR NOT s."isBoilerplate")
       AND (NOT $4::boolean OR (adj.status = 'RESOLVED' AND adj.label IS NOT NULL))`,
    plan.projectId,
    o.documents.length > 0 ? o.documents : null,
    o.includeBoilerplate,
    o.adjudicatedOnly,
  );
  const r = rows[0];
  const documents = Number(r?.documents ?? 0);
  const sentences = Number(r?.sentences ?? 0);
  const annotations = Number(r?.annotations ?? 0);
  const chars = Number(r?.chars ?? 0);
  const docChars = Number(r?.doc_chars ?? 0);
  // Per-record overheads measured on the sample project's exports; good to within a factor of two.
  const perFormat: Record<ExportFormat, number> = {
    jsonl: sentences * 420 + chars + docChars + annotations * 330,
    csv:
      Math.max(annotations, sentences) * 260 +
      chars * Math.max(1, annotations / Math.max(sentences, 1)),
    w3c: annotations * (900 + (2 * chars) / Math.max(sentences, 1)),
    parquet: Math.round((sentences * 120 + chars) / 2.5),
  };
  return { documents, sentences, annotations, bytes: Math.round(perFormat[o.format]) };
}

function createJob(plan: ExportPlan): ExportJob {
  const o = plan.options;
  const date = new Date().toISOString().slice(0, 10);
  const base = `${plan.projectSlug}-${date}`;
  const ext = fileExtension(o.format);
  if (o.split === "files") {
    return zipJob(
      plan,
      base,
      SPLIT_NAMES.map((split) => ({ split, path: `data/${split}.${ext}` })),
    );
  }
  if (o.card) return zipJob(plan, base, [{ split: "all", path: `data/all.${ext}` }]);
  const body = streamFile(plan, null, new ExportStats());
  return {
    filename: `${base}.${ext}`,
    contentType: contentType(o.format),
    body,
    cancel: async () => {
      await body.return(undefined);
    },
  };
}

/**
 * The data files (one per split, or one of everything) in a zip, with the
 * dataset card (README.md) last: yazl writes entries one after another, so
 * each file's query runs only when the previous file is done and the card
 * sees the finished counts.
 */
function zipJob(
  plan: ExportPlan,
  base: string,
  files: Array<{ split: SplitName | "all"; path: string }>,
): ExportJob {
  const zip = new yazl.ZipFile();
  const stats = new ExportStats();
  const entries: Readable[] = [];
  for (const file of files) {
    const entry = Readable.from(streamFile(plan, file.split === "all" ? null : file.split, stats));
    entries.push(entry);
    zip.addReadStream(entry, file.path);
  }
  const card = Readable.from(
    (async function* () {
      yield Buffer.from(
        datasetCard({
          projectName: plan.projectName,
          guidelines: plan.guidelines,
          format: plan.options.format,
          files,
          stats,
          generatedAt: new Date().toISOString().slice(0, 10),
        }),
        "utf8",
      );
    })(),
  );
  entries.push(card);
  zip.addReadStream(card, "README.md");
  zip.end();
  const output = new PassThrough();
  zip.outputStream.pipe(output);
  return {
    filename: `${base}-${plan.options.format}.zip`,
    contentType: "application/zip",
    body: output,
    cancel: async () => {
      for (const e of entries) e.destroy();
      output.destroy();
    },
  };
}

type Row = unknown[];
const str = (v: unknown): string => (typeof v === "string" ? v : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : str(v));
const int = (v: unknown): number => (typeof v === "number" ? v : Number(v));
const intOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : int(v));
const aliases = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);

function registry(
  name: unknown,
  type: unknown,
  al: unknown,
  affiliation: unknown,
): RegistrySource | null {
  return name === null
    ? null
    : {
        name: str(name),
        type: str(type),
        aliases: aliases(al),
        affiliation: strOrNull(affiliation),
      };
}

/**
 * Streams one file of the export: opens a dedicated connection, declares a
 * cursor in a read-only snapshot, fetches in batches, groups rows into
 * sentences and serialises them. Closing the generator early (a cancelled
 * download) ends the transaction and the connection in `finally`.
 */
export async function* streamFile(
  plan: ExportPlan,
  onlySplit: SplitName | null,
  stats: ExportStats,
): AsyncGenerator<Uint8Array, void, undefined> {
  const o = plan.options;
  const client = new pg.Client({
    connectionString: env().DATABASE_URL,
    application_name: "sourcelight-export",
  });
  await client.connect();
  const out = new Utf8Chunks();
  if (o.bom && o.format === "csv" && onlySplit !== "validation" && onlySplit !== "test")
    out.write(UTF8_BOM);
  const parquet = o.format === "parquet" ? new ParquetSentenceWriter(o.split !== "none") : null;
  const jsonl = new JsonlWriter({ identity: plan.identity, projectId: plan.projectId });
  const needText = o.format === "jsonl" || o.format === "w3c";
  const splitOf = new Map<string, SplitName>();
  const splitFor = (doc: ExportDocument): SplitName | null => {
    if (o.split === "none") return null;
    let s = splitOf.get(doc.id);
    if (!s) {
      s = assignSplit(doc.contentHash, o);
      splitOf.set(doc.id, s);
    }
    return s;
  };
  let documentText: string | null = null;
  let firstOfDocument = false;
  let firstItem = true;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query("SET LOCAL work_mem = '64MB'");
    const documentIds = (
      await client.query<{ id: string }>(EXPORT_DOCUMENTS_SQL, [
        plan.projectId,
        o.documents.length > 0 ? o.documents : null,
      ])
    ).rows.map((r) => r.id);
    if (o.format === "csv") out.write(csvHeader());
    if (o.format === "w3c") out.write(w3cOpen(plan.projectName));

    // Held in an object: the narrowing TypeScript does on plain `let`s goes wrong across the generator's loop.
    const at: { sentence: ExportSentence | null; document: ExportDocument | null } = {
      sentence: null,
      document: null,
    };

    // Serialises a finished sentence; Parquet hands back bytes when a row group fills up.
    const emit = (sentence: ExportSentence): Uint8Array | null => {
      const split = splitFor(sentence.document);
      if (onlySplit && split !== onlySplit) return null;
      let bytes: Uint8Array | null = null;
      stats.add(sentence, split);
      const ctx = { identity: plan.identity, projectId: plan.projectId, split };
      switch (o.format) {
        case "csv":
          out.write(csvSentenceRows(sentence, ctx));
          break;
        case "jsonl":
          out.write(
            jsonl.line(sentence, { split, documentText: firstOfDocument ? documentText : null }),
          );
          break;
        case "w3c":
          for (const item of w3cAnnotations(sentence, {
            ...ctx,
            documentText: documentText ?? "",
          })) {
            out.write(`${firstItem ? "" : ",\n"}${JSON.stringify(item)}`);
            firstItem = false;
          }
          break;
        case "parquet":
          bytes = parquet?.add(sentence, split) ?? null;
          break;
      }
      firstOfDocument = false;
      return bytes;
    };

    for (let from = 0; from < documentIds.length;) {
      const size = from === 0 ? FIRST_CHUNK_DOCUMENTS : CHUNK_DOCUMENTS;
      const chunk = documentIds.slice(from, from + size);
      from += size;
      await client.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${EXPORT_ROWS_SQL}`, [
        plan.projectId,
        chunk,
        o.includeBoilerplate,
        o.adjudicatedOnly,
      ]);
      for (;;) {
        const batch = await client.query<Row>({
          text: `FETCH ${FETCH_SIZE} FROM export_rows`,
          rowMode: "array",
        });
        for (const r of batch.rows) {
          const sentenceId = str(r[8]);
          if (at.sentence?.id !== sentenceId) {
            if (at.sentence) {
              const bytes = emit(at.sentence);
              if (bytes && bytes.length > 0) yield bytes;
            }
            const documentId = str(r[0]);
            let document = at.document;
            if (document?.id !== documentId) {
              document = {
                id: documentId,
                contentHash: str(r[1]),
                title: str(r[2]),
                byline: strOrNull(r[3]),
                publisher: strOrNull(r[4]),
                publishedAt: strOrNull(r[5]),
                sourceUrl: strOrNull(r[6]),
                metadataJson: str(r[7]),
              };
              at.document = document;
              firstOfDocument = true;
              const inSplit = !onlySplit || splitFor(document) === onlySplit;
              documentText =
                needText && inSplit ? await loadText(client, plan.projectId, documentId) : null;
            }
            at.sentence = {
              document,
              id: sentenceId,
              index: int(r[9]),
              start: int(r[10]),
              end: int(r[11]),
              text: str(r[12]),
              isBoilerplate: r[13] === true,
              adjudication: r[14] === null ? null : adjudication(r),
              annotations: [],
            };
          }
          if (r[25] !== null) at.sentence.annotations.push(annotation(r));
        }
        yield* out.takeFull();
        if (batch.rows.length < FETCH_SIZE) break;
      }
      await client.query("CLOSE export_rows");
    }
    if (at.sentence) {
      const bytes = emit(at.sentence);
      if (bytes && bytes.length > 0) yield bytes;
    }
    if (o.format === "w3c") out.write(w3cClose());
    yield* out.takeAll();
    if (parquet) yield parquet.finish();
    await client.query("COMMIT");
  } finally {
    // Reached on completion, on error and when the reader goes away: the cursor dies with the connection.
    await client.end().catch(() => undefined);
  }
}

async function loadText(client: pg.Client, projectId: string, documentId: string): Promise<string> {
  const r = await client.query<{ text: string }>(
    'SELECT text FROM "Document" WHERE id = $1 AND "projectId" = $2',
    [documentId, projectId],
  );
  return r.rows[0]?.text ?? "";
}

function adjudication(r: Row): ExportAdjudication {
  return {
    status: str(r[14]),
    label: r[15] === null ? null : (str(r[15]) as Label),
    sourceText: strOrNull(r[16]),
    source: registry(r[17], r[18], r[19], r[20]),
    note: strOrNull(r[21]),
    reviewer: { id: str(r[22]), name: str(r[23]), email: str(r[24]) },
  };
}

function annotation(r: Row): ExportAnnotation {
  return {
    id: str(r[25]),
    annotator: { id: str(r[26]), name: str(r[27]), email: str(r[28]) },
    label: str(r[29]) as Label,
    sourceText: strOrNull(r[30]),
    sourceStart: intOrNull(r[31]),
    sourceEnd: intOrNull(r[32]),
    source: registry(r[33], r[34], r[35], r[36]),
    sourceType: strOrNull(r[37]),
    note: strOrNull(r[38]),
    unsure: r[39] === true,
    createdAt: str(r[40]),
    updatedAt: str(r[41]),
  };
}

/** A web stream over a job for route handlers: pulls only when the client reads; a cancel stops the query. */
export function exportResponseStream(job: ExportJob): ReadableStream<Uint8Array> {
  const iterator = job.body[Symbol.asyncIterator]();
  // A download cancelled while a chunk is being read: that chunk has nowhere to go.
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (cancelled) return;
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          if (cancelled) return;
          console.error("Export failed while streaming:", error);
          controller.error(new Error("The export failed."));
          await job.cancel();
        }
      },
      async cancel() {
        cancelled = true;
        await iterator.return?.();
        await job.cancel();
      },
    },
    { highWaterMark: 1 },
  );
}
