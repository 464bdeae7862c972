import { createHash, randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  applyMigrations,
  createMigration,
  diffDatabaseToSchema,
  diffMigrationsToSchema,
  listMigrations,
  MIGRATIONS_DIR,
  MigrationError,
  SCHEMA_PATH,
} from "../../prisma/engine";
import { databaseUrl, dropDatabase, ensureDatabase } from "../../scripts/lib/embedded-postgres";

const adminUrl = inject("testDatabaseAdminUrl");
const prefix = inject("testDatabasePrefix");
const created: string[] = [];
let scratch: string;

/** An empty database (not the migrated template), dropped after the file. */
async function emptyDatabase(): Promise<string> {
  const name = `${prefix}_empty_${randomBytes(4).toString("hex")}`;
  await ensureDatabase(adminUrl, name);
  created.push(name);
  return databaseUrl(adminUrl, name);
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "sourcelight-migrations-"));
});

afterAll(async () => {
  for (const name of created) await dropDatabase(adminUrl, name);
  await rm(scratch, { recursive: true, force: true });
});

describe("prisma/migrations", () => {
  it("apply to an empty database and are recorded in _prisma_migrations as prisma migrate deploy records them", async () => {
    const url = await emptyDatabase();
    const directories = (await listMigrations(MIGRATIONS_DIR)).migrationDirectories;
    expect(directories.length).toBeGreaterThan(0);

    const applied = await applyMigrations(url);
    expect(applied).toEqual(directories.map((d) => d.path));

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(url, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
    expect(rows.map((r) => r.migration_name)).toEqual(applied);
    for (const row of rows) {
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      const sql = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
    }

    // A second run finds nothing to do and records nothing.
    expect(await applyMigrations(url)).toEqual([]);
    expect(await query(url, "SELECT 1 FROM _prisma_migrations")).toHaveLength(rows.length);

    // The database they build is exactly schema.prisma.
    expect(
      await diffDatabaseToSchema(url),
      "the migrated database differs from schema.prisma",
    ).toBe("");
  });

  it("match schema.prisma: no drift (after a schema change, run npm run db:new -- <name>)", async () => {
    const url = await emptyDatabase();
    const drift = await diffMigrationsToSchema(url);
    expect(
      drift,
      "prisma/schema.prisma and prisma/migrations differ: npm run db:new -- <name> writes the missing migration",
    ).toBe("");
    expect(await readFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8")).toContain(
      'provider = "postgresql"',
    );
  });
});

describe("createMigration", () => {
  it("writes nothing when the schema matches, and the next migration in Prisma's layout when it does not", async () => {
    const url = await emptyDatabase();
    const migrationsDir = path.join(scratch, "migrations");
    await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const before = (await listMigrations(migrationsDir)).migrationDirectories.map((d) => d.path);

    expect(await createMigration(url, "nothing", { migrationsDir })).toEqual({ created: false });

    const schemaPath = path.join(scratch, "schema.prisma");
    const schema = await readFile(SCHEMA_PATH, "utf8");
    await writeFile(
      schemaPath,
      `${schema}\nmodel ScratchNote {\n  id   Int    @id @default(autoincrement())\n  body String\n}\n`,
    );
    const result = await createMigration(url, "add_scratch_note", { migrationsDir, schemaPath });
    if (!result.created) throw new Error("expected a migration");
    expect(result.name).toMatch(/^\d{14}_add_scratch_note$/);
    expect(result.sql).toContain('CREATE TABLE "ScratchNote"');
    const after = (await listMigrations(migrationsDir)).migrationDirectories.map((d) => d.path);
    expect(after).toEqual([...before, result.name]);
    expect(await readFile(path.join(result.directory, "migration.sql"), "utf8")).toBe(result.sql);

    // Migrations and schema agree again.
    expect(await diffMigrationsToSchema(url, { migrationsDir, schemaPath })).toBe("");
    expect(await createMigration(url, "again", { migrationsDir, schemaPath })).toEqual({
      created: false,
    });
  });
});

describe("a failing migration", () => {
  it("is reported with PostgreSQL's message and leaves none of its statements applied", async () => {
    const url = await emptyDatabase();
    const migrationsDir = path.join(scratch, "broken");
    await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const broken = path.join(migrationsDir, "99990101000000_broken");
    await mkdir(broken);
    await writeFile(
      path.join(broken, "migration.sql"),
      'CREATE TABLE "Fine" ("id" INTEGER);\nCREATE TABLE "Broken" ("id" no_such_type);\n',
    );

    const error = await applyMigrations(url, { migrationsDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(String(error)).toMatch(/99990101000000_broken failed to apply/);
    expect(String(error)).toMatch(/no_such_type/);
    expect(await query(url, `SELECT 1 FROM pg_tables WHERE tablename = 'Fine'`)).toHaveLength(0);
    const [row] = await query<{ finished_at: Date | null; logs: string | null }>(
      url,
      "SELECT finished_at, logs FROM _prisma_migrations WHERE migration_name = '99990101000000_broken'",
    );
    expect(row?.finished_at).toBeNull();
    expect(row?.logs).toMatch(/no_such_type/);
  });
});
