/**
 * `npm run db:backup` / `db:restore` (issue 18, item 7): a round trip where a pg_dump at
 * least as new as the test server exists; where only an older one does (Debian 12 ships
 * pg_dump 15 beside the embedded PostgreSQL 18), a message that names both versions and
 * what to install, instead of pg_dump's own refusal.
 */
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  createDatabaseFromTemplate,
  databaseUrl,
  dropDatabase,
} from "@/scripts/lib/embedded-postgres";
import { findTool, serverMajorVersion } from "@/scripts/lib/backup";
import { TSX_CLI } from "@/tests/support/processes";

const adminUrl = inject("testDatabaseAdminUrl");
const serverMajor = await serverMajorVersion(adminUrl);
const hasTools = (() => {
  try {
    findTool("pg_dump", serverMajor);
    findTool("pg_restore", serverMajor);
    return true;
  } catch {
    return false;
  }
})();
const dir = mkdtempSync(path.join(os.tmpdir(), "sourcelight-backup-"));
const created: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `${inject("testDatabasePrefix")}_bk_${randomBytes(3).toString("hex")}`;
  await createDatabaseFromTemplate(adminUrl, name, inject("testDatabaseTemplate"));
  created.push(name);
  return databaseUrl(adminUrl, name);
}

afterAll(async () => {
  for (const name of created) await dropDatabase(adminUrl, name);
  rmSync(dir, { recursive: true, force: true });
});

function db(args: string[], url: string) {
  return spawnSync(
    process.execPath,
    [TSX_CLI, "--conditions=react-server", "scripts/db.ts", ...args],
    {
      env: { ...process.env, DATABASE_URL: url, CI: "1" },
      encoding: "utf8",
      timeout: 120_000,
    },
  );
}

async function query(url: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe("backups", () => {
  it.runIf(hasTools)(
    "backs up and restores a database",
    async () => {
      const source = await freshDatabase();
      const email = `backup-${randomBytes(3).toString("hex")}@example.org`;
      await query(
        source,
        `INSERT INTO "User" (id, email, name, role, "updatedAt") VALUES ($1, $2, 'B', 'USER', now())`,
        [randomUUID(), email],
      );
      const file = path.join(dir, "round-trip.dump");
      const backup = db(["backup", file], source);
      expect(backup.status, backup.stderr).toBe(0);
      const target = await freshDatabase();
      const restore = db(["restore", file, "--yes"], target);
      expect(restore.status, restore.stderr).toBe(0);
      expect(
        await query(target, `SELECT email FROM "User" WHERE email = $1`, [email]),
      ).toHaveLength(1);
    },
    180_000,
  );

  it.runIf(!hasTools)(
    "names the versions and what to install when pg_dump is too old",
    async () => {
      const run = db(["backup", path.join(dir, "none.dump")], await freshDatabase());
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`No pg_dump of PostgreSQL ${serverMajor} or newer was found`);
      expect(run.stderr).toContain(`postgresql-client-${serverMajor}`);
    },
    120_000,
  );
});
