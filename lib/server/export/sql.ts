import "server-only";
import { EXPORT_SELECT_LIST } from "./rows";

/**
 * The export's rows, flat: one per annotation (one per sentence without any),
 * in document, sentence and annotator order, so the rows of a sentence arrive
 * together and are grouped as they stream past. $1 project, $2 document ids or
 * null, $3 include boilerplate, $4 adjudicated only. The SELECT list is written
 * from the column table in ./rows.ts, which also decodes the rows.
 */
const ROW_SOURCES = `
FROM "Document" d
JOIN "Sentence" s ON s."documentId" = d.id AND s."projectId" = $1
LEFT JOIN "Adjudication" adj ON adj."sentenceId" = s.id AND adj."projectId" = $1
LEFT JOIN "Source" asrc ON asrc.id = adj."sourceId"
LEFT JOIN "User" rev ON rev.id = adj."reviewerId"
LEFT JOIN "Annotation" a ON a."sentenceId" = s.id AND a."projectId" = $1
LEFT JOIN "User" u ON u.id = a."annotatorId"
LEFT JOIN "Source" src ON src.id = a."sourceId"
LEFT JOIN settled agr ON agr."sourceId" = asrc.id
LEFT JOIN "User" agrrev ON agrrev.id = agr."reviewerId"
LEFT JOIN settled sgr ON sgr."sourceId" = src.id
LEFT JOIN "User" sgrrev ON sgrrev.id = sgr."reviewerId"
LEFT JOIN "SourceGrade" ag ON ag."sourceId" = a."sourceId" AND ag."annotatorId" = a."annotatorId"`;

/**
 * Each registry source's settled grade: its latest assessment. The registry is
 * small next to the rows, so this is computed once per query and hash-joined.
 */
const SETTLED_GRADES = `
WITH settled AS (
  SELECT DISTINCT ON (sa."sourceId") sa."sourceId", sa.grade, sa.rationale, sa."reviewerId", sa."createdAt"
  FROM "SourceAssessment" sa
  WHERE sa."projectId" = $1
  ORDER BY sa."sourceId", sa."createdAt" DESC, sa.id DESC
)`;

const ROW_FILTERS = `
  AND ($3::boolean OR NOT s."isBoilerplate")
  AND (NOT $4::boolean OR (adj.status = 'RESOLVED' AND adj.label IS NOT NULL))`;

/** Every exported row of a project in export order, as one query: the benchmark's COPY reference. */
export const EXPORT_ROWS_SQL = `${SETTLED_GRADES}
SELECT ${EXPORT_SELECT_LIST}${ROW_SOURCES}
WHERE d."projectId" = $1
  AND ($2::uuid[] IS NULL OR d.id = ANY($2::uuid[]))${ROW_FILTERS}
ORDER BY d."createdAt", d.id, s.index, u.email, a.id`;

/**
 * The documents of an export in export order: import order (createdAt), then
 * id, the same on every run. `astral` says whether the text has characters
 * beyond the BMP, where UTF-16 and code-point offsets part. $1 project, $2
 * document ids or null.
 */
export const EXPORT_DOCUMENTS_SQL = `
SELECT id, text ~ '[\\U00010000-\\U0010FFFF]' AS astral FROM "Document"
WHERE "projectId" = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
ORDER BY "createdAt", id`;

/** The texts of a chunk's documents, read once per chunk rather than repeated on each of their rows. */
export const DOCUMENT_TEXTS_SQL =
  'SELECT id, text FROM "Document" WHERE id = ANY($1::uuid[]) AND "projectId" = $2';

/** Counts for the estimate, under the same filters and parameters as EXPORT_ROWS_SQL. */
export const ESTIMATE_SQL = `SELECT count(DISTINCT d.id) AS documents, count(*) AS sentences,
            coalesce(sum((SELECT count(*) FROM "Annotation" a WHERE a."sentenceId" = s.id AND a."projectId" = $1)), 0)::bigint AS annotations,
            coalesce(sum(length(s.text)), 0)::bigint AS chars,
            coalesce(sum(CASE WHEN s.index = 0 THEN length(d.text) ELSE 0 END), 0)::bigint AS doc_chars
     FROM "Document" d
     JOIN "Sentence" s ON s."documentId" = d.id AND s."projectId" = $1
     LEFT JOIN "Adjudication" adj ON adj."sentenceId" = s.id AND adj."projectId" = $1
     WHERE d."projectId" = $1 AND ($2::uuid[] IS NULL OR d.id = ANY($2::uuid[]))${ROW_FILTERS}`;

export interface EstimateRow {
  documents: bigint;
  sentences: bigint;
  annotations: bigint;
  chars: bigint;
  doc_chars: bigint;
}
