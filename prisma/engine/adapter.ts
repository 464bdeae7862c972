/**
 * The driver adapter factory handed to the schema engine: @prisma/adapter-pg
 * over pg pools, with the "char" shim (char-type-shim.ts) and whole-script
 * execution. Remembers the last error our own code threw, because the engine
 * only passes it on as an opaque "GenericJs" id.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { restoreCharColumns, withCatalogTypes, wrapTransaction } from "./char-type-shim";
import { MigrationError } from "./migration-error";
import { isEngineLockStatement } from "./migration-lock";
import { ShadowDatabases } from "./shadow-database";

/**
 * Opens pg pools for the engine: one on the database of `url`, and for
 * commands that replay migrations, a temporary shadow database on the same
 * server (created here, dropped afterwards). Runs migration scripts whole, as
 * the native engine does (one multi-statement query, so one implicit
 * transaction), where the pg adapter would split them at every semicolon.
 */
export class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  lastJsError: Error | undefined;
  private readonly pools = new Set<pg.Pool>();
  private readonly shadows: ShadowDatabases;

  constructor(
    private readonly url: string,
    private readonly lockHeld = false,
  ) {
    this.shadows = new ShadowDatabases(url);
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.open(this.url, async () => {});
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    let shadow: { name: string; url: string };
    try {
      shadow = await this.shadows.create();
    } catch (error) {
      if (error instanceof MigrationError) this.lastJsError = error;
      throw error;
    }
    return this.open(shadow.url, () => this.shadows.drop(shadow.name));
  }

  /** Ends every pool and drops every shadow database, whatever the engine disposed of. */
  async close(): Promise<void> {
    await Promise.all([...this.pools].map((pool) => this.endPool(pool)));
    await this.shadows.dropAll();
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
      // migration-lock.ts holds the engine's lock already, on a connection that releases it.
      executeRaw: async (query) =>
        this.lockHeld && isEngineLockStatement(query.sql) ? 1 : inner.executeRaw(query),
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
      // As a DriverAdapterError the engine reports PostgreSQL's own message
      // and code, as the native engine would.
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
}
