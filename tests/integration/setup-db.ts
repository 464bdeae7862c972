/**
 * Setup file of the integration project: every test file gets a fresh
 * database, cloned from the migrated template of global-setup.ts, and
 * DATABASE_URL pointing at it before the test file (and so lib/db) loads.
 * Dropped when the file is done.
 */
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import {
  createDatabaseFromTemplate,
  databaseUrl,
  dropDatabase,
} from "../../scripts/lib/embedded-postgres";

const adminUrl = inject("testDatabaseAdminUrl");
const name = `${inject("testDatabasePrefix")}_${randomBytes(4).toString("hex")}`;

await createDatabaseFromTemplate(adminUrl, name, inject("testDatabaseTemplate"));
process.env.DATABASE_URL = databaseUrl(adminUrl, name);

afterAll(async () => {
  // Close the app's pool if the file used it (lib/db keeps it on globalThis).
  if (Reflect.get(globalThis, "sourcelightDb") !== undefined) {
    const { disconnectDb } = await import("../../lib/db");
    await disconnectDb();
  }
  await dropDatabase(adminUrl, name);
});
