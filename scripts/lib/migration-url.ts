/**
 * Where migrations run. Behind a pooler in transaction mode (PgBouncer) a session-level
 * advisory lock — the one Prisma's schema engine takes so that two instances starting at
 * once migrate one after the other — stays on whichever server connection ran it. So
 * migrations use DIRECT_DATABASE_URL, a connection straight to PostgreSQL, when it is set
 * (Prisma's own name for it), and DATABASE_URL otherwise.
 */
export function migrationUrl(databaseUrl: string): string {
  const direct = process.env.DIRECT_DATABASE_URL;
  // The embedded server has no pooler in front; DIRECT_DATABASE_URL belongs to DATABASE_URL.
  if (!direct || !process.env.DATABASE_URL) return databaseUrl;
  return direct;
}
