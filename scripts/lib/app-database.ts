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

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  /** Where Sourcelight keeps local state (the embedded data, a generated secret). */
  dataDir: string;
  migrate(): Promise<string[]>;
  seed(): Promise<{ created: boolean; documents: number }>;
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
  return {
    url: database.url,
    embedded: database.mode !== "external",
    dataDir: path.dirname(pgDir),
    migrate: () => applyMigrations(database.url),
    seed: () => seedOn(database.url),
    close: () => database.close(),
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
