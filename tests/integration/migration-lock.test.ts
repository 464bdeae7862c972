/**
 * Migrations behind poolers and beside other instances (issue 18, item 4): they wait for
 * one another on the migration lock, a lock left behind on a pooled connection is
 * reported with what to do instead of a hang, DIRECT_DATABASE_URL is where migrations
 * run, and CLI commands never migrate an own DATABASE_URL behind the operator's back.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  applyMigrations,
  listMigrations,
  MIGRATIONS_DIR,
  pendingMigrations,
} from "@/prisma/engine";
import { MIGRATION_LOCK_KEY } from "@/prisma/engine/migration-lock";
import { databaseUrl, dropDatabase, ensureDatabase } from "@/scripts/lib/embedded-postgres";
import { TSX_CLI } from "@/tests/support/processes";

const adminUrl = inject("testDatabaseAdminUrl");
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `${inject("testDatabasePrefix")}_lock_${randomBytes(3).toString("hex")}`;
  await ensureDatabase(adminUrl, name);
  created.push(name);
  return databaseUrl(adminUrl, name);
}

afterAll(async () => {
  for (const name of created) await dropDatabase(adminUrl, name);
});

/** Another session holding the migration lock: a second instance, or a pooled connection that kept it. */
async function holdLock(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  return client;
}

async function lockHolders(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted",
      [MIGRATION_LOCK_KEY],
    );
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

const allMigrations = async () =>
  (await listMigrations(MIGRATIONS_DIR)).migrationDirectories.map((d) => d.path);

describe("the migration lock", () => {
  it("waits for another migration to finish, then migrates, and leaves no lock behind", async () => {
    const url = await emptyDatabase();
    const other = await holdLock(url);
    const waits: string[] = [];
    const migrating = applyMigrations(url, { onLockWait: (m) => waits.push(m) });
    await expect.poll(() => waits.length, { timeout: 30_000 }).toBe(1);
    expect(await pendingMigrations(url)).toEqual(await allMigrations());
    await other.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    expect(await migrating).toEqual(await allMigrations());
    expect(await lockHolders(url)).toBe(0);
    await other.end();
  }, 120_000);

  it("reports a lock that stays held with the way out, instead of hanging", async () => {
    const url = await emptyDatabase();
    const leaked = await holdLock(url);
    process.env.MIGRATION_LOCK_TIMEOUT_MS = "1500";
    try {
      await expect(applyMigrations(url, { onLockWait: () => {} })).rejects.toThrow(
        /DIRECT_DATABASE_URL.*pg_terminate_backend/s,
      );
    } finally {
      delete process.env.MIGRATION_LOCK_TIMEOUT_MS;
      await leaked.end();
    }
    expect(await pendingMigrations(url)).toEqual(await allMigrations());
  }, 60_000);
});

function cli(script: string, args: string[], env: Record<string, string>) {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  delete clean.DIRECT_DATABASE_URL;
  return spawnSync(process.execPath, [TSX_CLI, "--conditions=react-server", script, ...args], {
    env: { ...clean, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
}

describe("migrations from the command line", () => {
  it("never migrates an own DATABASE_URL from a user command: it says to run db:migrate", async () => {
    const url = await emptyDatabase();
    const run = cli("scripts/user.ts", ["list"], { DATABASE_URL: url });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("behind this version of Sourcelight");
    expect(run.stderr).toContain("npm run db:migrate");
    expect(await pendingMigrations(url)).toEqual(await allMigrations());
  }, 120_000);

  it("db:migrate runs on DIRECT_DATABASE_URL when it is set", async () => {
    const pooled = await emptyDatabase();
    const direct = await emptyDatabase();
    const run = cli("scripts/db.ts", ["migrate"], {
      DATABASE_URL: pooled,
      DIRECT_DATABASE_URL: direct,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(await pendingMigrations(direct)).toEqual([]);
    expect(await pendingMigrations(pooled)).toEqual(await allMigrations());
  }, 120_000);
});
