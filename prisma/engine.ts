/**
 * Migrations through Prisma's schema engine, WASM build, over the pg driver
 * adapter: what `prisma migrate deploy` / `migrate dev --create-only` do with
 * the native engine, which cannot be downloaded here. Inputs are built the way
 * the Prisma CLI builds them, so `_prisma_migrations` and the migration files
 * are interchangeable with the CLI's.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import * as runtime from "@prisma/schema-engine-wasm/schema_engine_bg";
import type {
  MigrationDirectory,
  MigrationList,
  SchemaEngine,
  SchemaFilter,
  SchemasContainer,
} from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

/** A migration could not be created or applied; the message is the engine's, for the user. */
export class MigrationError extends Error {
  override name = "MigrationError";
}

const PRISMA_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
const LOCKFILE = "migration_lock.toml";
const MIGRATION_FILE = "migration.sql";
// prisma.config.ts has no external tables or enums.
const FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

export interface EngineOptions {
  schemaPath?: string;
  migrationsDir?: string;
  /** The engine's own log lines (JSON), for debugging. */
  log?: (line: string) => void;
}

/** Applies the unapplied migrations, as `prisma migrate deploy`. Returns the names applied. */
export async function applyMigrations(url: string, options: EngineOptions = {}): Promise<string[]> {
  const migrationsList = await listMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  try {
    return await withEngine(url, options, async (engine) => {
      const result = await engine.applyMigrations({ migrationsList, filters: FILTERS });
      return result.appliedMigrationNames;
    });
  } catch (error) {
    if (!(error instanceof MigrationError) || crashed) throw error;
    const failed = await failedMigration(url);
    if (!failed) throw error;
    throw new MigrationError(
      `Migration ${failed} failed to apply: ${error.message}\n\n` +
        "None of its statements stayed applied (a migration runs as one transaction). Once it is fixed: " +
        "on a development database, `npm run db:reset`; elsewhere mark the attempt rolled back, " +
        `as \`prisma migrate resolve --rolled-back\` would: UPDATE _prisma_migrations SET rolled_back_at = now() ` +
        `WHERE migration_name = '${failed}' AND finished_at IS NULL; then migrate again.`,
    );
  }
}

/** The migration whose last attempt failed (recorded, never finished), if any. */
async function failedMigration(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const result = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL " +
        "ORDER BY started_at DESC LIMIT 1",
    );
    return result.rows[0]?.migration_name ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

export type CreateMigrationResult =
  { created: false } | { created: true; name: string; directory: string; sql: string };

/**
 * Writes the next migration, `<timestamp>_<name>/migration.sql`, from the
 * difference between the existing migrations (replayed on a temporary shadow
 * database on the server of `url`) and schema.prisma — what `prisma migrate
 * dev --create-only` writes. (The WASM engine's own createMigration cannot get
 * a PostgreSQL shadow database from an adapter; its diff can.) Writes nothing
 * when there is no difference.
 */
export async function createMigration(
  url: string,
  name: string,
  options: EngineOptions = {},
): Promise<CreateMigrationResult> {
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const migrationsList = withLockfile(await listMigrations(migrationsDir));
  const script = await withEngine(url, options, async (engine, schema) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      exitCode: null,
      filters: FILTERS,
    });
    return result.stdout ?? "";
  });
  if (normaliseScript(script) === "") return { created: false };

  const last = migrationsList.migrationDirectories.at(-1)?.path;
  const generatedName = `${migrationTimestamp(new Date(), last)}_${name}`;
  const directory = path.join(migrationsDir, generatedName);
  await mkdir(migrationsDir, { recursive: true });
  try {
    await mkdir(directory);
  } catch (error) {
    throw new MigrationError(
      `Could not create the migration directory ${directory}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  await writeFile(path.join(directory, MIGRATION_FILE), script, "utf8");
  await writeFile(path.join(migrationsDir, LOCKFILE), lockfileContent("postgresql"), "utf8");
  return { created: true, name: generatedName, directory, sql: script };
}

/**
 * Prisma's prefix, UTC `YYYYMMDDHHMMSS`; one second past the last migration's
 * when the clock says otherwise, so that the new one always sorts last.
 */
function migrationTimestamp(now: Date, lastMigration: string | undefined): string {
  const format = (d: Date) => d.toISOString().replace(/\D/g, "").slice(0, 14);
  const previous = /^(\d{14})_/.exec(lastMigration ?? "")?.[1];
  const candidate = format(now);
  if (!previous || candidate > previous) return candidate;
  const p = previous;
  const parsed = Date.UTC(
    +p.slice(0, 4),
    +p.slice(4, 6) - 1,
    +p.slice(6, 8),
    +p.slice(8, 10),
    +p.slice(10, 12),
    +p.slice(12, 14),
  );
  return format(new Date(parsed + 1000));
}

/**
 * The SQL that would take a database built from the migrations to
 * schema.prisma; an empty string when they agree (no drift).
 */
export async function diffMigrationsToSchema(
  url: string,
  options: EngineOptions = {},
): Promise<string> {
  const migrationsList = withLockfile(
    await listMigrations(options.migrationsDir ?? MIGRATIONS_DIR),
  );
  return withEngine(url, options, async (engine, schema) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      exitCode: null,
      filters: FILTERS,
    });
    return normaliseScript(result.stdout);
  });
}

/**
 * The SQL that would take the live database of `url` to schema.prisma; an
 * empty string when they agree.
 */
export async function diffDatabaseToSchema(
  url: string,
  options: EngineOptions = {},
): Promise<string> {
  return withEngine(url, options, async (engine, schema) => {
    const result = await engine.diff({
      from: { tag: "schemaDatasource", ...schema, configDir: PRISMA_DIR },
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      exitCode: null,
      filters: FILTERS,
    });
    return normaliseScript(result.stdout);
  });
}

/** Drops and recreates the `public` schema: every table, type and `_prisma_migrations` are gone. */
export async function resetDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  } finally {
    await client.end();
  }
}

/** The migrations directory as the Prisma CLI reads it (same shape, same order). */
export async function listMigrations(
  migrationsDir: string,
  shadowDbInitScript = "",
): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lockfile = {
    path: LOCKFILE,
    content: await readFile(path.join(baseDir, LOCKFILE), "utf8").catch(() => null),
  };
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories: MigrationDirectory[] = [];
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const content = await readFile(path.join(baseDir, entry.name, MIGRATION_FILE), "utf8").then(
      (value) => ({ tag: "ok" as const, value }),
      (error: unknown) => ({
        tag: "error" as const,
        value: error instanceof Error ? error.message : String(error),
      }),
    );
    migrationDirectories.push({
      path: entry.name,
      migrationFile: { path: MIGRATION_FILE, content },
    });
  }
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return { baseDir, lockfile, shadowDbInitScript, migrationDirectories };
}

/**
 * The engine names the connector from the lockfile; before the first migration
 * there is none yet (the CLI is in the same position in `migrate dev`).
 */
function withLockfile(list: MigrationList): MigrationList {
  if (list.lockfile.content !== null) return list;
  return { ...list, lockfile: { ...list.lockfile, content: lockfileContent("postgresql") } };
}

function lockfileContent(provider: string): string {
  return `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`;
}

function normaliseScript(stdout: string | null): string {
  const script = (stdout ?? "").trim();
  return script === "" || script === "-- This is an empty migration." ? "" : script;
}

// ---------------------------------------------------------------------------
// Engine

let runtimeReady: Promise<typeof runtime> | undefined;

declare global {
  // wasm-bindgen glue reports a Rust panic here before the wasm traps.
  var PRISMA_WASM_PANIC_REGISTRY: { set_message(message: string): void } | undefined;
}

let lastPanic: string | undefined;
// After a panic the wasm instance is unusable, and the wasm-bindgen glue
// cannot be pointed at a fresh one: later commands in this process must fail.
let crashed: string | undefined;

function installPanicRegistry(): void {
  const previous = globalThis.PRISMA_WASM_PANIC_REGISTRY;
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message: string) {
      lastPanic = message;
      previous?.set_message(message);
    },
  };
}

/**
 * The package's default entry imports the .wasm as an ES module, which Node
 * cannot do: instantiate it beside its wasm-bindgen glue instead.
 */
function loadRuntime(): Promise<typeof runtime> {
  if (crashed) {
    return Promise.reject(
      new MigrationError(`Prisma's schema engine crashed earlier in this process: ${crashed}`),
    );
  }
  runtimeReady ??= (async () => {
    installPanicRegistry();
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmModule = await WebAssembly.compile(
      await readFile(gluePath.replace(/\.js$/, ".wasm")),
    );
    const glue: WebAssembly.ModuleImports = {};
    for (const [name, value] of Object.entries(runtime)) {
      if (typeof value === "function") glue[name] = value;
    }
    // The engine races its advisory lock against a 10 s setTimeout that it
    // never clears; unref it, or every command would linger for 10 s.
    for (const name of Object.keys(glue).filter((n) => n.startsWith("__wbg_setTimeout_"))) {
      glue[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
    const imports: WebAssembly.Imports = {};
    for (const { module } of WebAssembly.Module.imports(wasmModule)) imports[module] = glue;
    const instance = await WebAssembly.instantiate(wasmModule, imports);
    runtime.__wbg_set_wasm(instance.exports);
    const start = instance.exports["__wbindgen_start"];
    if (typeof start !== "function")
      throw new Error("schema engine: __wbindgen_start is missing from the wasm");
    start();
    return runtime;
  })();
  return runtimeReady;
}

async function withEngine<T>(
  url: string,
  options: EngineOptions,
  fn: (engine: SchemaEngine, schema: SchemasContainer) => Promise<T>,
): Promise<T> {
  const wasm = await loadRuntime();
  const schemaPath = path.resolve(options.schemaPath ?? SCHEMA_PATH);
  const content = await readFile(schemaPath, "utf8");
  const factory = new MigrationAdapterFactory(url);
  const log = options.log;
  const crash = watchForPanic();
  let engine: SchemaEngine | undefined;
  try {
    const run = async () => {
      engine = await wasm.SchemaEngine.new(
        { datamodels: [[schemaPath, content]] },
        (line: string) => log?.(line),
        bindMigrationAwareSqlAdapterFactory(factory),
      );
      return fn(engine, { files: [{ path: schemaPath, content }] });
    };
    return await Promise.race([run(), crash.promise]);
  } catch (error) {
    throw toMigrationError(error, factory);
  } finally {
    crash.dispose();
    if (!crashed) engine?.free();
    await factory.close();
  }
}

/**
 * A Rust panic traps inside a callback the engine scheduled, so it surfaces
 * as an uncaught exception rather than as a rejection: turn it into one while
 * an engine command runs.
 */
function watchForPanic(): { promise: Promise<never>; dispose(): void } {
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<never>((_, r) => {
    reject = r;
  });
  const listener = (error: Error) => {
    if (error instanceof WebAssembly.RuntimeError) {
      reject(error);
      return;
    }
    // Not ours: leave it to the process's other handlers, or to Node's
    // default (print and exit) when there are none.
    if (process.listenerCount("uncaughtException") > 1) return;
    process.off("uncaughtException", listener);
    process.nextTick(() => {
      throw error;
    });
  };
  process.on("uncaughtException", listener);
  return { promise, dispose: () => process.off("uncaughtException", listener) };
}

function toMigrationError(error: unknown, factory: MigrationAdapterFactory): Error {
  if (error instanceof MigrationError) return error;
  if (error instanceof WebAssembly.RuntimeError) {
    crashed = lastPanic ?? error.message;
    return new MigrationError(`Prisma's schema engine crashed: ${crashed}`);
  }
  // Errors thrown by our adapter code reach the engine as "GenericJs" with an
  // id; show the original instead.
  const original = factory.lastJsError;
  // The engine appends a Rust span trace ("   0: schema_engine_wasm::…"): not for users.
  const message =
    (error instanceof Error ? error.message : String(error))
      .split(/\n\s*0: /)[0]
      ?.replace(/^external connector error\n/, "")
      .trim() ?? "";
  if (original && /GenericJs/.test(message)) {
    return original instanceof MigrationError ? original : new MigrationError(original.message);
  }
  return new MigrationError(message);
}

/**
 * Opens pg pools for the engine: one on the database of `url`, and for
 * commands that replay migrations, a temporary shadow database on the same
 * server (created here, dropped afterwards). Runs migration scripts whole, as
 * the native engine does (one multi-statement query, so one implicit
 * transaction), where the pg adapter would split them at every semicolon.
 */
class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  lastJsError: Error | undefined;
  private readonly pools = new Set<pg.Pool>();
  private readonly shadowDatabases = new Set<string>();

  constructor(private readonly url: string) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.open(this.url, async () => {});
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    try {
      await this.admin(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (error) {
      this.lastJsError = new MigrationError(
        `This needs a temporary shadow database, and the server refused to create one: ${error instanceof Error ? error.message : String(error)}. ` +
          "The database user needs the CREATEDB privilege.",
      );
      throw this.lastJsError;
    }
    this.shadowDatabases.add(name);
    const url = new URL(this.url);
    url.pathname = `/${encodeURIComponent(name)}`;
    return this.open(url.toString(), () => this.dropShadow(name));
  }

  /** Ends every pool and drops every shadow database, whatever the engine disposed of. */
  async close(): Promise<void> {
    await Promise.all([...this.pools].map((pool) => this.endPool(pool)));
    for (const name of [...this.shadowDatabases]) await this.dropShadow(name);
  }

  private async open(url: string, afterDispose: () => Promise<void>): Promise<SqlDriverAdapter> {
    const pool = new pg.Pool({ connectionString: url });
    // An idle connection dropped by the server must not crash the process.
    pool.on("error", () => {});
    this.pools.add(pool);
    const inner = await new PrismaPg(withCatalogTypes(pool)).connect();
    let disposed = false;
    const adapter: SqlDriverAdapter = {
      provider: inner.provider,
      adapterName: inner.adapterName,
      queryRaw: async (query) => restoreCharColumns(await inner.queryRaw(query)),
      executeRaw: (query) => inner.executeRaw(query),
      startTransaction: async (isolationLevel) =>
        wrapTransaction(await inner.startTransaction(isolationLevel)),
      executeScript: (script) => this.executeScript(pool, script),
      dispose: async () => {
        if (disposed) return;
        disposed = true;
        await inner.dispose();
        await this.endPool(pool);
        await afterDispose();
      },
    };
    const connectionInfo = inner.getConnectionInfo?.bind(inner);
    if (connectionInfo) adapter.getConnectionInfo = () => connectionInfo();
    return adapter;
  }

  private async executeScript(pool: pg.Pool, script: string): Promise<void> {
    try {
      await pool.query(script);
    } catch (error) {
      if (error instanceof pg.DatabaseError) {
        throw new DriverAdapterError({
          kind: "postgres",
          code: error.code ?? "",
          severity: error.severity ?? "ERROR",
          message: error.message,
          detail: error.detail,
          column: error.column,
          hint: error.hint,
        });
      }
      this.lastJsError = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
  }

  private async endPool(pool: pg.Pool): Promise<void> {
    if (!this.pools.delete(pool)) return;
    await pool.end().catch(() => {});
  }

  private async dropShadow(name: string): Promise<void> {
    if (!this.shadowDatabases.delete(name)) return;
    await this.admin(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  }

  private async admin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

/**
 * The schema engine's catalog queries return PostgreSQL's internal "char" type
 * (OID 18: pg_class.relkind, pg_constraint.contype…) and read those columns as
 * characters, but adapter-pg maps no column type to OID 18 and rejects the
 * whole result. So: below the adapter, columns of OID 18 are relabelled as text
 * (pg returns their values as strings anyway) and remembered by their rows
 * array, which the adapter passes through; above it, restoreCharColumns types
 * them as Character again. The pool is wrapped in a proxy, which adapter-pg
 * still takes for a pg.Pool, and so are the clients it hands out.
 */
function withCatalogTypes<T extends pg.Pool | pg.PoolClient>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== "function") return value;
      if (property === "query") {
        return (...args: unknown[]) => {
          const result: unknown = Reflect.apply(value, object, args);
          return result instanceof Promise ? result.then(relabelCharColumns) : result;
        };
      }
      if (property === "connect" && object instanceof pg.Pool) {
        return (...args: unknown[]) => {
          const result: unknown = Reflect.apply(value, object, args);
          return result instanceof Promise
            ? result.then((client: pg.PoolClient) => withCatalogTypes(client))
            : result;
        };
      }
      return value.bind(object);
    },
  });
}

const CHAR_OID = 18;
const TEXT_OID = 25;
const charColumnsByRows = new WeakMap<object, number[]>();

function relabelCharColumns<R>(result: R): R {
  const results: unknown[] = Array.isArray(result) ? result : [result];
  for (const one of results) {
    if (!(one instanceof pg.Result)) continue;
    const columns: number[] = [];
    one.fields.forEach((field, index) => {
      if (field.dataTypeID !== CHAR_OID) return;
      field.dataTypeID = TEXT_OID;
      columns.push(index);
    });
    if (columns.length) charColumnsByRows.set(one.rows, columns);
  }
  return result;
}

function restoreCharColumns(resultSet: SqlResultSet): SqlResultSet {
  const columns = charColumnsByRows.get(resultSet.rows);
  if (!columns) return resultSet;
  const columnTypes = [...resultSet.columnTypes];
  for (const index of columns) columnTypes[index] = ColumnTypeEnum.Character;
  return { ...resultSet, columnTypes };
}

function wrapTransaction(transaction: Transaction): Transaction {
  const wrapped: Transaction = {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: async (query) => restoreCharColumns(await transaction.queryRaw(query)),
    executeRaw: (query) => transaction.executeRaw(query),
    commit: () => transaction.commit(),
    rollback: () => transaction.rollback(),
  };
  const { createSavepoint, rollbackToSavepoint, releaseSavepoint } = transaction;
  if (createSavepoint) wrapped.createSavepoint = (name) => createSavepoint.call(transaction, name);
  if (rollbackToSavepoint)
    wrapped.rollbackToSavepoint = (name) => rollbackToSavepoint.call(transaction, name);
  if (releaseSavepoint)
    wrapped.releaseSavepoint = (name) => releaseSavepoint.call(transaction, name);
  return wrapped;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
