/**
 * What a CLI command (`npm run user`, `import`, `export`, `db:seed`) does about migrations
 * before it works: the embedded database is this installation's own and is brought up to
 * date; an own DATABASE_URL is never migrated behind the operator's back (a command on a
 * shared server, or through a pooler, must not take the migration lock by surprise) — a
 * database that is behind is refused with the command that fixes it.
 *
 * The check is one query (prisma/engine/pending.ts); the schema engine is loaded only when
 * the embedded database has something to apply.
 */
import { pendingMigrations } from "../../prisma/engine/pending";
import { UserFacingError } from "./cli";
import type { ResolvedDatabase } from "./database";

/** Returns the migrations applied (none on an up-to-date database). */
export async function prepareForCommand(database: ResolvedDatabase): Promise<string[]> {
  const pending = await pendingMigrations(database.url);
  if (pending.length === 0) return [];
  if (database.mode !== "external") {
    const { applyMigrations } = await import("../../prisma/engine");
    return applyMigrations(database.url);
  }
  const count = `${pending.length} migration${pending.length === 1 ? "" : "s"}`;
  throw new UserFacingError(
    `The database of DATABASE_URL is behind this version of Sourcelight: ${count} not applied yet (${pending.join(", ")}).\n` +
      "Apply them first with: npm run db:migrate (through a pooler, set DIRECT_DATABASE_URL to a direct connection).",
  );
}
