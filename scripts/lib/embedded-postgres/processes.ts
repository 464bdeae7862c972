/**
 * PostgreSQL server processes by pid: whether one is alive and serving a given
 * data directory, and stopping it with escalating signals. A pid from
 * postmaster.pid is not trusted on its own: after a crash or a reboot it may
 * name a dead process or somebody else's.
 */
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import { errorCode } from "./errors";

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (errorCode(error) !== "EPERM") return false;
  }
  // An exited child that has not been reaped yet still answers kill(0).
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

/**
 * Alive, a postgres, and serving `dataDir` (a postmaster's working directory is
 * its data directory): after a reboot the pid may belong to anything else.
 */
export async function isPostmasterOf(pid: number, dataDir: string): Promise<boolean> {
  if (!isAlive(pid)) return false;
  let comm: string;
  try {
    comm = (await fs.readFile(`/proc/${pid}/comm`, "utf8")).trim();
  } catch {
    // No procfs (macOS): trust the liveness check.
    return true;
  }
  if (comm !== "postgres" && comm !== "postmaster") return false;
  try {
    const [cwd, dir] = await Promise.all([fs.readlink(`/proc/${pid}/cwd`), fs.realpath(dataDir)]);
    return cwd === dir;
  } catch {
    // Not ours to inspect (another user's process): the name has to do.
    return true;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

/** Fast shutdown; escalates to immediate shutdown, then SIGKILL, if it hangs. */
export async function shutdownPostmaster(pid: number): Promise<void> {
  for (const [signal, waitMs] of [
    ["SIGINT", 30_000],
    ["SIGQUIT", 5_000],
    ["SIGKILL", 5_000],
  ] as const) {
    if (!isAlive(pid)) return;
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitForExit(pid, waitMs)) return;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
