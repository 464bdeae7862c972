/**
 * The data directory: PostgreSQL's own files (PG_VERSION, postmaster.pid…)
 * plus `sourcelight.password`, the superuser password generated on first use.
 * Initialised atomically, checked for damage before a start, and cleaned of
 * the postmaster.pid a crash leaves behind.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { SUPERUSER } from "./admin";
import { DatabaseStartError, RESET_HINT, errorCode, inUseError } from "./errors";
import type { LogTail } from "./log-tail";
import { EmbeddedPostgres, isRoot } from "./package";
import { isPostmasterOf } from "./processes";

export const PASSWORD_FILE = "sourcelight.password";

export type DataDirState =
  { kind: "empty" } | { kind: "ready" } | { kind: "corrupt"; reason: string };

/** Empty (or missing) data is initialised; data without its essentials is not started. */
export async function inspectDataDir(dataDir: string): Promise<DataDirState> {
  let entries: string[];
  try {
    entries = await fs.readdir(dataDir);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return { kind: "empty" };
    if (errorCode(error) === "ENOTDIR")
      return { kind: "corrupt", reason: `${dataDir} is not a directory` };
    throw error;
  }
  if (entries.length === 0) return { kind: "empty" };
  if (!entries.includes("PG_VERSION")) return { kind: "corrupt", reason: "PG_VERSION is missing" };
  if (!entries.includes(PASSWORD_FILE))
    return { kind: "corrupt", reason: `${PASSWORD_FILE} is missing` };
  return { kind: "ready" };
}

/**
 * initdb into a sibling staging directory, then rename: an interrupted first
 * start leaves no half-initialised data directory behind.
 */
export async function initialise(dataDir: string, logs: LogTail): Promise<void> {
  const staging = `${dataDir}.initialising`;
  await fs.rm(staging, { recursive: true, force: true });
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const password = randomBytes(24).toString("base64url");
  const init = new EmbeddedPostgres({
    databaseDir: staging,
    user: SUPERUSER,
    password,
    authMethod: "scram-sha-256",
    createPostgresUser: isRoot(),
    // The builtin C.UTF-8 locale sorts and compares the same on every machine
    // and does not depend on the locales the OS happens to have.
    initdbFlags: [
      "--encoding=UTF8",
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--locale=C",
    ],
    onLog: (message) => logs.push(message),
    onError: (error) => logs.push(error instanceof Error ? error.message : String(error)),
  });
  try {
    await init.initialise();
    await fs.writeFile(path.join(staging, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
    await fs.rmdir(dataDir).catch((error: unknown) => {
      if (errorCode(error) !== "ENOENT") throw error;
    });
    await fs.rename(staging, dataDir);
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    const detail = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartError(
      `Could not initialise the embedded PostgreSQL in ${dataDir}: ${detail}` +
        (isRoot()
          ? `\nRunning as root, PostgreSQL runs as the "postgres" user: every directory above ${dataDir} must be searchable by it.`
          : "") +
        logs.formatTail(),
    );
  }
}

export async function readPassword(dataDir: string): Promise<string> {
  try {
    const password = (await fs.readFile(path.join(dataDir, PASSWORD_FILE), "utf8")).trim();
    if (password) return password;
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw error;
  }
  throw new DatabaseStartError(
    `The embedded PostgreSQL data in ${dataDir} is damaged (${PASSWORD_FILE} is missing or empty). ${RESET_HINT}`,
  );
}

export interface PostmasterPid {
  pid: number;
  port: number;
  /** "starting", "stopping", "ready", "standby", or "" on old servers. */
  status: string;
}

/** postmaster.pid: line 1 pid, 2 data dir, 3 start time, 4 port, …, 8 status. */
export async function readPostmasterPid(dataDir: string): Promise<PostmasterPid | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR") return null;
    throw error;
  }
  const lines = text.split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, port, status: (lines[7] ?? "").trim() };
}

/** After a crash (kill -9, power loss) postmaster.pid names a process that is gone: remove it. */
export async function removeStalePidFile(dataDir: string): Promise<void> {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return;
  const info = await readPostmasterPid(dataDir);
  if (info && (await isPostmasterOf(info.pid, dataDir)))
    throw inUseError(dataDir, info.pid, info.port);
  await fs.rm(file, { force: true });
}
