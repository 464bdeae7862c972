/**
 * Vitest global setup of the integration project: one PostgreSQL server for
 * the run — TEST_DATABASE_URL's, or an embedded one in a fresh temp directory —
 * and a template database with every migration applied. Each test file then
 * gets its own database cloned from the template (setup-db.ts).
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../prisma/engine";
import { checkDatabaseReachable } from "../../scripts/lib/database";
import {
  databaseUrl,
  dropDatabase,
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from "../../scripts/lib/embedded-postgres";
import { freePort } from "../../scripts/lib/ports";
import pg from "pg";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser (or CREATEDB) URL of the test server. */
    testDatabaseAdminUrl: string;
    /** Migrated database to clone: CREATE DATABASE … TEMPLATE it. */
    testDatabaseTemplate: string;
    /** Prefix of every database this run creates, so that a shared server can be cleaned. */
    testDatabasePrefix: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: EmbeddedPostgresHandle | undefined;
  let tempDir: string | undefined;
  let adminUrl: string;
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    await checkDatabaseReachable(external, "TEST_DATABASE_URL");
    adminUrl = external;
  } else {
    tempDir = await mkdtemp(path.join(tmpdir(), "sourcelight-test-pg-"));
    try {
      // Run as root, PostgreSQL runs as the "postgres" user, which must reach its data.
      await chmod(tempDir, 0o755);
      server = await startEmbeddedPostgres({
        dataDir: path.join(tempDir, "data"),
        port: await freePort(),
        // A throwaway server: durability only costs time.
        settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
      });
    } catch (error) {
      await rm(tempDir, { recursive: true, force: true });
      throw error;
    }
    adminUrl = server.url;
  }

  // Unique per run, so that runs sharing a TEST_DATABASE_URL server do not collide.
  const prefix = `sourcelight_test_${randomBytes(3).toString("hex")}`;
  const template = `${prefix}_template`;
  const teardown = async () => {
    if (!server) return dropRunDatabases(adminUrl, prefix);
    // The whole server goes: no need to drop its databases one by one.
    await server.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };

  try {
    await ensureDatabase(adminUrl, template);
    await applyMigrations(databaseUrl(adminUrl, template));
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide("testDatabaseAdminUrl", adminUrl);
  project.provide("testDatabaseTemplate", template);
  project.provide("testDatabasePrefix", prefix);
  return teardown;
}

async function dropRunDatabases(adminUrl: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  let names: string[];
  try {
    const result = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [`${prefix}_`],
    );
    names = result.rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
  for (const name of names) await dropDatabase(adminUrl, name);
}
