/**
 * Process-level test helpers: run the real start script (or any command) on free ports,
 * read its output as it comes, and look at the process tree it made through /proc.
 * Nothing here waits for a fixed time: every wait is for a state, with a generous limit
 * that only ends a hung test.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isBuildCurrent } from "@/scripts/lib/build-fingerprint";

export const ROOT = path.resolve(".");
export const TSX_CLI = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

/** Builds the app once if the build is stale, through `npm run build`'s script (so e2e reuses it). */
export function ensureBuild(): void {
  if (isBuildCurrent(ROOT)) return;
  const result = spawnSync(
    process.execPath,
    [TSX_CLI, "--conditions=react-server", "scripts/build.ts"],
    { cwd: ROOT, stdio: "inherit", env: process.env },
  );
  if (result.status !== 0) throw new Error("npm run build failed; see the output above.");
}

/** A data directory the unprivileged `postgres` user can enter (PostgreSQL refuses root). */
export function freshDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sourcelight-proc-"));
  chmodSync(dir, 0o755);
  return dir;
}

export interface Started {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stdout and stderr are closed: every process holding them is gone. */
  closed: Promise<void>;
}

export function startProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = ROOT,
): Started {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const closed = Promise.all([
    new Promise<void>((resolve) => child.stdout?.once("close", () => resolve())),
    new Promise<void>((resolve) => child.stderr?.once("close", () => resolve())),
  ]).then(() => undefined);
  return { child, output: () => text, exited, closed };
}

/** The environment for a start on its own ports and data directory, without the test's database. */
export function startEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: "127.0.0.1", ...extra };
  for (const name of ["DATABASE_URL", "AUTH_SECRET", "DIRECT_DATABASE_URL"]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

/** Waits until `predicate` holds, checking every 100 ms; fails after `timeoutMs` with `what`. */
export async function waitFor(
  what: string,
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 240_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface ProcInfo {
  pid: number;
  ppid: number;
  comm: string;
  zombie: boolean;
}

function readProc(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(fields[1]), comm, zombie: fields[0] === "Z" };
  } catch {
    return null;
  }
}

/** Every live descendant of `pid`, nearest first. */
export function descendants(pid: number): ProcInfo[] {
  const all = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((info): info is ProcInfo => info !== null && !info.zombie);
  const found: ProcInfo[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift();
    for (const info of all) {
      if (info.ppid === parent) {
        found.push(info);
        queue.push(info.pid);
      }
    }
  }
  return found;
}

export function isRunning(pid: number): boolean {
  const info = readProc(pid);
  return info !== null && !info.zombie;
}

/** The postmaster's pid from postmaster.pid, or null when the file is gone (a clean shutdown). */
export function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, "postgres", "postmaster.pid");
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) ? pid : null;
}

/** The Next server under a start: the descendant that is not PostgreSQL (Next renames itself). */
export function webServerPid(startPid: number): number | null {
  const web = descendants(startPid).find((p) => p.comm.startsWith("next-server"));
  return web?.pid ?? null;
}

export async function health(port: number): Promise<number | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    return res.status;
  } catch {
    return null;
  }
}
