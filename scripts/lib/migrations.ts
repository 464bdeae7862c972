/**
 * The migration check of the CLI commands, in one place: whether the database
 * has every migration of prisma/migrations, asked with one query, so that a
 * command on an up-to-date database never loads Prisma's schema engine (WASM,
 * the slowest part of a command's start-up, and an advisory lock that
 * concurrent commands queued on).
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

/** PostgreSQL's "undefined_table": a database no migration has touched yet. */
const UNDEFINED_TABLE = "42P01";

/**
 * The migrations in the directory that the database has not finished
 * applying, in order. Only names are compared: a migration edited after it was
 * applied is the schema engine's to detect (`npm run db:migrate`, `npm start`).
 */
export async function pendingMigrations(
  url: string,
  migrationsDir = MIGRATIONS_DIR,
): Promise<string[]> {
  const entries = await readdir(path.resolve(migrationsDir), { withFileTypes: true });
  const wanted = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  try {
    await client.connect();
    const result = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(result.rows.map((r) => r.migration_name));
    return wanted.filter((name) => !applied.has(name));
  } catch (error) {
    if (typeof error === "object" && error !== null && "code" in error) {
      if (error.code === UNDEFINED_TABLE) return wanted;
    }
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Brings the database up to date for a CLI command: nothing to do (the usual
 * case, one query) or the schema engine applies what is pending. Returns the
 * migrations applied.
 */
export async function migrateForCommand(url: string): Promise<string[]> {
  if ((await pendingMigrations(url)).length === 0) return [];
  const { applyMigrations } = await import("../../prisma/engine");
  return applyMigrations(url);
}
