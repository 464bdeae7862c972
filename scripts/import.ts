/**
 * `npm run import -- --project <slug> <files or folders…>`: imports each file
 * (folders are read recursively, hidden files skipped) through the same
 * lib/server function as the upload page, prints one line per file and exits
 * non-zero when any file had a problem. Runs as the server's operator.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { prepareForCommand } from "./lib/database-ready";
import { loadDotEnv, runMain, UserFacingError } from "./lib/cli";
import { resolveDatabase } from "./lib/database";
import type { FileImportResult } from "../lib/server/documents/import";

const FILE_CONCURRENCY = 4;
const USAGE =
  "Usage: npm run import -- --project <slug> [--allow-near-duplicates] [--url <address>…] <files or folders…>\n" +
  "  --url <address>          fetch a public http(s) article page and import it (repeatable)\n" +
  "  --allow-near-duplicates  also store texts that differ from a document of the project (or\n" +
  "                           an earlier record) only in whitespace; exact copies stay refused";

async function collect(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => null);
  if (!info) throw new UserFacingError(`${target}: no such file or folder.`);
  if (!info.isDirectory()) return [target];
  const entries = await readdir(target, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((e) => !e.name.startsWith("."))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => collect(path.join(target, e.name))),
  );
  return nested.flat();
}

runMain(async () => {
  loadDotEnv();
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: {
      project: { type: "string" },
      "allow-near-duplicates": { type: "boolean" },
      url: { type: "string", multiple: true },
      help: { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
  const projectSlug = values.project;
  const urls = values.url ?? [];
  if (values.help || !projectSlug || positionals.length + urls.length === 0) {
    throw new UserFacingError(USAGE);
  }
  const files = (await Promise.all(positionals.map(collect))).flat();
  if (files.length + urls.length === 0) {
    throw new UserFacingError("No files to import in the given folders.");
  }
  const confirmed = values["allow-near-duplicates"] ? ("all" as const) : undefined;

  const database = await resolveDatabase();
  process.env.DATABASE_URL = database.url;
  await prepareForCommand(database);
  // Imported only now: lib/db reads DATABASE_URL when first used.
  const { openImport, importFromUrl, mapLimit } = await import("../lib/server/documents/import");
  const { MAX_DATASET_BYTES, restoredSummary } = await import("../lib/domain/ingest");
  const { disconnectDb } = await import("../lib/db");
  let failed = 0;
  let documents = 0;
  try {
    const session = await openImport({
      actor: { cli: true },
      projectSlug,
      maxDatasetBytes: MAX_DATASET_BYTES,
    });
    const report = (name: string, result: FileImportResult) => {
      documents += result.documents.length;
      if (!result.ok) failed++;
      const stored = result.documents.length;
      const sentences = result.documents.reduce((n, d) => n + d.sentenceCount, 0);
      const head = result.ok ? "ok    " : stored > 0 ? "partly" : "FAILED";
      const what =
        (stored === 1
          ? `"${result.documents[0]?.title ?? ""}", ${sentences} sentences`
          : `${stored} documents, ${sentences} sentences`) + restoredSummary(result.restored);
      const held = result.likelyDuplicates.map(
        (d) => `         ${d.message} (held back; --allow-near-duplicates stores it)`,
      );
      console.log(
        [
          `${head} ${name}: ${what}`,
          ...result.notices.map((n) => `         note: ${n}`),
          ...result.errors.map((e) => `         ${e}`),
          ...held,
        ].join("\n"),
      );
    };
    // A few files at a time keep both the database and Node busy; lines print as files finish.
    await mapLimit(files, FILE_CONCURRENCY, async (file) => {
      const bytes = new Uint8Array(await readFile(file));
      report(file, await session.importFile({ fileName: file, bytes, via: "cli", confirmed }));
    });
    for (const url of urls) {
      const input = { url, confirm: confirmed ?? "" };
      report(url, await importFromUrl({ actor: { cli: true }, projectSlug, input, via: "cli" }));
    }
  } finally {
    await disconnectDb();
    await database.close();
  }
  const sources = files.length + urls.length;
  console.log(
    `\n${sources} ${sources === 1 ? "file" : "files"}, ${documents} documents imported, ${failed} with problems.`,
  );
  if (failed > 0) process.exitCode = 1;
});
