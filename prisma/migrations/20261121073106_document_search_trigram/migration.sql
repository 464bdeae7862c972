-- pg_trgm ships with PostgreSQL (and the embedded binaries) and is a trusted
-- extension, so the database owner may create it without superuser rights.
-- Not declared in schema.prisma: that needs Prisma's postgresqlExtensions
-- preview feature, and the drift check ignores extensions without it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Document_title_trgm_idx" ON "Document" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Document_text_trgm_idx" ON "Document" USING GIN ("text" gin_trgm_ops);
