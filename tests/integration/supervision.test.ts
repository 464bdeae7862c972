/**
 * The real start script, on free ports, with its own embedded PostgreSQL: what happens
 * when a part of it dies and when it is told to stop (issue 18, items 1 and 2). The build
 * is made once if stale (`npm run build`'s script, the same .next the e2e tests use).
 */
import { rmSync } from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/lib/ports";
import {
  TSX_CLI,
  descendants,
  ensureBuild,
  freshDataDir,
  health,
  isRunning,
  postmasterPid,
  startEnv,
  startProcess,
  waitFor,
  webServerPid,
  type Started,
} from "@/tests/support/processes";

const LONG = 600_000;
const dirs: string[] = [];

beforeAll(() => ensureBuild(), 1_800_000);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function startSourcelight(
  via: "tsx" | "npm",
): Promise<{ run: Started; port: number; dataDir: string }> {
  const dataDir = freshDataDir();
  dirs.push(dataDir);
  const port = await freePort();
  const env = startEnv({
    PORT: String(port),
    PGPORT: String(await freePort()),
    SOURCELIGHT_DATA_DIR: dataDir,
  });
  const run =
    via === "npm"
      ? startProcess("npm", ["start", "--silent"], env)
      : startProcess(
          process.execPath,
          [TSX_CLI, "--conditions=react-server", "scripts/start.ts"],
          env,
        );
  await waitFor("Sourcelight to be ready", () => run.output().includes("Sourcelight is ready"));
  // ensureBuild ran `npm run build`'s script: the start must not build a second time.
  expect(run.output()).not.toContain("Building Sourcelight");
  return { run, port, dataDir };
}

/** The start.ts process under tsx's CLI (tsx runs the script in a child of its own). */
function startScriptPid(run: Started): number {
  const pid = run.child.pid;
  if (pid === undefined) throw new Error("the start script has no pid");
  const script = descendants(pid).find(
    (p) => p.comm === "node" && descendants(p.pid).some((c) => c.comm === "postgres"),
  );
  if (!script) throw new Error("start.ts was not found among the started processes");
  return script.pid;
}

describe("supervision", () => {
  it(
    "exits non-zero and stops PostgreSQL when the web server is killed by a signal",
    async () => {
      const { run, port, dataDir } = await startSourcelight("tsx");
      const web = webServerPid(startScriptPid(run));
      const postgres = postmasterPid(dataDir);
      expect(web).not.toBeNull();
      expect(postgres).not.toBeNull();
      process.kill(web ?? 0, "SIGKILL");
      const exit = await run.exited;
      expect(exit.code).toBe(1);
      expect(run.output()).toContain("The web server stopped unexpectedly (killed by SIGKILL)");
      expect(isRunning(postgres ?? 0)).toBe(false);
      // PostgreSQL removes its pid file last, on a clean shutdown only.
      expect(postmasterPid(dataDir)).toBeNull();
      expect(await health(port)).toBeNull();
    },
    LONG,
  );

  it(
    "exits non-zero and stops the web server when PostgreSQL dies",
    async () => {
      const { run, port, dataDir } = await startSourcelight("tsx");
      const web = webServerPid(startScriptPid(run));
      process.kill(postmasterPid(dataDir) ?? 0, "SIGKILL");
      const exit = await run.exited;
      expect(exit.code).toBe(1);
      expect(run.output()).toContain("PostgreSQL stopped unexpectedly");
      expect(isRunning(web ?? 0)).toBe(false);
      expect(await health(port)).toBeNull();
    },
    LONG,
  );
});

describe("stopping", () => {
  it(
    "stops every process and shuts PostgreSQL down cleanly on SIGTERM to npm start",
    async () => {
      const { run, port, dataDir } = await startSourcelight("npm");
      const tree = descendants(run.child.pid ?? 0);
      const postgres = postmasterPid(dataDir);
      expect(tree.length).toBeGreaterThanOrEqual(4); // sh, tsx, start.ts, Next (+ PostgreSQL)
      run.child.kill("SIGTERM");
      // The output pipes close when the last process holding them — any of the tree — is gone.
      await run.closed;
      expect(run.output()).toContain("Sourcelight stopped.");
      for (const p of tree) expect(isRunning(p.pid), `${p.comm} (${p.pid})`).toBe(false);
      expect(isRunning(postgres ?? 0)).toBe(false);
      expect(postmasterPid(dataDir)).toBeNull();
      expect(await health(port)).toBeNull();
    },
    LONG,
  );

  it(
    "answers a request in flight, then exits 0, on SIGTERM to the start script",
    async () => {
      const { run, port, dataDir } = await startSourcelight("tsx");
      const script = startScriptPid(run);
      // SIGTERM once the whole request is on the wire: it is in flight, and must be answered.
      const status = await new Promise<number>((resolve, reject) => {
        const request = http.get(`http://127.0.0.1:${port}/login`, (response) => {
          response.resume();
          response.once("end", () => resolve(response.statusCode ?? 0));
        });
        request.once("error", reject);
        request.once("finish", () => process.kill(script, "SIGTERM"));
      });
      expect(status).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(500);
      const exit = await run.exited;
      expect(exit.code).toBe(0);
      await run.closed;
      expect(postmasterPid(dataDir)).toBeNull();
    },
    LONG,
  );
});
