/**
 * Temporary shadow databases, on the server of the target database, for the
 * commands that replay the migrations (the diffs behind `db:new` and the drift
 * test). The WASM engine cannot create one itself through an adapter, so they
 * are made here the way the native engine names them, and every one created is
 * dropped again, whatever the engine disposed of.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { MigrationError } from "./migration-error";

export class ShadowDatabases {
  private readonly names = new Set<string>();

  /** `url`: the target database; its credentials must be allowed to CREATE DATABASE. */
  constructor(private readonly url: string) {}

  /** Creates one; throws a MigrationError saying which privilege is missing. */
  async create(): Promise<{ name: string; url: string }> {
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    try {
      await this.admin(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (error) {
      throw new MigrationError(
        `This needs a temporary shadow database, and the server refused to create one: ${error instanceof Error ? error.message : String(error)}. ` +
          "The database user needs the CREATEDB privilege.",
      );
    }
    this.names.add(name);
    const url = new URL(this.url);
    url.pathname = `/${encodeURIComponent(name)}`;
    return { name, url: url.toString() };
  }

  /** Drops one created here; a second call for the same name does nothing. */
  async drop(name: string): Promise<void> {
    if (!this.names.delete(name)) return;
    // FORCE: a connection the engine left open must not keep the database alive.
    await this.admin(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  }

  async dropAll(): Promise<void> {
    for (const name of [...this.names]) await this.drop(name);
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

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
