/**
 * While PostgreSQL is down, saves are refused with 503 + Retry-After and a message that
 * says so, /api/health says what is wrong in words, and once the server is back the same
 * process saves again without a restart (issue 18, item 3). On a PostgreSQL of the test's
 * own, which it stops and starts.
 */
import { rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/prisma/engine";
import {
  databaseUrl,
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from "@/scripts/lib/embedded-postgres";
import { freePort } from "@/scripts/lib/ports";
import { freshDataDir } from "@/tests/support/processes";

const testDatabaseUrl = process.env.DATABASE_URL;
const saved = {
  statement: process.env.DATABASE_STATEMENT_TIMEOUT_MS,
  connect: process.env.DATABASE_CONNECT_TIMEOUT_MS,
};

async function useDatabase(url: string | undefined, env: Record<string, string | undefined> = {}) {
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
  process.env.DATABASE_URL = url;
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

afterAll(async () => {
  await useDatabase(testDatabaseUrl, {
    DATABASE_STATEMENT_TIMEOUT_MS: saved.statement,
    DATABASE_CONNECT_TIMEOUT_MS: saved.connect,
  });
});

describe("a PostgreSQL that goes away and comes back", () => {
  const dir = freshDataDir();
  const dataDir = path.join(dir, "data");
  let port = 0;
  let server: EmbeddedPostgresHandle | undefined;

  beforeAll(async () => {
    port = await freePort();
    server = await startEmbeddedPostgres({ dataDir, port });
    await ensureDatabase(server.url, "outage");
    const url = databaseUrl(server.url, "outage");
    await applyMigrations(url);
    await useDatabase(url);
  }, 120_000);

  afterAll(async () => {
    await useDatabase(testDatabaseUrl);
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers 503 with Retry-After while it is down and saves again once it is back", async () => {
    const { db } = await import("@/lib/db");
    const { saveAnnotation } = await import("@/lib/server/annotations/annotations");
    const { errorResponse, failure } = await import("@/lib/server/results");
    const { checkHealth } = await import("@/lib/server/health");
    const { createProject, createUser, importDocument } = await import("@/tests/support/factories");

    const ann = await createUser();
    const project = await createProject({ members: [[ann, "ANNOTATOR"]] });
    const doc = await importDocument(project.id);
    const sentence = await db.sentence.findFirstOrThrow({
      where: { documentId: doc.id, isBoilerplate: false },
      orderBy: { index: "asc" },
    });
    const save = (expectedVersion: number) =>
      saveAnnotation({
        actor: ann,
        projectSlug: project.slug,
        input: { sentenceId: sentence.id, label: "OPINION", expectedVersion },
      });
    expect((await save(0)).version).toBe(1);

    await server?.stop();
    const refused = await save(1).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).not.toBeNull();
    const response = errorResponse(refused);
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    const body: unknown = await response.json();
    expect(body).toMatchObject({
      error: { code: "UNAVAILABLE", message: expect.stringContaining("cannot be reached") },
    });
    expect(failure(refused).message).toContain("Nothing was changed");

    // A server-rendered page's read fails with the outage's digest, which the error
    // boundary (app/error.tsx) shows as "the database is not answering" and retries.
    const { loadForPage } = await import("@/lib/server/page-errors");
    const { DATABASE_UNAVAILABLE_DIGEST } = await import("@/lib/domain/errors");
    const { listProjects } = await import("@/lib/server/projects/projects");
    const pageError = await loadForPage(() => listProjects(ann)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(pageError).toMatchObject({
      digest: DATABASE_UNAVAILABLE_DIGEST,
      message: expect.stringContaining("cannot be reached"),
    });

    const health = await checkHealth();
    expect(health.status).toBe("error");
    expect(health).toMatchObject({ reason: expect.stringMatching(/^the database server/) });
    expect(JSON.stringify(health)).not.toMatch(/P\d{4}/);

    // The same process, the same pool: no restart.
    server = await startEmbeddedPostgres({ dataDir, port });
    expect((await save(1)).version).toBe(2);
    expect((await checkHealth()).status).toBe("ok");
  }, 120_000);

  it("ends a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS with a 503", async () => {
    const url = process.env.DATABASE_URL;
    await useDatabase(url, { DATABASE_STATEMENT_TIMEOUT_MS: "300" });
    const { sqlPool } = await import("@/lib/db");
    const { errorResponse } = await import("@/lib/server/results");
    const started = Date.now();
    const error = await sqlPool()
      .query("SELECT pg_sleep(5)")
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(Date.now() - started).toBeLessThan(4_000);
    const response = errorResponse(error);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("did not answer in time");
    await useDatabase(url, { DATABASE_STATEMENT_TIMEOUT_MS: saved.statement });
  });
});

describe("a database server that accepts connections and never answers", () => {
  it("gives up after DATABASE_CONNECT_TIMEOUT_MS and says so", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      await useDatabase(`postgresql://u:hunter2-secret@127.0.0.1:${port}/db`, {
        DATABASE_CONNECT_TIMEOUT_MS: "300",
      });
      const { checkHealth } = await import("@/lib/server/health");
      const started = Date.now();
      const health = await checkHealth();
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(health).toMatchObject({
        status: "error",
        reason: expect.stringMatching(/^the database server cannot be reached|^no database/),
      });
      expect(JSON.stringify(health)).not.toContain("hunter2-secret");
    } finally {
      await useDatabase(testDatabaseUrl, { DATABASE_CONNECT_TIMEOUT_MS: saved.connect });
      silent.close();
    }
  });
});
