/**
 * Databases on a running server, through its superuser URL: naming, creating
 * (plain or from a template, as the tests clone theirs) and dropping them.
 */
import pg from "pg";

export const SUPERUSER = "postgres";

/** The superuser URL of the `postgres` database on the embedded server at `port`. */
export function adminUrl(password: string, port: number): string {
  return `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** The URL of database `name` on the server of `adminUrl` (same credentials). */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** CREATE DATABASE `name` unless it exists. Returns whether it was created. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  return withClient(adminUrl, async (client) => {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (existing.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      return true;
    } catch (error) {
      // Another process created it between our check and our CREATE.
      if (error instanceof pg.DatabaseError && (error.code === "42P04" || error.code === "23505"))
        return false;
      throw error;
    }
  });
}

/** CREATE DATABASE `name` as a copy of `template`. */
export async function createDatabaseFromTemplate(
  adminUrl: string,
  name: string,
  template: string,
): Promise<void> {
  await withClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`),
  );
}

/** DROP DATABASE IF EXISTS, disconnecting whoever is still connected. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  );
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Connects and runs one query: whether the server takes our credentials. */
export async function checkConnection(url: string): Promise<void> {
  await withClient(url, (client) => client.query("SELECT 1"));
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
