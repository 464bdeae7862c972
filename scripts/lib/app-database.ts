/**
 * The database `npm start` runs on: DATABASE_URL, checked for reachability,
 * or the embedded PostgreSQL, which this process starts and owns (a second
 * `npm start` on the same data directory is refused, not joined).
 */
import path from "node:path";
import { applyMigrations } from "../../prisma/engine";
import { UserFacingError } from "./cli";
import { embeddedDataDir, resolveDatabase } from "./database";
import { findRunningEmbeddedPostgres, stopOrphanedPostgres } from "./embedded-postgres";
import { isAlive } from "./embedded-postgres/processes";
import { migrationUrl } from "./migration-url";

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  /** Where Sourcelight keeps local state (the embedded data, a generated secret). */
  dataDir: string;
  migrate(): Promise<string[]>;
  seed(): Promise<{ created: boolean; documents: number }>;
  /**
   * Calls `onLost` once if the embedded PostgreSQL this process started dies (kill -9, the
   * OOM killer) rather than being stopped by close(). An own DATABASE_URL is not watched:
   * its outages are answered with 503 and the app reconnects when it is back.
   */
  onServerLost(onLost: () => void): void;
  close(): Promise<void>;
}

export async function openDatabase(
  options: { log?: (line: string) => void } = {},
): Promise<OpenDatabase> {
  const pgDir = embeddedDataDir();
  if (!process.env.DATABASE_URL && (await stopOrphanedPostgres(pgDir))) {
    console.log(
      "Stopped the PostgreSQL that a previous Sourcelight left running when it did not shut down.",
    );
  }
  if (!process.env.DATABASE_URL && (await findRunningEmbeddedPostgres(pgDir))) {
    throw new UserFacingError(
      `The data directory ${path.relative(process.cwd(), pgDir) || pgDir} is in use by another running Sourcelight (npm start). Stop that one first, or give this one its own SOURCELIGHT_DATA_DIR.`,
    );
  }
  const database = await resolveDatabase(options);
  let closing = false;
  let watch: NodeJS.Timeout | undefined;
  return {
    url: database.url,
    embedded: database.mode !== "external",
    dataDir: path.dirname(pgDir),
    migrate: () => applyMigrations(migrationUrl(database.url)),
    seed: () => seedOn(database.url),
    onServerLost(onLost) {
      const pid = database.serverPid;
      if (pid === undefined) return;
      watch = setInterval(() => {
        if (closing || isAlive(pid)) return;
        clearInterval(watch);
        onLost();
      }, 500);
      watch.unref();
    },
    close: () => {
      closing = true;
      clearInterval(watch);
      return database.close();
    },
  };
}

/** Imports the sample project into an empty database (see lib/server/documents/seed.ts). */
export async function seedOn(url: string): Promise<{ created: boolean; documents: number }> {
  process.env.DATABASE_URL = url;
  // Imported only now: lib/db reads DATABASE_URL when first used.
  const { seedSampleProject } = await import("../../lib/server/documents/seed");
  const { disconnectDb } = await import("../../lib/db");
  try {
    return await seedSampleProject();
  } finally {
    await disconnectDb();
  }
}
