import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DatabaseStartError,
  findRunningEmbeddedPostgres,
  PASSWORD_FILE,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from "../../scripts/lib/embedded-postgres";
import { freePort } from "../../scripts/lib/ports";

let root: string;
let counter = 0;
const handles: EmbeddedPostgresHandle[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "sourcelight-embedded-"));
  // Run as root, PostgreSQL runs as the "postgres" user, which must reach its data.
  await chmod(root, 0o755);
});

afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.stop()));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function freshDir(): string {
  counter += 1;
  return path.join(root, `data-${counter}`);
}

async function start(dataDir: string, port?: number): Promise<EmbeddedPostgresHandle> {
  const handle = await startEmbeddedPostgres({ dataDir, port: port ?? (await freePort()) });
  handles.push(handle);
  return handle;
}

async function sql<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

async function startError(promise: Promise<unknown>): Promise<DatabaseStartError> {
  const error = await promise.then(
    () => new Error("expected the start to fail"),
    (e: unknown) => e,
  );
  if (!(error instanceof DatabaseStartError)) throw error;
  return error;
}

/** A pid that certainly names no process any more. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, [
    "-e",
    "process.stdout.write(String(process.pid))",
  ]).stdout.toString();
  return Number(pid);
}

function waitForDeath(pid: number): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      try {
        process.kill(pid, 0);
      } catch {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
}

describe("embedded PostgreSQL", () => {
  it("initialises on first start with a generated password, listens on 127.0.0.1 only, and keeps its data across restarts", async () => {
    const dir = freshDir();
    const first = await start(dir);
    expect(first.url).toMatch(/^postgresql:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
    const password = decodeURIComponent(new URL(first.url).password);
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(password).not.toMatch(/^(password|postgres)$/);
    expect((await readFile(path.join(dir, PASSWORD_FILE), "utf8")).trim()).toBe(password);
    expect((await stat(path.join(dir, PASSWORD_FILE))).mode & 0o077).toBe(0);

    expect(await sql(first.url, "SHOW listen_addresses")).toEqual([
      { listen_addresses: "127.0.0.1" },
    ]);
    await sql(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");

    await first.stop();
    expect(existsSync(path.join(dir, "postmaster.pid"))).toBe(false);
    await expect(sql(first.url, "SELECT 1")).rejects.toThrow(/ECONNREFUSED/);
    expect(await findRunningEmbeddedPostgres(dir)).toBeNull();

    const second = await start(dir);
    expect(decodeURIComponent(new URL(second.url).password)).toBe(password);
    expect(await sql(second.url, "SELECT v FROM kept")).toEqual([{ v: "still here" }]);
  });

  it("recovers by itself after a crash (kill -9) and from a postmaster.pid naming a dead process", async () => {
    const dir = freshDir();
    const crashed = await start(dir);
    process.kill(crashed.pid, "SIGKILL");
    await waitForDeath(crashed.pid);
    expect(existsSync(path.join(dir, "postmaster.pid"))).toBe(true);

    const recovered = await start(dir);
    expect(await sql(recovered.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
    await recovered.stop();

    const pidFile = path.join(dir, "postmaster.pid");
    await writeFile(
      pidFile,
      `${deadPid()}\n${dir}\n1700000000\n5433\n\n127.0.0.1\n  0  0\nready   \n`,
    );
    const again = await start(dir);
    expect(await sql(again.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
  });

  it("refuses a second start on a data directory in use, and lets a second command find and use the running server", async () => {
    const dir = freshDir();
    const running = await start(dir);

    const error = await startError(start(dir));
    expect(error.message).toMatch(/in use/);
    expect(error.message).toContain(String(running.pid));
    expect(error.message).toMatch(/npm start/);

    const found = await findRunningEmbeddedPostgres(dir);
    expect(found).toEqual({ url: running.url, port: running.port, pid: running.pid });
    expect(await sql(running.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
  });

  it("names the port and what to do when the port is taken", async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: "127.0.0.1", port }, resolve));
    try {
      const error = await startError(start(freshDir(), port));
      expect(error.message).toContain(String(port));
      expect(error.message).toMatch(/PGPORT/);
      expect(error.message).toMatch(/another program/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("says to run npm run db:reset when the data directory is damaged", async () => {
    const dir = freshDir();
    await (await start(dir)).stop();
    await rm(path.join(dir, "PG_VERSION"));
    const missing = await startError(start(dir));
    expect(missing.message).toMatch(/PG_VERSION is missing/);
    expect(missing.message).toMatch(/npm run db:reset/);

    const other = freshDir();
    await (await start(other)).stop();
    // PostgreSQL itself refuses to start on a damaged control file.
    await writeFile(path.join(other, "global", "pg_control"), Buffer.alloc(8192));
    const damaged = await startError(start(other));
    expect(damaged.message).toMatch(/failed to start/);
    expect(damaged.message).toMatch(/npm run db:reset/);
    expect(damaged.message).toMatch(/Last PostgreSQL log lines:/);
  });
});
