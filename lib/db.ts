import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

/**
 * The one Prisma client of the process, created on first use (so that
 * `next build` can import modules without a database) and kept on globalThis
 * so that Next's dev server, which re-evaluates modules on every change, does
 * not open a new pool each time.
 */
const globalForDb = globalThis as unknown as { sourcelightDb?: PrismaClient };

function client(): PrismaClient {
  if (!globalForDb.sourcelightDb) {
    const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 });
    globalForDb.sourcelightDb = new PrismaClient({ adapter });
  }
  return globalForDb.sourcelightDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const target = client();
    const value: unknown = Reflect.get(target, property, target);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

/** Closes the pool; for CLI commands and tests that must exit cleanly. */
export async function disconnectDb(): Promise<void> {
  const existing = globalForDb.sourcelightDb;
  globalForDb.sourcelightDb = undefined;
  await existing?.$disconnect();
}

export type Db = PrismaClient;
export { Prisma } from "./generated/prisma/client";
