/**
 * Which database a CLI command works on: DATABASE_URL when set (nothing is
 * started), else the embedded PostgreSQL under `.data/postgres` — reused when
 * `npm start` already runs it, started for the command otherwise.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import {
  DatabaseStartError,
  databaseUrl,
  ensureDatabase,
  findRunningEmbeddedPostgres,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from "./embedded-postgres";

/** The database is there but cannot be reached; the message names host and port, never the password. */
export class DatabaseUnreachableError extends DatabaseStartError {
  override name = "DatabaseUnreachableError";
}

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * 5432 is where a system PostgreSQL usually listens; 5433 is the customary
 * port of a second server, so the embedded one does not collide with it.
 * PGPORT overrides it.
 */
export const DEFAULT_EMBEDDED_PORT = 5433;

/** The application's database on the embedded server. */
export const EMBEDDED_DATABASE_NAME = "sourcelight";

/** `$SOURCELIGHT_DATA_DIR/postgres`, by default `.data/postgres` in the project. */
export function embeddedDataDir(): string {
  const base = process.env.SOURCELIGHT_DATA_DIR || path.join(PROJECT_ROOT, ".data");
  return path.resolve(base, "postgres");
}

/** PGPORT, or the default; throws a user-facing error for anything but a port number. */
export function embeddedPort(): number {
  const value = process.env.PGPORT;
  if (value === undefined || value === "") return DEFAULT_EMBEDDED_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new DatabaseStartError(
      `PGPORT must be a port number between 1 and 65535, not "${value}".`,
    );
  }
  return port;
}

export interface ResolvedDatabase {
  /** URL of the application database. */
  url: string;
  /** "external": DATABASE_URL; "embedded-running": a server started by another process; "embedded-started": by this call. */
  mode: "external" | "embedded-running" | "embedded-started";
  /** Superuser URL of the embedded server (embedded modes only). */
  adminUrl?: string;
  /** The postmaster's pid when this call started the embedded server. */
  serverPid?: number;
  /** Stops the embedded server when this call started it; otherwise does nothing. */
  close(): Promise<void>;
}

export interface ResolveDatabaseOptions {
  /** PostgreSQL's log lines when the embedded server is started here. */
  log?: (line: string) => void;
}

export async function resolveDatabase(
  options: ResolveDatabaseOptions = {},
): Promise<ResolvedDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    await checkDatabaseReachable(external);
    return { url: external, mode: "external", close: async () => {} };
  }

  const dataDir = embeddedDataDir();
  const running = await findRunningEmbeddedPostgres(dataDir);
  let handle: EmbeddedPostgresHandle | undefined;
  let adminUrl: string;
  if (running) {
    adminUrl = running.url;
  } else {
    handle = await startEmbeddedPostgres({ dataDir, port: embeddedPort(), log: options.log });
    adminUrl = handle.url;
  }
  try {
    await ensureDatabase(adminUrl, EMBEDDED_DATABASE_NAME);
  } catch (error) {
    await handle?.stop();
    throw error;
  }
  const started = handle;
  return {
    url: databaseUrl(adminUrl, EMBEDDED_DATABASE_NAME),
    mode: started ? "embedded-started" : "embedded-running",
    adminUrl,
    serverPid: started?.pid,
    close: async () => {
      await started?.stop();
    },
  };
}

/** Runs `fn` on the resolved database, then stops the embedded server if it was started for it. */
export async function withDatabase<T>(
  fn: (url: string) => Promise<T>,
  options: ResolveDatabaseOptions = {},
): Promise<T> {
  const database = await resolveDatabase(options);
  try {
    return await fn(database.url);
  } finally {
    await database.close();
  }
}

/**
 * Connects once and runs `SELECT 1`. On failure throws DatabaseUnreachableError
 * naming host, port, database and user (never the password) and what to do.
 */
export async function checkDatabaseReachable(
  url: string,
  variable = "DATABASE_URL",
): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUnreachableError(
      `${variable} is not a valid URL; expected postgresql://user:password@host:5432/database.`,
    );
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new DatabaseUnreachableError(
      `${variable} must start with postgresql:// (it starts with ${parsed.protocol}//).`,
    );
  }
  const host = decodeURIComponent(parsed.hostname) || "localhost";
  const port = parsed.port || "5432";
  const user = decodeURIComponent(parsed.username) || "(default user)";
  const database = decodeURIComponent(parsed.pathname.slice(1)) || user;

  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A failed connection can also be reported as an 'error' event.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const reason = describeConnectionError(error, { host, port, user, database });
    throw new DatabaseUnreachableError(
      `Cannot reach the PostgreSQL of ${variable} at ${host}:${port} (database "${database}", user "${user}"): ${reason}.\n` +
        `Check that PostgreSQL runs there and that ${variable} is right — or unset ${variable} to use the embedded PostgreSQL.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

function describeConnectionError(
  error: unknown,
  where: { host: string; port: string; user: string; database: string },
): string {
  const code =
    typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case "ECONNREFUSED":
      return "nothing accepts connections on that port (is the server running?)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `the host name "${where.host}" cannot be resolved`;
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "the host does not answer";
    case "28P01":
    case "28000":
      return `the server refused the credentials of user "${where.user}"`;
    case "3D000":
      return `database "${where.database}" does not exist; create it first (createdb ${where.database})`;
    default:
      if (/timeout/i.test(message)) return "no answer within 10 seconds";
      return message;
  }
}
