import "server-only";
import { DOCUMENT_COLUMNS, DOCUMENT_SELECT_LIST, EXPORT_SELECT_LIST } from "./rows";

/**
 * The export's rows, flat: one per annotation (one per sentence without any),
 * in document, sentence and annotator order, so the rows of a sentence arrive
 * together and are grouped as they stream past. The SELECT list is written
 * from the column table in ./rows.ts, which also decodes the rows. These are
 * the joins after document `d` and sentence `s`.
 */
const ROW_JOINS = `
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

const ROW_ORDER = `
ORDER BY d."createdAt", d.id, s.index, u.email, a.id`;

/** The document's own columns after its id, as the flat rows of EXPORT_ROWS_SQL repeat them. */
const DOCUMENT_DETAILS = Object.entries(DOCUMENT_COLUMNS)
  .filter(([name]) => name !== "id")
  .map(([name, column]) => `${column.sql} AS "${name}"`)
  .join(",\n  ");

/**
 * Every exported row of a project in export order, as one query, each row
 * carrying all it says, its document's columns too (last): the benchmark's
 * COPY reference. The export itself reads chunks (EXPORT_CHUNK_SQL) and each
 * document's columns once (DOCUMENT_SQL). $1 project, $2 document ids or null,
 * $3 include boilerplate, $4 adjudicated only.
 */
export const EXPORT_ROWS_SQL = `${SETTLED_GRADES}
SELECT ${EXPORT_SELECT_LIST},
  ${DOCUMENT_DETAILS}
FROM "Document" d
JOIN "Sentence" s ON s."documentId" = d.id AND s."projectId" = $1${ROW_JOINS}
WHERE d."projectId" = $1
  AND ($2::uuid[] IS NULL OR d.id = ANY($2::uuid[]))${ROW_FILTERS}${ROW_ORDER}`;

/**
 * The same rows for one chunk of the export: sentence index ranges of
 * documents, $2 the documents, $5 and $6 each range's first and last index
 * (in export order; a long document is cut into several ranges). A chunk is
 * answered from the (document, index), sentence and annotation indexes and
 * sorted in memory, so its cost follows its own size, not the project's.
 * $1, $3 and $4 as above.
 */
export const EXPORT_CHUNK_SQL = `${SETTLED_GRADES}
SELECT ${EXPORT_SELECT_LIST}
FROM unnest($2::uuid[], $5::int[], $6::int[]) AS r("documentId", lo, hi)
JOIN "Document" d ON d.id = r."documentId" AND d."projectId" = $1
JOIN "Sentence" s ON s."documentId" = d.id AND s."projectId" = $1 AND s.index BETWEEN r.lo AND r.hi${ROW_JOINS}
WHERE TRUE${ROW_FILTERS}${ROW_ORDER}`;

/**
 * The documents of an export in export order: import order (createdAt), then
 * id, the same on every run. `astral` says whether the text has characters
 * beyond the BMP, where UTF-16 and code-point offsets part; `span` is one
 * past the last sentence index, to cut the export into chunks (from the
 * unique (document, index) index: counting annotations here cost a second
 * before the first byte at a million rows). $1 project, $2 document ids or
 * null.
 */
export const EXPORT_DOCUMENTS_SQL = `
SELECT d.id, d.text ~ '[\\U00010000-\\U0010FFFF]' AS astral,
       (SELECT coalesce(max(s.index) + 1, 0) FROM "Sentence" s WHERE s."documentId" = d.id)::int AS span
FROM "Document" d
WHERE d."projectId" = $1 AND ($2::uuid[] IS NULL OR d.id = ANY($2::uuid[]))
ORDER BY d."createdAt", d.id`;

/**
 * The documents a chunk starts, with the texts of those in $3 (the others'
 * are not needed): read once per document rather than repeated on each of its
 * rows. The text is the last column, after DOCUMENT_COLUMNS.
 */
export const DOCUMENT_SQL = `SELECT ${DOCUMENT_SELECT_LIST},
  CASE WHEN d.id = ANY($3::uuid[]) THEN d.text END AS text
FROM "Document" d WHERE d.id = ANY($1::uuid[]) AND d."projectId" = $2`;

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
