/**
 * Shared by the agreement and review-page benchmarks: a throwaway embedded
 * PostgreSQL with every migration applied, and a fast SQL generator for a
 * project of N sentences × M annotators with realistic, imperfect agreement.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../prisma/engine";
import {
  databaseUrl,
  ensureDatabase,
  startEmbeddedPostgres,
} from "../scripts/lib/embedded-postgres";
import { freePort } from "../scripts/lib/ports";

export async function benchDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "sourcelight-bench-"));
  await chmod(dir, 0o755);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, "data"),
    port: await freePort(),
    settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
  });
  await ensureDatabase(server.url, "bench");
  const url = databaseUrl(server.url, "bench");
  await applyMigrations(url);
  return {
    url,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Seeds one project: `documents` documents sharing `sentences` sentences, each
 * annotated by `annotators` annotators. Annotator 0 is the "truth"; the others
 * copy it 80% of the time. Returns the ids the benchmarks need.
 */
export async function seedProject(
  url: string,
  opts: { documents: number; sentences: number; annotators: number },
): Promise<{ projectId: string; slug: string; adminId: string; documentIds: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const slug = `bench-${Date.now()}`;
    const admin = await client.query<{ id: string }>(
      `INSERT INTO "User"(email, name, role, "updatedAt") VALUES ($1, 'Bench admin', 'ADMIN', now()) RETURNING id`,
      [`admin-${slug}@example.org`],
    );
    const adminId = admin.rows[0]?.id ?? "";
    const project = await client.query<{ id: string }>(
      `INSERT INTO "Project"(name, slug, "updatedAt") VALUES ($1, $1, now()) RETURNING id`,
      [slug],
    );
    const projectId = project.rows[0]?.id ?? "";
    await client.query(
      `INSERT INTO "User"(email, name, "updatedAt")
       SELECT 'ann-' || g || '-' || $1 || '@example.org', 'Annotator ' || g, now() FROM generate_series(1, $2) g`,
      [slug, opts.annotators],
    );
    await client.query(
      `INSERT INTO "Membership"("projectId", "userId", role)
       SELECT $1::uuid, id, 'ANNOTATOR' FROM "User" WHERE email LIKE 'ann-%-' || $2 || '@example.org'`,
      [projectId, slug],
    );
    const docs = await client.query<{ id: string }>(
      `INSERT INTO "Document"("projectId", title, text, "contentHash", "segmenterVersion", "updatedAt")
       SELECT $1::uuid, 'Document ' || lpad(g::text, 5, '0'), repeat('A sentence of the report. ', $3), md5(g::text || $4), 1, now()
       FROM generate_series(1, $2) g RETURNING id`,
      [projectId, opts.documents, Math.ceil(opts.sentences / opts.documents), slug],
    );
    const perDoc = Math.ceil(opts.sentences / opts.documents);
    await client.query(
      `INSERT INTO "Sentence"("projectId", "documentId", index, start, "end", text, "textHash", "isBoilerplate")
       SELECT $1::uuid, d.id, i, i * 26, i * 26 + 25, 'A sentence of the report.', md5(i::text), i % 50 = 49
       FROM "Document" d, generate_series(0, $2 - 1) i WHERE d."projectId" = $1`,
      [projectId, perDoc],
    );
    // Labels from a hash of the sentence id, so runs are reproducible without a random generator.
    await client.query(
      `INSERT INTO "Annotation"("projectId", "documentId", "sentenceId", "annotatorId", label, "sourceText", "updatedAt")
       SELECT s."projectId", s."documentId", s.id, m."userId",
              (enum_range(NULL::"Label"))[1 + CASE
                 WHEN abs(hashtext(s.id::text || m."userId"::text)) % 10 < 8 THEN abs(hashtext(s.id::text)) % 4
                 ELSE abs(hashtext(m."userId"::text || s.id::text)) % 4 END],
              'the ministry', now() - (abs(hashtext(s.id::text)) % 60) * interval '1 day'
       FROM "Sentence" s JOIN "Membership" m ON m."projectId" = s."projectId"
       WHERE s."projectId" = $1`,
      [projectId],
    );
    await client.query("ANALYZE");
    return { projectId, slug, adminId, documentIds: docs.rows.map((r) => r.id) };
  } finally {
    await client.end();
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
