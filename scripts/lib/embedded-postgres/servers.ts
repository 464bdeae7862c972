/**
 * Which server serves a data directory: the one a second command should use
 * (`npm run db:migrate` while `npm start` runs), the ones this process started
 * (stopped on exit and on unhandled signals), and the ones a crash left behind.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { adminUrl } from "./admin";
import { readPassword, readPostmasterPid } from "./data-dir";
import { isAlive, isPostmasterOf, shutdownPostmaster, sleep } from "./processes";

export interface EmbeddedPostgresHandle {
  /** Superuser URL of the `postgres` database: postgresql://postgres:…@127.0.0.1:port/postgres */
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  /** Fast shutdown (SIGINT); resolves once the server has exited. Idempotent. */
  stop(): Promise<void>;
}

export interface RunningEmbeddedPostgres {
  url: string;
  port: number;
  pid: number;
}

/**
 * The PostgreSQL currently serving `dataDir` (postmaster.pid names a live
 * postgres process), or null. Lets a second command (`npm run db:migrate`
 * while `npm start` runs) use the server instead of failing to start another.
 */
export async function findRunningEmbeddedPostgres(
  dataDir: string,
): Promise<RunningEmbeddedPostgres | null> {
  const dir = path.resolve(dataDir);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const info = await readPostmasterPid(dir);
    if (!info || !(await isPostmasterOf(info.pid, dir))) return null;
    // A server that is still starting refuses connections, one that is stopping
    // is about to go away: wait for either to settle.
    if (info.status === "ready" || info.status === "" || Date.now() > deadline) {
      if (info.status === "stopping") return null;
      const password = await readPassword(dir);
      return { url: adminUrl(password, info.port), port: info.port, pid: info.pid };
    }
    await sleep(100);
  }
}

/** A server that failed to become ready may still be running: stop it. */
export async function killLeftover(dataDir: string): Promise<void> {
  const info = await readPostmasterPid(dataDir).catch(() => null);
  if (info && (await isPostmasterOf(info.pid, dataDir))) await shutdownPostmaster(info.pid);
}

// Servers started by this process, stopped on exit and on unhandled signals.
const started = new Map<number, { dataDir: string; stop(): Promise<void> }>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let hooksInstalled = false;

// Which process started the server: a server whose starter is gone was left
// behind by a crash (kill -9 of npm start) rather than being in use.
const OWNER_FILE = "sourcelight.owner";

function ownerPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dataDir, OWNER_FILE), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Stops the server serving `dataDir` when the process that started it is gone
 * (a crashed `npm start`), so the next start begins clean. Returns whether it
 * stopped one; a server whose owner still runs is left alone.
 */
export async function stopOrphanedPostgres(dataDir: string): Promise<boolean> {
  const dir = path.resolve(dataDir);
  const running = await findRunningEmbeddedPostgres(dir);
  if (!running) return false;
  const owner = ownerPid(dir);
  if (owner !== null && owner !== process.pid && isAlive(owner)) return false;
  await shutdownPostmaster(running.pid);
  rmSync(path.join(dir, OWNER_FILE), { force: true });
  return true;
}

/** Records a server this process started and returns its handle; exit hooks cover it from now. */
export function registerRunning(
  dataDir: string,
  pid: number,
  port: number,
  url: string,
): EmbeddedPostgresHandle {
  let stopping: Promise<void> | undefined;
  const ownerFile = path.join(dataDir, OWNER_FILE);
  writeFileSync(ownerFile, `${process.pid}\n`);
  const stop = () => {
    stopping ??= shutdownPostmaster(pid).finally(() => {
      rmSync(ownerFile, { force: true });
      started.delete(pid);
      if (started.size === 0) removeExitHooks();
    });
    return stopping;
  };
  started.set(pid, { dataDir, stop });
  installExitHooks();
  return { url, port, pid, dataDir, stop };
}

function onExit(): void {
  // Only synchronous work is possible here: ask for a fast shutdown and give
  // PostgreSQL a moment, so that a start right after this one finds it gone.
  const servers = [...started].map(([pid, { dataDir }]) => ({ pid, dataDir }));
  for (const { pid } of servers) {
    try {
      process.kill(pid, "SIGINT");
    } catch {
      // Already gone.
    }
  }
  // Done when the process is gone or has removed its postmaster.pid (its last
  // act): without procfs an unreaped child still looks alive here.
  const running = ({ pid, dataDir }: { pid: number; dataDir: string }) => {
    if (!isAlive(pid)) return false;
    try {
      return readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").startsWith(`${pid}\n`);
    } catch {
      return false;
    }
  };
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 5_000;
  while (servers.some(running) && Date.now() < deadline) Atomics.wait(pause, 0, 0, 25);
}

function onSignal(signal: NodeJS.Signals): void {
  // Another listener means the program handles this signal: it owns the
  // shutdown order and calls stop() itself (onExit covers it if it forgets).
  if (process.listenerCount(signal) > 1) return;
  void Promise.all([...started.values()].map((s) => s.stop())).finally(() => {
    process.exit(128 + os.constants.signals[signal]);
  });
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function removeExitHooks(): void {
  if (!hooksInstalled) return;
  hooksInstalled = false;
  process.off("exit", onExit);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}
