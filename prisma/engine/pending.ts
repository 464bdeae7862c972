/**
 * Which migrations a database still lacks, asked with one query and without
 * the schema engine: the check every CLI command runs first, so a command on
 * an up-to-date database never loads the WASM engine (the slowest part of its
 * start-up) nor queues on the migration lock.
 */
import pg from "pg";
import { listMigrations, MIGRATIONS_DIR } from "./migrations-dir";

/**
 * The migrations in the migrations folder that the database of `url` has not
 * applied (all of them on an empty database), in order. Reads
 * `_prisma_migrations` only: changes nothing. Only names are compared; a
 * migration edited after it was applied is the schema engine's to detect.
 */
export async function pendingMigrations(
  url: string,
  options: { migrationsDir?: string } = {},
): Promise<string[]> {
  const list = await listMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    const exists = await client.query<{ found: string | null }>(
      "SELECT to_regclass('_prisma_migrations')::text AS found",
    );
    const applied = new Set<string>();
    if (exists.rows[0]?.found) {
      const rows = await client.query<{ migration_name: string }>(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      );
      for (const row of rows.rows) applied.add(row.migration_name);
    }
    return list.migrationDirectories.map((d) => d.path).filter((name) => !applied.has(name));
  } finally {
    await client.end().catch(() => {});
  }
}
