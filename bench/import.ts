/**
 * Import benchmark: `npx tsx --conditions=react-server bench/import.ts`.
 *
 * 1,000 generated articles of about 5,000 characters go through importFile()
 * one file each, as the upload page and the CLI send them (decode, normalise,
 * hash, duplicate check, segment, boilerplate, header metadata, one
 * transaction per document with one multi-row INSERT of its sentences, audit).
 * References measured in the same run on the same sentences: a raw pg
 * multi-row INSERT (unnest) per document, and one COPY of every sentence.
 * Then the project is grown to 10,000 documents and the document list is timed.
 * Target: ≥ 20,000 sentences/s inserted.
 *
 * EXPLAIN=1 also prints the plans of the text search at 10,000 documents.
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { normalizeText, segmentSentences, sentenceKey } from "../lib/domain/text";
import { benchDatabase, median } from "./agreement-db";

const DOCUMENTS = 1_000;
const TARGET_CHARS = 5_000;

const WORDS =
  "the army said government forces officials reported villages near border advance militants claimed residents fled town province ministry spokesman according sources local council attack convoy district military operation security analysts warned agency statement killed wounded captured bridge road highway river city northern southern eastern western".split(
    " ",
  );

/** A small deterministic generator, so every run imports the same texts. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function article(n: number): string {
  const next = rng(n + 1);
  const pick = () => WORDS[Math.floor(next() * WORDS.length)] ?? "the";
  const parts = [`Report ${n}: ${pick()} ${pick()} ${pick()}`, "", `By Staff Writer ${n % 37}`, ""];
  let length = parts.join("\n").length;
  while (length < TARGET_CHARS) {
    const sentences: string[] = [];
    for (let k = 0, count = 3 + Math.floor(next() * 4); k < count; k++) {
      const words = Array.from({ length: 6 + Math.floor(next() * 12) }, pick);
      const first = words[0] ?? "the";
      words[0] = first.charAt(0).toUpperCase() + first.slice(1);
      sentences.push(
        `${words.join(" ")} ${Math.floor(next() * 1000)}${next() < 0.2 ? ", Gen. Smith said" : ""}.`,
      );
    }
    const paragraph = sentences.join(" ");
    parts.push(paragraph, "");
    length += paragraph.length + 2;
  }
  return parts.join("\n");
}

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const fmt = (n: number) => Math.round(n).toLocaleString("en");
const copyField = (s: string) =>
  s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");

async function main() {
  const database = await benchDatabase();
  process.env.DATABASE_URL = database.url;
  const { importFile, openImport, mapLimit } = await import("../lib/server/documents/import");
  const { searchDocuments } = await import("../lib/server/documents/store");
  const { disconnectDb } = await import("../lib/db");
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const texts = Array.from({ length: DOCUMENTS }, (_, i) => article(i));
    const chars = texts.reduce((n, t) => n + t.length, 0);
    const admin = await client.query<{ id: string }>(
      `INSERT INTO "User"(email, name, role, "updatedAt") VALUES ('bench@example.org', 'Bench', 'ADMIN', now()) RETURNING id`,
    );
    const actor = {
      id: admin.rows[0]?.id ?? "",
      email: "bench@example.org",
      name: "Bench",
      isAdmin: true,
    };
    const project = await client.query<{ id: string }>(
      `INSERT INTO "Project"(name, slug, "updatedAt") VALUES ('Bench', 'bench', now()) RETURNING id`,
    );
    const projectId = project.rows[0]?.id ?? "";
    const refProject = await client.query<{ id: string }>(
      `INSERT INTO "Project"(name, slug, "updatedAt") VALUES ('Reference', 'reference', now()) RETURNING id`,
    );
    const refProjectId = refProject.rows[0]?.id ?? "";

    // Segmentation alone: the CPU part of the pipeline.
    let started = performance.now();
    const segmented = texts.map((t) => {
      const text = normalizeText(t);
      return { text, sentences: segmentSentences(text) };
    });
    const segmentMs = performance.now() - started;
    const sentences = segmented.reduce((n, d) => n + d.sentences.length, 0);

    // Ours, end to end.
    started = performance.now();
    let failed = 0;
    for (const [i, text] of texts.entries()) {
      const result = await importFile({
        actor,
        projectSlug: "bench",
        fileName: `article-${i}.txt`,
        bytes: new TextEncoder().encode(text),
        via: "api",
      });
      if (!result.ok) failed++;
    }
    const oursMs = performance.now() - started;

    // The upload page's way: three requests in flight, each checking access, into a project of its own.
    await client.query(
      `INSERT INTO "Project"(name, slug, "updatedAt") VALUES ('Bench upload', 'bench-upload', now())`,
    );
    started = performance.now();
    await mapLimit(texts, 3, async (text, i) => {
      const result = await importFile({
        actor,
        projectSlug: "bench-upload",
        fileName: `article-${i}.txt`,
        bytes: new TextEncoder().encode(text),
        via: "upload",
      });
      if (!result.ok) failed++;
    });
    const uploadMs = performance.now() - started;

    // The CLI's way: access checked once, four files at a time, into a project of its own.
    await client.query(
      `INSERT INTO "Project"(name, slug, "updatedAt") VALUES ('Bench CLI', 'bench-cli', now())`,
    );
    started = performance.now();
    const session = await openImport({ actor: { cli: true }, projectSlug: "bench-cli" });
    await mapLimit(texts, 4, async (text, i) => {
      const result = await session.importFile({
        fileName: `article-${i}.txt`,
        bytes: new TextEncoder().encode(text),
        via: "cli",
      });
      if (!result.ok) failed++;
    });
    const cliMs = performance.now() - started;
    const stored = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Sentence" WHERE "projectId" = $1`,
      [projectId],
    );

    // Reference documents (rows only) for the raw inserts below.
    const docs = await client.query<{ id: string }>(
      `INSERT INTO "Document"("projectId", title, text, "contentHash", "segmenterVersion", "updatedAt")
       SELECT $1::uuid, 'Ref ' || i, t, md5(t) || i, 1, now() FROM unnest($2::text[]) WITH ORDINALITY AS x(t, i) RETURNING id`,
      [refProjectId, segmented.map((d) => d.text)],
    );
    const docIds = docs.rows.map((r) => r.id);
    const rows = segmented.map((d) => ({
      sentences: d.sentences,
      hashes: d.sentences.map((s) => sha256(sentenceKey(s.text))),
    }));

    // Reference 1: a raw multi-row INSERT per document, hashes precomputed, one transaction each.
    started = performance.now();
    for (const [i, d] of rows.entries()) {
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO "Sentence" ("projectId", "documentId", "index", "start", "end", "text", "textHash", "isBoilerplate")
         SELECT $1::uuid, $2::uuid, s.i, s.b, s.e, s.t, s.h, false
         FROM unnest($3::int[], $4::int[], $5::int[], $6::text[], $7::text[]) AS s(i, b, e, t, h)`,
        [
          refProjectId,
          docIds[i],
          d.sentences.map((s) => s.index),
          d.sentences.map((s) => s.start),
          d.sentences.map((s) => s.end),
          d.sentences.map((s) => s.text),
          d.hashes,
        ],
      );
      await client.query("COMMIT");
    }
    const rawMs = performance.now() - started;
    await client.query(`DELETE FROM "Sentence" WHERE "projectId" = $1`, [refProjectId]);

    // Reference 2: one COPY of every sentence.
    started = performance.now();
    const lines = function* () {
      for (const [i, d] of rows.entries()) {
        for (const [k, s] of d.sentences.entries()) {
          yield `${refProjectId}\t${docIds[i]}\t${s.index}\t${s.start}\t${s.end}\t${copyField(s.text)}\t${d.hashes[k]}\tf\n`;
        }
      }
    };
    await pipeline(
      Readable.from(lines()),
      client.query(
        copyFrom(
          `COPY "Sentence" ("projectId", "documentId", "index", "start", "end", "text", "textHash", "isBoilerplate") FROM STDIN`,
        ),
      ),
    );
    const copyMs = performance.now() - started;

    const line = (name: string, ms: number) =>
      `| ${name} | ${(ms / 1000).toFixed(2)} s | ${fmt(DOCUMENTS / (ms / 1000))} | ${fmt(sentences / (ms / 1000))} |`;
    const table = [
      `| path | time | documents/s | sentences/s |`,
      `|---|---:|---:|---:|`,
      line("importFile() end to end, one file at a time (one upload request)", oursMs),
      line(
        "importFile() end to end, 3 files at a time (the upload page's requests in flight)",
        uploadMs,
      ),
      line(
        "openImport() once, then 4 files at a time (CLI; a JSONL file's records likewise)",
        cliMs,
      ),
      line("… of which normalise + segment alone", segmentMs),
      line("raw pg unnest INSERT per document (reference)", rawMs),
      line("one COPY of all sentences (reference)", copyMs),
    ];

    // The list at 10,000 documents: copies of the imported rows under new hashes, sentences included.
    await client.query(
      `INSERT INTO "Document"("projectId", title, publisher, text, "contentHash", "segmenterVersion", "updatedAt", "createdAt")
       SELECT d."projectId", d.title || ' copy ' || g, d.publisher, d.text, d."contentHash" || '-' || g, 1, now(), d."createdAt" + g * interval '1 second'
       FROM "Document" d, generate_series(1, 9) g WHERE d."projectId" = $1`,
      [projectId],
    );
    await client.query(
      `INSERT INTO "Sentence"("projectId", "documentId", index, start, "end", text, "textHash", "isBoilerplate")
       SELECT c."projectId", c.id, s.index, s.start, s."end", s.text, s."textHash", s."isBoilerplate"
       FROM "Document" c JOIN "Document" o ON o."projectId" = c."projectId" AND c."contentHash" LIKE o."contentHash" || '-%'
       JOIN "Sentence" s ON s."documentId" = o.id WHERE c."projectId" = $1`,
      [projectId],
    );
    await client.query("ANALYZE");
    const total = await client.query<{ n: number; s: number }>(
      `SELECT (SELECT count(*)::int FROM "Document" WHERE "projectId" = $1) AS n, (SELECT count(*)::int FROM "Sentence" WHERE "projectId" = $1) AS s`,
      [projectId],
    );
    const list = async (query: Record<string, string>) => {
      const times: number[] = [];
      for (let r = 0; r < 6; r++) {
        const t = performance.now();
        await searchDocuments({ actor, projectSlug: "bench", query });
        if (r > 0) times.push(performance.now() - t);
      }
      return median(times);
    };
    const listRows = [
      ["first page, newest first", {}],
      ["last page (200), by title", { sort: "title", page: "200" }],
      ["search a title word", { q: "Report 12" }],
      ["search the text (no match)", { q: "zzzz not there" }],
      ["status: not started, by publication date", { status: "new", sort: "published" }],
    ] as const;
    const listTable = [
      `| document list query (${fmt(total.rows[0]?.n ?? 0)} documents, ${fmt(total.rows[0]?.s ?? 0)} sentences) | median of 5 |`,
      `|---|---:|`,
    ];
    if (process.env.EXPLAIN) {
      for (const q of ["%Report 12%", "%zzzz not there%"]) {
        const plan = await client.query<{ "QUERY PLAN": string }>(
          `EXPLAIN (ANALYZE, BUFFERS) SELECT d.id FROM "Document" d WHERE d."projectId" = $1 AND (d.title ILIKE $2 OR d.text ILIKE $2) ORDER BY d."createdAt" DESC LIMIT 50`,
          [projectId, q],
        );
        console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
        const plan2 = await client.query<{ "QUERY PLAN": string }>(
          `EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM "Document" d WHERE d."projectId" = $1 AND (d.title ILIKE $2 OR d.text ILIKE $2)`,
          [projectId, q],
        );
        console.log(plan2.rows.map((r) => r["QUERY PLAN"]).join("\n"));
      }
    }
    for (const [name, query] of listRows)
      listTable.push(`| ${name} | ${(await list(query)).toFixed(0)} ms |`);

    console.log(
      `\n${DOCUMENTS} documents, ${fmt(chars)} characters, ${fmt(sentences)} sentences (${fmt(stored.rows[0]?.n ?? 0)} stored, ${failed} failed).\n`,
    );
    console.log(table.join("\n"));
    const best = sentences / (Math.min(oursMs, uploadMs, cliMs) / 1000);
    console.log(
      `\nTarget ≥ 20,000 sentences/s inserted: ${best >= 20_000 ? "met" : "not met"} (best ${fmt(best)}/s; the upload page ${fmt(sentences / (uploadMs / 1000))}/s; one file at a time ${fmt(sentences / (oursMs / 1000))}/s).\n`,
    );
    console.log(listTable.join("\n"));
  } finally {
    await client.end();
    await disconnectDb();
    await database.stop();
  }
}

await main();
