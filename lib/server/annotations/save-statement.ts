import "server-only";
import { namedStatements, sqlPool } from "@/lib/db";
import type { Label, SourceType, SuggestionOutcome } from "@/lib/domain/annotation";
import { PROJECT_ROLES, can, type ProjectAction, type ProjectRole } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import type { Credential } from "../accounts/credentials";

/**
 * The annotation save as one SQL statement: it checks the caller's
 * credentials (token or session, revocation included), project membership and
 * role, that the sentence, the annotation named and the registry source
 * belong to the project, the span, and that the caller has not submitted the
 * document — and writes only when every check passes. The outcome row names
 * each check, so the caller can give exactly the error it would have given
 * checking them one at a time. A save was four or five round trips; this is one.
 */

export type SaveCaller = { kind: "actor"; actor: Actor } | Credential;

export interface SaveValues {
  sentenceId: string;
  annotationId: string | null;
  sourceId: string | null;
  sourceStart: number | null;
  sourceEnd: number | null;
  label: Label;
  sourceText: string | null;
  sourceType: SourceType | null;
  note: string | null;
  unsure: boolean;
  credibility: number | null;
  /** The client sent no credibility: an update keeps the stored one. */
  keepCredibility: boolean;
  suggestion: SuggestionOutcome | null;
  /** The client sent no suggestion outcome: an update keeps the stored one. */
  keepSuggestion: boolean;
  expectedVersion: number;
}

export interface SaveOutcome {
  /** The user the credentials name; null when they are revoked, expired, disabled, signed out or unknown. */
  userId: string | null;
  /** The token's scope; READ_WRITE for sessions and loaded actors. */
  scope: string | null;
  isAdmin: boolean | null;
  projectFound: boolean;
  role: ProjectRole | null;
  sentenceFound: boolean;
  /** The span, when one was sent, lies inside the sentence. */
  spanInside: boolean;
  /** The sentence of the annotation named by annotationId, when it is the caller's own in this project. */
  ownSentenceId: string | null;
  sourceFound: boolean;
  /** The caller's progress on the sentence's document says SUBMITTED. */
  submitted: boolean;
  /** The row as written; null when nothing was written (a check failed, or the version was stale). */
  written: WrittenRow | null;
}

export interface WrittenRow {
  id: string;
  sentenceId: string;
  version: number;
  label: Label;
  sourceText: string | null;
  sourceStart: number | null;
  sourceEnd: number | null;
  sourceId: string | null;
  sourceType: SourceType | null;
  note: string | null;
  unsure: boolean;
  suggestion: SuggestionOutcome | null;
  credibility: number | null;
}

/** Project roles that may do `action` whatever the project's settings; the table stays the one source. */
function rolesThatMay(action: ProjectAction): ProjectRole[] {
  return PROJECT_ROLES.filter((role) =>
    [true, false].every((blindAnnotation) =>
      can({ isAdmin: false, role }, action, { blindAnnotation }),
    ),
  );
}

const ACTION: ProjectAction = "annotation:write-own";
/** Fixed by the permission table: worked out once, not on every save. */
const WRITER_ROLES = rolesThatMay(ACTION);
const ADMIN_MAY_WRITE = can({ isAdmin: true, role: null }, ACTION, { blindAnnotation: true });

const SQL = `
WITH caller AS (
  SELECT u.id AS user_id, CASE WHEN $1 = 'actor' THEN $5::boolean ELSE u.role = 'ADMIN' END AS is_admin,
         NULL::uuid AS token_id, 'READ_WRITE' AS scope, NULL::timestamptz AS last_used
  FROM "User" u
  WHERE $1 IN ('actor', 'session') AND u.id = $2::uuid
    AND ($1 = 'actor' OR (u."disabledAt" IS NULL AND NOT u."isPlaceholder" AND u."sessionVersion" = $4::int))
  UNION ALL
  SELECT u.id, u.role = 'ADMIN', t.id, t.scope::text, t."lastUsedAt"
  FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
  WHERE $1 = 'token' AND t."tokenHash" = $3::text AND t."revokedAt" IS NULL
    AND (t."expiresAt" IS NULL OR t."expiresAt" > now())
    AND u."disabledAt" IS NULL AND NOT u."isPlaceholder"
),
project AS (
  SELECT p.id,
         (SELECT m.role::text FROM "Membership" m WHERE m."projectId" = p.id AND m."userId" = c.user_id) AS role
  FROM "Project" p, caller c
  WHERE p.slug = $6::text
),
sentence AS (
  SELECT s.id, s."documentId", s.start, s."end"
  FROM "Sentence" s, project p
  WHERE s.id = $7::uuid AND s."projectId" = p.id
),
own AS (
  SELECT a."sentenceId"
  FROM "Annotation" a, project p, caller c
  WHERE $8::uuid IS NOT NULL AND a.id = $8::uuid AND a."projectId" = p.id AND a."annotatorId" = c.user_id
),
src AS (
  SELECT r.name, r.type
  FROM "Source" r, project p
  WHERE $9::uuid IS NOT NULL AND r.id = $9::uuid AND r."projectId" = p.id
),
progress AS (
  SELECT d.status
  FROM "DocumentProgress" d, sentence s, caller c
  WHERE d."documentId" = s."documentId" AND d."userId" = c.user_id
),
allowed AS (
  SELECT p.id AS project_id, s."documentId" AS document_id, s.id AS sentence_id, c.user_id
  FROM caller c, project p, sentence s
  WHERE c.scope = 'READ_WRITE'
    AND ((c.is_admin AND $23::boolean) OR p.role = ANY($22::text[]))
    AND ($8::uuid IS NULL OR EXISTS (SELECT 1 FROM own WHERE own."sentenceId" = s.id))
    AND ($10::int IS NULL OR ($10::int >= s.start AND $11::int <= s."end"))
    AND ($9::uuid IS NULL OR EXISTS (SELECT 1 FROM src))
    AND NOT EXISTS (SELECT 1 FROM progress WHERE progress.status = 'SUBMITTED')
),
inserted AS (
  INSERT INTO "Annotation" ("projectId", "documentId", "sentenceId", "annotatorId", "label", "sourceText",
                            "sourceStart", "sourceEnd", "sourceId", "sourceType", "note", "unsure", "credibility",
                            "suggestion", "version", "updatedAt")
  SELECT a.project_id, a.document_id, a.sentence_id, a.user_id, $12::"Label",
         COALESCE($13::text, (SELECT name FROM src)), $10::int, $11::int, $9::uuid,
         COALESCE($14::"SourceType", (SELECT type FROM src)), $15::text, $16::boolean, $17::int,
         $19::"SuggestionOutcome", 1, now()
  FROM allowed a
  WHERE $21::int = 0
  ON CONFLICT ("sentenceId", "annotatorId") DO NOTHING
  RETURNING "id", "sentenceId", "version", "label", "sourceText", "sourceStart", "sourceEnd", "sourceId",
            "sourceType", "note", "unsure", "suggestion", "credibility"
),
updated AS (
  UPDATE "Annotation" t
  SET "label" = $12::"Label", "sourceText" = COALESCE($13::text, (SELECT name FROM src)),
      "sourceStart" = $10::int, "sourceEnd" = $11::int, "sourceId" = $9::uuid,
      "sourceType" = COALESCE($14::"SourceType", (SELECT type FROM src)), "note" = $15::text,
      "unsure" = $16::boolean,
      "credibility" = CASE WHEN $18::boolean THEN t."credibility" ELSE $17::int END,
      "suggestion" = CASE WHEN $20::boolean THEN t."suggestion" ELSE $19::"SuggestionOutcome" END,
      "version" = t."version" + 1, "updatedAt" = now()
  FROM allowed a
  WHERE $21::int <> 0 AND t."sentenceId" = a.sentence_id AND t."annotatorId" = a.user_id
    AND t."version" = $21::int
  RETURNING t."id", t."sentenceId", t."version", t."label", t."sourceText", t."sourceStart", t."sourceEnd",
            t."sourceId", t."sourceType", t."note", t."unsure", t."suggestion", t."credibility"
),
-- Recording every use of a token would turn each request into a write; once a minute shows activity.
touched AS (
  UPDATE "ApiToken" t SET "lastUsedAt" = now()
  FROM caller c
  WHERE t.id = c.token_id AND (c.last_used IS NULL OR c.last_used < now() - interval '1 minute')
)
SELECT c.user_id AS "userId", c.scope, c.is_admin AS "isAdmin",
       p.id IS NOT NULL AS "projectFound", p.role,
       s.id IS NOT NULL AS "sentenceFound",
       COALESCE($10::int >= s.start AND $11::int <= s."end", true) AS "spanInside",
       (SELECT "sentenceId" FROM own) AS "ownSentenceId",
       EXISTS (SELECT 1 FROM src) AS "sourceFound",
       EXISTS (SELECT 1 FROM progress WHERE progress.status = 'SUBMITTED') AS submitted,
       w."id", w."sentenceId", w."version", w."label", w."sourceText", w."sourceStart", w."sourceEnd",
       w."sourceId", w."sourceType", w."note", w."unsure", w."suggestion", w."credibility"
FROM (SELECT 1) one
LEFT JOIN caller c ON true
LEFT JOIN project p ON true
LEFT JOIN sentence s ON true
LEFT JOIN (SELECT * FROM inserted UNION ALL SELECT * FROM updated) w ON true`;

type OutcomeRow = Omit<SaveOutcome, "written" | "role"> & { role: string | null } & {
  [K in keyof WrittenRow]: WrittenRow[K] | null;
};

/** Runs the save statement; see the module comment. */
export async function runSaveStatement(
  caller: SaveCaller,
  projectSlug: string,
  v: SaveValues,
): Promise<SaveOutcome> {
  const params = [
    caller.kind,
    caller.kind === "actor"
      ? caller.actor.id
      : caller.kind === "session"
        ? caller.claims.userId
        : null,
    caller.kind === "token" ? caller.tokenHash : null,
    caller.kind === "session" ? caller.claims.sessionVersion : null,
    caller.kind === "actor" ? caller.actor.isAdmin : null,
    projectSlug,
    v.sentenceId,
    v.annotationId,
    v.sourceId,
    v.sourceStart,
    v.sourceEnd,
    v.label,
    v.sourceText,
    v.sourceType,
    v.note,
    v.unsure,
    v.credibility,
    v.keepCredibility,
    v.suggestion,
    v.keepSuggestion,
    v.expectedVersion,
    WRITER_ROLES,
    ADMIN_MAY_WRITE,
  ];
  // Named, so each pooled connection parses and plans it once rather than on every save.
  const { rows } = await sqlPool().query<OutcomeRow>({
    ...(namedStatements() ? { name: "annotation-save" } : {}),
    text: SQL,
    values: params,
  });
  const row = rows[0];
  if (!row) throw new Error("The save statement returned no outcome row.");
  return {
    userId: row.userId,
    scope: row.scope,
    isAdmin: row.isAdmin,
    projectFound: row.projectFound,
    role: PROJECT_ROLES.find((r) => r === row.role) ?? null,
    sentenceFound: row.sentenceFound,
    spanInside: row.spanInside,
    ownSentenceId: row.ownSentenceId,
    sourceFound: row.sourceFound,
    submitted: row.submitted,
    written: writtenRow(row),
  };
}

function writtenRow(row: OutcomeRow): WrittenRow | null {
  const { id, sentenceId, version, label, unsure } = row;
  if (id === null || sentenceId === null || version === null || label === null || unsure === null)
    return null;
  return {
    id,
    sentenceId,
    version,
    label,
    sourceText: row.sourceText,
    sourceStart: row.sourceStart,
    sourceEnd: row.sourceEnd,
    sourceId: row.sourceId,
    sourceType: row.sourceType,
    note: row.note,
    unsure,
    suggestion: row.suggestion,
    credibility: row.credibility,
  };
}
