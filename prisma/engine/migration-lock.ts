/**
 * The lock that serialises migrations: two instances starting at once on one database
 * migrate one after the other. Prisma's schema engine takes it with
 * `SELECT pg_advisory_lock(72707369)` and never releases it, relying on its connection
 * closing; through a pooler in transaction mode that connection is a pooled server
 * connection that stays open, so the lock stayed held and every later migration waited
 * for it without end. We take the same lock ourselves, on a connection of our own, wait
 * for it with a limit and a message, release it explicitly afterwards, and let the
 * engine's own statement pass as a no-op (adapter.ts).
 */
import pg from "pg";
import { MigrationError } from "./migration-error";

/** The key Prisma's engines lock on (the CLI's too), so our lock and theirs exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;
const ENGINE_LOCK_STATEMENT = new RegExp(
  `^\\s*SELECT\\s+pg_advisory_lock\\(\\s*${MIGRATION_LOCK_KEY}\\s*\\)\\s*;?\\s*$`,
  "i",
);

/** True for the engine's own lock statement, which is redundant while we hold the lock. */
export function isEngineLockStatement(sql: string): boolean {
  return ENGINE_LOCK_STATEMENT.test(sql);
}

export interface LockOptions {
  /** How long to wait for another migration to finish; MIGRATION_LOCK_TIMEOUT_MS or 5 minutes. */
  timeoutMs?: number;
  /** Told once when another migration holds the lock. */
  onWait?: (message: string) => void;
}

export async function withMigrationLock<T>(
  url: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? (Number(process.env.MIGRATION_LOCK_TIMEOUT_MS) || 300_000);
  const client = new pg.Client({ connectionString: url });
  // A connection dropped by the server surfaces on the next query; unhandled it would crash.
  client.on("error", () => {});
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    let told = false;
    for (;;) {
      const result = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_lock($1) AS locked",
        [MIGRATION_LOCK_KEY],
      );
      if (result.rows[0]?.locked) break;
      if (Date.now() > deadline) {
        throw new MigrationError(
          `Another session has held the migration lock (pg_advisory_lock(${MIGRATION_LOCK_KEY})) for over ${Math.round(timeoutMs / 1000)} seconds. ` +
            "If no other instance is migrating, a connection left it behind — typically a migration through PgBouncer in transaction mode: " +
            "set DIRECT_DATABASE_URL to a connection straight to PostgreSQL for migrations, and end the holder: " +
            `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = ${MIGRATION_LOCK_KEY};`,
        );
      }
      if (!told) {
        told = true;
        options.onWait?.(
          "Another instance is migrating this database; waiting for it to finish (migrations run one at a time)…",
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    try {
      return await fn();
    } finally {
      await client
        .query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY])
        .catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => {});
  }
}
