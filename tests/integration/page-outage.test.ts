/**
 * A server-rendered page while the database is away (issue 18, item 3): the production
 * server, started on a PostgreSQL of the test's own (DATABASE_URL, so the supervisor does
 * not stop with it), answers pages with the outage's digest, which app/error.tsx shows as
 * "The database is not answering" and retries; once PostgreSQL is back the same server
 * renders the page again without a restart.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/domain/errors";
import {
  databaseUrl,
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from "@/scripts/lib/embedded-postgres";
import { freePort } from "@/scripts/lib/ports";
import { applyMigrations } from "@/prisma/engine";
import {
  TSX_CLI,
  ensureBuild,
  freshDataDir,
  startEnv,
  startProcess,
  waitFor,
  type Started,
} from "@/tests/support/processes";

const LONG = 600_000;

describe("a page rendered while PostgreSQL is down", () => {
  const dir = freshDataDir();
  const dataDir = path.join(dir, "data");
  let pgPort = 0;
  let webPort = 0;
  let postgres: EmbeddedPostgresHandle | undefined;
  let run: Started | undefined;

  beforeAll(async () => {
    ensureBuild();
    pgPort = await freePort();
    webPort = await freePort();
    postgres = await startEmbeddedPostgres({ dataDir, port: pgPort });
    await ensureDatabase(postgres.url, "pages");
    const url = databaseUrl(postgres.url, "pages");
    await applyMigrations(url);
    run = startProcess(
      process.execPath,
      [TSX_CLI, "--conditions=react-server", "scripts/start.ts"],
      startEnv({
        PORT: String(webPort),
        DATABASE_URL: url,
        AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
        DATABASE_CONNECT_TIMEOUT_MS: "1000",
      }),
    );
    const started = run;
    await waitFor("Sourcelight to be ready", () =>
      started.output().includes("Sourcelight is ready"),
    );
  }, LONG);

  afterAll(async () => {
    if (run && run.child.exitCode === null) {
      run.child.kill("SIGTERM");
      await run.exited;
    }
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, LONG);

  const page = async (pathname: string) => {
    const res = await fetch(`http://127.0.0.1:${webPort}${pathname}`, { redirect: "manual" });
    return { status: res.status, body: await res.text() };
  };

  it(
    "carries the outage digest to the error page and renders again once the database is back",
    async () => {
      // Up: a fresh database has no account yet, so the sign-in page sends to /setup.
      const before = await page("/login");
      expect(before.status).toBe(307);
      expect(before.body).not.toContain(DATABASE_UNAVAILABLE_DIGEST);

      await postgres?.stop();
      const down = await page("/login");
      expect(down.body).toContain(DATABASE_UNAVAILABLE_DIGEST);
      // The error page, not the reason's details, is what the reader gets.
      expect(down.body).not.toContain("ECONNREFUSED");

      // The same server process, no restart.
      postgres = await startEmbeddedPostgres({ dataDir, port: pgPort });
      await waitFor("the page to render again", async () => (await page("/login")).status === 307);
      expect(run?.child.exitCode).toBeNull();
      const setup = await page("/setup");
      expect(setup.status).toBe(200);
      expect(setup.body).not.toContain(DATABASE_UNAVAILABLE_DIGEST);
    },
    LONG,
  );
});
