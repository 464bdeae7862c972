-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "looseHash" TEXT;

-- Existing documents get the key new imports compute in lib/domain/ingest/near-duplicates.ts
-- (looseTextKey): every run of the same whitespace set collapsed to one space, none at either
-- end, hashed as sha256 hex of the UTF-8 bytes. tests/integration/near-duplicates.test.ts
-- checks this statement against the TypeScript.
UPDATE "Document" SET "looseHash" = encode(sha256(convert_to(btrim(regexp_replace("text", '[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+', ' ', 'g'), ' '), 'UTF8')), 'hex');

-- CreateIndex
CREATE INDEX "Document_projectId_looseHash_idx" ON "Document"("projectId", "looseHash");
