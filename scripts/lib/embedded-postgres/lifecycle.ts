/**
 * Starting the embedded server: every check that turns a confusing PostgreSQL
 * failure into a clear message runs before the server is spawned, and a server
 * that started but cannot be used is stopped again.
 */
import net from "node:net";
import path from "node:path";
import { adminUrl, checkConnection, SUPERUSER } from "./admin";
import {
  initialise,
  inspectDataDir,
  PASSWORD_FILE,
  readPassword,
  readPostmasterPid,
  removeStalePidFile,
} from "./data-dir";
import {
  DatabaseStartError,
  errorCode,
  inUseError,
  portBusyError,
  RESET_HINT,
  startFailure,
} from "./errors";
import { LogTail } from "./log-tail";
import {
  assertReachableByPostgresUser,
  EmbeddedPostgres,
  ensureNativeLibraries,
  isRoot,
} from "./package";
import {
  findRunningEmbeddedPostgres,
  killLeftover,
  registerRunning,
  type EmbeddedPostgresHandle,
} from "./servers";

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
  assertReachableByPostgresUser(dataDir);

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

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
