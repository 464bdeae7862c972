import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { listMigrations, MIGRATIONS_DIR } from "@/prisma/engine";
import { databaseUrl, dropDatabase, ensureDatabase } from "@/scripts/lib/embedded-postgres";
import { pendingMigrations } from "@/prisma/engine/pending";
import { prepareForCommand } from "@/scripts/lib/database-ready";

const adminUrl = inject("testDatabaseAdminUrl");
const empty = `${inject("testDatabasePrefix")}_empty_${randomBytes(4).toString("hex")}`;
afterAll(() => dropDatabase(adminUrl, empty));

describe("the CLI's migration check", () => {
  it("finds nothing pending on a migrated database, so a command never loads the schema engine", async () => {
    const url = process.env.DATABASE_URL ?? "";
    expect(await pendingMigrations(url)).toEqual([]);
    expect(
      await prepareForCommand({ url, mode: "embedded-running", close: () => Promise.resolve() }),
    ).toEqual([]);
  });

  it("names every migration on an empty database, and a rolled-back one as pending, then applies them", async () => {
    await ensureDatabase(adminUrl, empty);
    const url = databaseUrl(adminUrl, empty);
    const all = (await listMigrations(MIGRATIONS_DIR)).migrationDirectories.map((d) => d.path);
    expect(await pendingMigrations(url)).toEqual(all);
    expect(
      await prepareForCommand({ url, mode: "embedded-running", close: () => Promise.resolve() }),
    ).toEqual(all);
    expect(await pendingMigrations(url)).toEqual([]);

    const last = all[all.length - 1] ?? "";
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(
        "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1",
        [last],
      );
    } finally {
      await client.end();
    }
    expect(await pendingMigrations(url)).toEqual([last]);
  });
});
