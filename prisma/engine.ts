/**
 * Migrations through Prisma's schema engine, WASM build, over the pg driver
 * adapter: what `prisma migrate deploy` / `migrate dev --create-only` do with
 * the native engine, which cannot be downloaded here. Inputs are built the way
 * the Prisma CLI builds them, so `_prisma_migrations` and the migration files
 * are interchangeable with the CLI's.
 *
 * This file is the API the scripts and tests import; the machinery is in
 * engine/ (wasm-runtime: loading the engine; session: one command and its
 * errors; adapter, char-type-shim, shadow-database: what the engine talks to;
 * migrations-dir: the CLI's directory layout). UPGRADING.md says what to check
 * when Prisma or its schema engine is upgraded.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type {
  SchemaEngine,
  SchemaFilter,
  SchemasContainer,
} from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import { MigrationError } from "./engine/migration-error";
import {
  LOCKFILE,
  MIGRATIONS_DIR,
  MIGRATION_FILE,
  listMigrations,
  lockfileContent,
  migrationTimestamp,
  withLockfile,
} from "./engine/migrations-dir";
import { withMigrationLock } from "./engine/migration-lock";
import { withEngine } from "./engine/session";
import { engineCrashed } from "./engine/wasm-runtime";

export { MigrationError } from "./engine/migration-error";
export { listMigrations } from "./engine/migrations-dir";

const PRISMA_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export { MIGRATIONS_DIR } from "./engine/migrations-dir";
export { pendingMigrations } from "./engine/pending";
// prisma.config.ts has no external tables or enums.
const FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

export interface EngineOptions {
  schemaPath?: string;
  migrationsDir?: string;
  /** The engine's own log lines (JSON), for debugging. */
  log?: (line: string) => void;
  /** Told when another migration holds the lock; by default printed. */
  onLockWait?: (message: string) => void;
}

/** Applies the unapplied migrations, as `prisma migrate deploy`. Returns the names applied. */
export async function applyMigrations(url: string, options: EngineOptions = {}): Promise<string[]> {
  const migrationsList = await listMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  try {
    return await withMigrationLock(
      url,
      () =>
        run(url, { ...options, lockHeld: true }, async (engine) => {
          const result = await engine.applyMigrations({ migrationsList, filters: FILTERS });
          return result.appliedMigrationNames;
        }),
      { onWait: options.onLockWait ?? ((message) => console.log(message)) },
    );
  } catch (error) {
    if (!(error instanceof MigrationError) || engineCrashed()) throw error;
    const failed = await failedMigration(url);
    if (!failed) throw error;
    throw new MigrationError(
      `Migration ${failed} failed to apply: ${error.message}\n\n` +
        "None of its statements stayed applied (a migration runs as one transaction). Once it is fixed: " +
        "on a development database, `npm run db:reset`; elsewhere mark the attempt rolled back, " +
        `as \`prisma migrate resolve --rolled-back\` would: UPDATE _prisma_migrations SET rolled_back_at = now() ` +
        `WHERE migration_name = '${failed}' AND finished_at IS NULL; then migrate again.`,
    );
  }
}

/** The migration whose last attempt failed (recorded, never finished), if any. */
async function failedMigration(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const result = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL " +
        "ORDER BY started_at DESC LIMIT 1",
    );
    return result.rows[0]?.migration_name ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

export type CreateMigrationResult =
  { created: false } | { created: true; name: string; directory: string; sql: string };

/**
 * Writes the next migration, `<timestamp>_<name>/migration.sql`, from the
 * difference between the existing migrations (replayed on a temporary shadow
 * database on the server of `url`) and schema.prisma — what `prisma migrate
 * dev --create-only` writes. (The WASM engine's own createMigration cannot get
 * a PostgreSQL shadow database from an adapter; its diff can.) Writes nothing
 * when there is no difference.
 */
export async function createMigration(
  url: string,
  name: string,
  options: EngineOptions = {},
): Promise<CreateMigrationResult> {
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const migrationsList = withLockfile(await listMigrations(migrationsDir));
  const script = await run(url, options, async (engine, schema) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      exitCode: null,
      filters: FILTERS,
    });
    return result.stdout ?? "";
  });
  if (normaliseScript(script) === "") return { created: false };

  const last = migrationsList.migrationDirectories.at(-1)?.path;
  const generatedName = `${migrationTimestamp(new Date(), last)}_${name}`;
  const directory = path.join(migrationsDir, generatedName);
  await mkdir(migrationsDir, { recursive: true });
  try {
    await mkdir(directory);
  } catch (error) {
    throw new MigrationError(
      `Could not create the migration directory ${directory}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  await writeFile(path.join(directory, MIGRATION_FILE), script, "utf8");
  await writeFile(path.join(migrationsDir, LOCKFILE), lockfileContent("postgresql"), "utf8");
  return { created: true, name: generatedName, directory, sql: script };
}

/**
 * The SQL that would take a database built from the migrations to
 * schema.prisma; an empty string when they agree (no drift).
 */
export async function diffMigrationsToSchema(
  url: string,
  options: EngineOptions = {},
): Promise<string> {
  const migrationsList = withLockfile(
    await listMigrations(options.migrationsDir ?? MIGRATIONS_DIR),
  );
  return run(url, options, async (engine, schema) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      exitCode: null,
      filters: FILTERS,
    });
    return normaliseScript(result.stdout);
  });
}

/**
 * The SQL that would take the live database of `url` to schema.prisma; an
 * empty string when they agree.
 */
export async function diffDatabaseToSchema(
  url: string,
  options: EngineOptions = {},
): Promise<string> {
  return run(url, options, async (engine, schema) => {
    const result = await engine.diff({
      from: { tag: "schemaDatasource", ...schema, configDir: PRISMA_DIR },
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      exitCode: null,
      filters: FILTERS,
    });
    return normaliseScript(result.stdout);
  });
}

/** Drops and recreates the `public` schema: every table, type and `_prisma_migrations` are gone. */
export async function resetDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  } finally {
    await client.end();
  }
}

function run<T>(
  url: string,
  options: EngineOptions & { lockHeld?: boolean },
  fn: (engine: SchemaEngine, schema: SchemasContainer) => Promise<T>,
): Promise<T> {
  return withEngine(
    url,
    { schemaPath: options.schemaPath ?? SCHEMA_PATH, log: options.log, lockHeld: options.lockHeld },
    fn,
  );
}

// The engine writes this comment, rather than nothing, when there is no difference.
function normaliseScript(stdout: string | null): string {
  const script = (stdout ?? "").trim();
  return script === "" || script === "-- This is an empty migration." ? "" : script;
}
