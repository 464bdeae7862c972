import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

/**
 * The one connection pool of the process and the Prisma client on top of it,
 * created on first use (so that `next build` can import modules without a
 * database) and kept on globalThis so that Next's dev server, which
 * re-evaluates modules on every change, does not open a new pool each time.
 */
interface Connections {
  pool: pg.Pool;
  prisma: PrismaClient;
}
const globalForDb = globalThis as unknown as { sourcelightDb?: Connections };

/** A non-negative whole number of milliseconds from the environment, or the default. */
function millis(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (value === undefined || value === "") return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) {
    throw new Error(`${variable} must be a whole number of milliseconds, not "${value}".`);
  }
  return ms;
}

/**
 * Limits that turn a stalled or absent database into a quick, clear 503
 * (lib/server/ops/database-outage.ts) instead of requests that wait without
 * end. The connection timeout also bounds the wait for a free pooled
 * connection. The statement timeout is sent as a startup parameter; a pooler
 * that refuses those (PgBouncer without `ignore_startup_parameters`) runs with
 * DATABASE_STATEMENT_TIMEOUT_MS=0 and the timeout set on the role instead
 * (README "Poolers").
 */
export function poolSettings(): pg.PoolConfig {
  const statementTimeout = millis("DATABASE_STATEMENT_TIMEOUT_MS", 30_000);
  return {
    connectionString: env().DATABASE_URL,
    max: 10,
    connectionTimeoutMillis: millis("DATABASE_CONNECT_TIMEOUT_MS", 5_000),
    ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
  };
}

/**
 * Whether hot statements may be named (prepared once per connection). Off with
 * DATABASE_PREPARED_STATEMENTS=off, for a pooler that does not track prepared
 * statements (PgBouncer before 1.21, or without `max_prepared_statements`).
 */
export function namedStatements(): boolean {
  return process.env.DATABASE_PREPARED_STATEMENTS !== "off";
}

function connections(): Connections {
  if (!globalForDb.sourcelightDb) {
    const pool = new pg.Pool(poolSettings());
    // An idle connection dropped by the server (a restart, an administrator)
    // is replaced on next use; unhandled, the event would end the process.
    // Once the pool is being closed (disconnectDb), a connection still shutting
    // down when a CLI then stops its embedded PostgreSQL is no news to report.
    pool.on("error", (error) => {
      if (globalForDb.sourcelightDb?.pool !== pool) return;
      console.error(`A database connection was lost: ${error.message}`);
    });
    // The pool is ours to end (disconnectDb), also when Prisma never connected.
    const prisma = new PrismaClient({
      adapter: new PrismaPg(pool, { disposeExternalPool: false }),
    });
    globalForDb.sourcelightDb = { pool, prisma };
  }
  return globalForDb.sourcelightDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const target = connections().prisma;
    const value: unknown = Reflect.get(target, property, target);
    if (typeof value !== "function") return value;
    const bound: unknown = value.bind(target);
    return bound;
  },
});

/**
 * The pg pool under Prisma, for the few bulk statements where Prisma's own
 * per-query work is the bottleneck (storing imported documents). Same
 * connections, same limit; everything else goes through `db`.
 */
export function sqlPool(): pg.Pool {
  return connections().pool;
}

/**
 * Pays the query engine's one-time start-up (its WASM compiler and data model,
 * built on the first model query) now. A CLI command calls it before its
 * work: inside an interactive transaction that start-up counts against the
 * transaction's 5 s timeout, which concurrent commands on a busy machine
 * overran (P2028).
 */
export async function warmUpDb(): Promise<void> {
  await connections().prisma.user.findFirst({ select: { id: true } });
}

/** Closes the client and its pool; for CLI commands and tests that must exit cleanly. */
export async function disconnectDb(): Promise<void> {
  const existing = globalForDb.sourcelightDb;
  globalForDb.sourcelightDb = undefined;
  if (!existing) return;
  await existing.prisma.$disconnect();
  await existing.pool.end();
}

export type Db = PrismaClient;
export { Prisma } from "./generated/prisma/client";
