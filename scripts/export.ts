/**
 * `npm run export -- --project <slug> --format jsonl|csv|w3c|parquet|label-studio --as <email> [--out FILE] …`:
 * the same export as the page and the API, acting as the given user (who must
 * be an owner, reviewer or admin). Writes to FILE, or to stdout.
 */
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { prepareForCommand } from "./lib/database-ready";
import { resolveDatabase } from "./lib/database";
import { loadDotEnv, runMain, UserFacingError } from "./lib/cli";

const USAGE = `Usage: npm run export -- --project <slug> --format jsonl|csv|w3c|parquet|label-studio --as <email> [options]
  --out FILE                write here (default: stdout)
  --document ID             only this document (repeat for more)
  --adjudicated-only        only sentences with a settled gold label
  --include-boilerplate     keep sentences flagged as boilerplate
  --identity names|emails|pseudonyms
  --split none|column|files with --seed N --train P --validation P --test P (files: a zip)
  --bom                     start a CSV with a UTF-8 byte order mark (for Excel)
  --card                    add the dataset card (README.md): writes a zip with data/all.<ext>`;

const OPTIONS = {
  project: { type: "string" },
  format: { type: "string" },
  as: { type: "string" },
  out: { type: "string" },
  document: { type: "string", multiple: true },
  "adjudicated-only": { type: "boolean" },
  "include-boilerplate": { type: "boolean" },
  identity: { type: "string" },
  split: { type: "string" },
  seed: { type: "string" },
  train: { type: "string" },
  validation: { type: "string" },
  test: { type: "string" },
  bom: { type: "boolean" },
  card: { type: "boolean" },
  help: { type: "boolean" },
} as const;

/** Parses the flags; a misspelt one is refused, naming it and the flags there are, rather than ignored. */
function readFlags(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UserFacingError(
      `${message}\nThe options are ${Object.keys(OPTIONS)
        .map((name) => `--${name}`)
        .join(", ")}.\n\n${USAGE}`,
    );
  }
}

runMain(async () => {
  loadDotEnv();
  const values = readFlags(process.argv.slice(2));
  if (values.help || !values.project || !values.as) throw new UserFacingError(USAGE);
  const database = await resolveDatabase();
  process.env.DATABASE_URL = database.url;
  await prepareForCommand(database);
  // Imported only now: lib/db reads DATABASE_URL when first used.
  const { startExport } = await import("../lib/server/export/export");
  const { findUserIdByEmail, loadActiveUser } = await import("../lib/server/accounts/users");
  const { disconnectDb } = await import("../lib/db");
  try {
    const id = await findUserIdByEmail({ actor: { cli: true }, email: values.as }).catch(
      () => null,
    );
    const actor = id ? await loadActiveUser(id) : null;
    if (!actor) throw new UserFacingError(`No active user with the email ${values.as}.`);
    const job = await startExport({
      actor,
      projectSlug: values.project,
      via: "cli",
      input: {
        format: values.format,
        documents: values.document,
        adjudicatedOnly: values["adjudicated-only"],
        includeBoilerplate: values["include-boilerplate"],
        identity: values.identity,
        split: values.split,
        seed: values.seed,
        train: values.train,
        validation: values.validation,
        test: values.test,
        bom: values.bom,
        card: values.card,
      },
    });
    const started = Date.now();
    await pipeline(
      Readable.from(job.body),
      values.out ? createWriteStream(values.out) : process.stdout,
    );
    if (values.out)
      console.error(
        `Wrote ${values.out} (${job.filename}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
  } finally {
    await disconnectDb();
    await database.close();
  }
});
