import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import {
  ExportStats,
  ParquetSentenceWriter,
  UTF8_BOM,
  assignSplit,
  csvHeader,
  csvSentenceRows,
  JsonlWriter,
  LabelStudioWriter,
  w3cAnnotations,
  w3cClose,
  w3cOpen,
  type ExportDocument,
  type ExportSentence,
  type SplitName,
} from "@/lib/domain/export";
import { CodePointIndex } from "@/lib/domain/text";
import type { ExportJob, ExportPlan } from "./plan";
import {
  decodeAnnotation,
  decodeDocument,
  decodeSentence,
  documentIdOf,
  documentRowIdOf,
  documentTextOf,
  sentenceIdOf,
  type RawRow,
} from "./rows";
import { ChunkPlanner, type ChunkDocument, type ExportChunk } from "./chunks";
import { DOCUMENT_SQL, EXPORT_CHUNK_SQL, EXPORT_DOCUMENTS_SQL } from "./sql";
import { Utf8Chunks } from "./utf8-chunks";

/**
 * Rows per query (about: see ChunkPlanner). Each chunk is one query answered in
 * full, and the next chunk's query is sent before the current one is
 * serialised, so PostgreSQL works on one core while Node works on the other.
 * The first chunk is smaller, so the first bytes go out at once.
 */
const FIRST_CHUNK_ROWS = 1000;
const CHUNK_ROWS = 4000;
/** Rows serialised between two reads of the socket. */
const READ_EVERY_ROWS = 250;

const turnOfTheEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Streams one file of the export: opens a dedicated connection, reads the
 * rows chunk by chunk in one read-only snapshot, groups them into sentences
 * and serialises them. Closing the generator early (a cancelled download)
 * ends the transaction and the connection in `finally`.
 */
export async function* streamFile(
  plan: ExportPlan,
  onlySplit: SplitName | null,
  /** Filled in for the dataset card; null when the export has none. */
  stats: ExportStats | null,
): AsyncGenerator<Uint8Array, void, undefined> {
  const o = plan.options;
  const client = new pg.Client({
    connectionString: env().DATABASE_URL,
    application_name: "sourcelight-export",
  });
  await client.connect();
  const out = new Utf8Chunks();
  // Every CSV file gets the BOM when asked: each split is opened in Excel on its own.
  if (o.bom && o.format === "csv") out.write(UTF8_BOM);
  const parquet =
    o.format === "parquet"
      ? new ParquetSentenceWriter({ withSplit: o.split !== "none", identity: plan.identity })
      : null;
  const jsonl = new JsonlWriter({ identity: plan.identity, projectId: plan.projectId });
  const labelStudio =
    o.format === "label-studio"
      ? new LabelStudioWriter({ identity: plan.identity, projectId: plan.projectId })
      : null;
  const needText = o.format === "jsonl" || o.format === "w3c" || labelStudio !== null;
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
  let w3cItems = 0;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query("SET LOCAL work_mem = '64MB'");
    const documentRows = (
      await client.query<ChunkDocument & { astral: boolean }>(EXPORT_DOCUMENTS_SQL, [
        plan.projectId,
        o.documents.length > 0 ? o.documents : null,
      ])
    ).rows;
    // Only texts with characters beyond the BMP are read for the code-point offsets; in the others both units agree.
    const astral = new Set(documentRows.filter((r) => r.astral).map((r) => r.id));
    const planner = new ChunkPlanner(documentRows);
    if (o.format === "csv") out.write(csvHeader());
    if (o.format === "w3c") out.write(w3cOpen({ id: plan.projectId, name: plan.projectName }));
    if (labelStudio) out.write(labelStudio.open());

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
      stats?.add(sentence, split);
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
            out.write(`${w3cItems === 0 ? "" : ",\n"}${JSON.stringify(item)}`);
            w3cItems++;
          }
          break;
        case "parquet":
          bytes = parquet?.add(sentence, split) ?? null;
          break;
        case "label-studio":
          out.write(labelStudio?.add(sentence, documentText ?? "") ?? "");
          break;
      }
      firstOfDocument = false;
      return bytes;
    };

    // A chunk's rows and the documents it starts (with their texts where needed): both queries sent at once.
    const request = (chunk: ExportChunk) => {
      const textIds = needText ? chunk.starting : chunk.starting.filter((id) => astral.has(id));
      return settledLater(
        Promise.all([
          client.query<RawRow>({
            name: "export_chunk",
            text: EXPORT_CHUNK_SQL,
            values: [
              plan.projectId,
              chunk.documentIds,
              o.includeBoilerplate,
              o.adjudicatedOnly,
              chunk.lo,
              chunk.hi,
            ],
            rowMode: "array",
          }),
          client.query<RawRow>({
            text: DOCUMENT_SQL,
            values: [chunk.starting, plan.projectId, textIds],
            rowMode: "array",
          }),
        ]),
      );
    };
    // Documents begun and not yet finished: a long document spans chunks.
    const documents = new Map<string, RawRow>();
    // Rows per sentence so far, to size the next chunk; two annotators a sentence until seen.
    let rowsSeen = 0;
    let sentencesSeen = 0;
    const perSentence = () => (sentencesSeen > 0 ? rowsSeen / sentencesSeen : 2);
    let chunk = planner.next(FIRST_CHUNK_ROWS, perSentence());
    let next = chunk ? request(chunk) : null;
    for (let k = 0; chunk && next; k++) {
      const [result, started] = await next;
      rowsSeen += result.rows.length;
      sentencesSeen += chunk.sentences;
      // Ask for the next chunk before serialising this one: PostgreSQL produces it on the other
      // core meanwhile. Its rows wait in memory at most one chunk ahead.
      const current = chunk;
      chunk = planner.next(CHUNK_ROWS, perSentence());
      next = chunk ? request(chunk) : null;
      for (const row of started.rows) documents.set(documentRowIdOf(row), row);
      if (k === 0 && parquet) yield parquet.header();
      for (const [i, r] of result.rows.entries()) {
        // Let the event loop read the socket now and then: PostgreSQL writes the next chunk while
        // this one is serialised, and stalls once the socket's buffers are full and nobody reads.
        if (i > 0 && i % READ_EVERY_ROWS === 0) await turnOfTheEventLoop();
        if (at.sentence?.id !== sentenceIdOf(r)) {
          if (at.sentence) {
            const bytes = emit(at.sentence);
            if (bytes && bytes.length > 0) yield bytes;
          }
          let document = at.document;
          const documentId = documentIdOf(r);
          if (document?.id !== documentId) {
            const documentRow = documents.get(documentId);
            if (!documentRow)
              throw new Error(`Document ${documentId} was not read with its chunk.`);
            documents.delete(documentId);
            const withAstral = astral.has(documentId);
            documentText =
              (needText || withAstral) &&
              (!onlySplit || splitFor(decodeDocument(documentRow)) === onlySplit)
                ? (documentTextOf(documentRow) ?? "")
                : null;
            document = decodeDocument(
              documentRow,
              withAstral && documentText !== null
                ? new CodePointIndex(documentText)
                : CodePointIndex.BMP_ONLY,
            );
            at.document = document;
            firstOfDocument = true;
            // JSONL carries the text only where it always did; the other formats read it only for the offsets.
            if (!needText) documentText = null;
          }
          at.sentence = decodeSentence(r, document);
        }
        const annotation = decodeAnnotation(r);
        if (annotation) at.sentence.annotations.push(annotation);
      }
      // A document whose rows were all filtered out was never entered: it goes here.
      for (const id of current.ending) documents.delete(id);
      yield* out.takeFull();
    }
    if (at.sentence) {
      const bytes = emit(at.sentence);
      if (bytes && bytes.length > 0) yield bytes;
    }
    if (o.format === "w3c") out.write(w3cClose(w3cItems));
    if (labelStudio) out.write(labelStudio.close());
    yield* out.takeAll();
    if (parquet) yield parquet.finish();
    await client.query("COMMIT");
  } finally {
    // Reached on completion, on error and when the reader goes away: a query in flight dies with the connection.
    await client.end().catch(() => undefined);
  }
}

/**
 * A chunk requested ahead is awaited later, or never when the export stops first
 * (an error, a cancelled download ending the connection): its failure then
 * has nowhere to go and must not become an unhandled rejection. Awaiting the
 * returned promise still throws.
 */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
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
