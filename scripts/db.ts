/**
 * Database commands (`npm run db:*`). They work on DATABASE_URL when it is set,
 * otherwise on the embedded PostgreSQL: the one `npm start` runs, or one
 * started for the command and stopped after it.
 *
 *   migrate          apply pending migrations
 *   new <name>       write the next migration from schema.prisma
 *   reset [--yes]    embedded: delete .data/postgres; DATABASE_URL: drop and recreate the public schema
 *   backup [file]    pg_dump archive of the database (default sourcelight-<time>.dump)
 *   restore <file>   replace the database's contents with a backup (asks, or --yes)
 *   seed             import the sample project (migrates the embedded database first; an own
 *                    DATABASE_URL must be migrated already)
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { applyMigrations, createMigration, MigrationError, resetDatabase } from "../prisma/engine";
import {
  checkDatabaseReachable,
  embeddedDataDir,
  resolveDatabase,
  type ResolvedDatabase,
} from "./lib/database";
import { DatabaseStartError, findRunningEmbeddedPostgres } from "./lib/embedded-postgres";
import { seedOn } from "./lib/app-database";
import { backupDatabase, defaultBackupFile, restoreDatabase } from "./lib/backup";
import { prepareForCommand } from "./lib/database-ready";
import { migrationUrl } from "./lib/migration-url";
import { loadDotEnv, UserFacingError } from "./lib/cli";

const USAGE = `Usage: npm run db:<command>
  db:migrate               apply pending migrations
  db:new -- <name>         write the next migration (name: lowercase letters, digits, underscores)
  db:reset [-- --yes]      delete the embedded data / drop the DATABASE_URL schema
  db:seed                  import the sample project
  db:backup [-- <file>]    write a pg_dump archive of the database
  db:restore -- <file> [--yes]   replace the database's contents with a backup`;

class UsageError extends Error {
  override name = "UsageError";
}

async function main(argv: string[]): Promise<void> {
  loadDotEnv();
  const [command, ...rest] = argv;
  const yes = rest.includes("--yes") || rest.includes("-y");
  const args = rest.filter((a) => !a.startsWith("-"));
  switch (command) {
    case "migrate":
      return migrate();
    case "new":
      return newMigration(args[0]);
    case "reset":
      return reset(yes);
    case "seed":
      return seed();
    case "backup":
      return backup(args[0]);
    case "restore":
      return restore(args[0], yes);
    default:
      throw new UsageError(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
  }
}

async function migrate(): Promise<void> {
  await onDatabase(async (db) => {
    reportApplied(
      await applyMigrations(migrationUrl(db.url)),
      "No pending migrations: the database is up to date.",
    );
  });
}

async function newMigration(name: string | undefined): Promise<void> {
  if (!name)
    throw new UsageError(`Name the migration: npm run db:new -- add_comment_reactions\n${USAGE}`);
  if (!/^[a-z0-9_]+$/.test(name) || name.length > 200) {
    throw new UsageError(
      `"${name}" is not a valid migration name: use lowercase letters, digits and underscores (e.g. add_comment_reactions).`,
    );
  }
  await onDatabase(async (db) => {
    const result = await createMigration(db.url, name);
    if (!result.created) {
      console.log("No changes: prisma/schema.prisma matches the migrations; nothing was written.");
      return;
    }
    const file = path.relative(process.cwd(), path.join(result.directory, "migration.sql"));
    console.log(
      `Wrote ${file}\nReview it, commit it with the schema change, and apply it: npm run db:migrate`,
    );
  });
}

async function reset(yes: boolean): Promise<void> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const where = describeUrl(external);
    if (!yes) {
      throw new UserFacingError(
        `This drops every table and all data of ${where} (DATABASE_URL). If that is what you want: npm run db:reset -- --yes`,
      );
    }
    await checkDatabaseReachable(external);
    await resetDatabase(external);
    console.log(
      `Dropped and recreated the public schema of ${where}. npm run db:migrate (or npm start) recreates the tables.`,
    );
    return;
  }

  const dataDir = embeddedDataDir();
  const relative = path.relative(process.cwd(), dataDir);
  const shown = relative && !relative.startsWith("..") ? relative : dataDir;
  const running = await findRunningEmbeddedPostgres(dataDir).catch(() => null);
  if (running) {
    throw new UserFacingError(
      `The embedded PostgreSQL is running on ${shown} (pid ${running.pid}, port ${running.port}). Stop \`npm start\` first, then reset.`,
    );
  }
  const staging = `${dataDir}.initialising`;
  if (!existsSync(dataDir) && !existsSync(staging)) {
    console.log(`Nothing to reset: ${shown} does not exist.`);
    return;
  }
  if (
    !yes &&
    !process.env.CI &&
    !(await confirm(`Delete ${shown} and every database in it? [y/N] `))
  ) {
    console.log("Nothing was deleted.");
    return;
  }
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.rm(staging, { recursive: true, force: true });
  console.log(`Deleted ${shown}. The next npm start (or db command) creates a fresh database.`);
}

async function seed(): Promise<void> {
  await onDatabase(async (db) => {
    await prepareForCommand(db);
    const result = await seedOn(db.url);
    console.log(
      result.created
        ? `Imported the sample project with ${result.documents} articles.`
        : "The database already has projects; the sample project was not imported.",
    );
  });
}

async function backup(file: string | undefined): Promise<void> {
  const target = file ?? defaultBackupFile();
  await onDatabase(async (db) => {
    await backupDatabase(migrationUrl(db.url), target);
    console.log(`Wrote ${target}. Restore it with: npm run db:restore -- ${target}`);
  });
}

async function restore(file: string | undefined, yes: boolean): Promise<void> {
  if (!file) throw new UsageError(`Name the backup to restore.\n${USAGE}`);
  await onDatabase(async (db) => {
    if (db.mode === "embedded-running") {
      throw new UserFacingError(
        "The embedded PostgreSQL is in use by npm start. Stop it first, then restore: the app must not write while its data is replaced.",
      );
    }
    const where = describeUrl(db.url);
    if (
      !yes &&
      !process.env.CI &&
      !(await confirm(
        `Replace every table and all data of ${where} with ${file}? [y/N] `,
        `npm run db:restore -- ${file} --yes`,
      ))
    ) {
      console.log("Nothing was restored.");
      return;
    }
    await restoreDatabase(migrationUrl(db.url), file);
    console.log(`Restored ${file} into ${where}.`);
  });
}

async function onDatabase(fn: (db: ResolvedDatabase) => Promise<void>): Promise<void> {
  const db = await resolveDatabase();
  try {
    console.log(`Database: ${describeDatabase(db)}`);
    await fn(db);
  } finally {
    await db.close();
  }
}

function describeDatabase(db: ResolvedDatabase): string {
  const where = describeUrl(db.url);
  switch (db.mode) {
    case "external":
      return `${where} (DATABASE_URL)`;
    case "embedded-running":
      return `${where}, the embedded PostgreSQL that npm start is running`;
    case "embedded-started":
      return `${where}, embedded PostgreSQL started for this command`;
  }
}

/** host:port/database — never the password. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || "localhost"}:${parsed.port || "5432"}/${decodeURIComponent(parsed.pathname.slice(1))}`;
  } catch {
    return "the database of DATABASE_URL";
  }
}

function reportApplied(applied: string[], upToDate: string | null): void {
  if (applied.length) {
    console.log(`Applied ${applied.length} migration${applied.length === 1 ? "" : "s"}:`);
    for (const name of applied) console.log(`  ${name}`);
  } else if (upToDate) {
    console.log(upToDate);
  }
}

async function confirm(
  question: string,
  confirmed = "npm run db:reset -- --yes",
): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new UserFacingError(`Not asking without a terminal: confirm with ${confirmed}`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

function isUserFacing(error: unknown): error is Error {
  return (
    error instanceof DatabaseStartError ||
    error instanceof MigrationError ||
    error instanceof UserFacingError ||
    error instanceof UsageError ||
    (error instanceof Error && (error.name === "EnvError" || error.name === "AppError"))
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (isUserFacing(error)) console.error(`\n${error.message}\n`);
  else console.error(error);
  process.exitCode = 1;
});
