import "server-only";
import { z } from "zod";
import {
  mergeSourcesSchema,
  saveAnnotationSchema,
  sourceInputSchema,
} from "@/lib/domain/annotation";
import type { ApiOperation } from "@/lib/domain/api/openapi";
import { RESPONSES } from "@/lib/domain/api/responses";
import { exportOptionsInput, exportOptionsSchema } from "@/lib/domain/export";
import { assignmentChangeSchema } from "@/lib/domain/workflow/assignments";
import { addMemberSchema, changeMemberSchema, projectSettingsSchema } from "@/lib/domain/projects";
import { documentMetadataSchema } from "../documents/edit";
import { importUrlSchema } from "../documents/import";
import { documentListApiQuerySchema } from "../documents/store";
import { adjudicationInputSchema } from "../review/adjudications";
import { agreementFiltersSchema, filterParams } from "../review/agreement";
import { commentInputSchema } from "../review/comments";
import { ownGradeSchema, settleGradeSchema } from "../sources/grades";
import { registryParams, registryQuerySchema } from "../sources/list";
import { registryExportFormatSchema } from "../sources/registry-file";

/**
 * Every route under app/api, described: one entry per method and path, each
 * naming the zod schema its lib/server function parses. Adding a route means
 * adding its entry here (tests/unit/openapi.test.ts fails otherwise).
 */
const P = "/api/projects/{slug}";
const EXAMPLE_ID = "3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f";
const OTHER_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

// A version travels in the query of a DELETE; the lib/server schema then checks it as an integer.
const versionQuery = (name: string) =>
  z.object({
    [name]: z
      .string()
      .regex(/^\d+$/, `${name} must be a whole number.`)
      .describe("The version you last saw."),
  });

export const API_OPERATIONS: readonly ApiOperation[] = [
  // ---------------------------------------------------------------- meta
  {
    method: "get",
    path: "/api/health",
    tag: "Meta",
    summary: "Health check",
    access: "anyone",
    scope: "none",
    success: {
      status: 200,
      schema: RESPONSES.health,
      description: "The server and its database answer.",
    },
    errors: { 503: "The database does not answer." },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    tag: "Meta",
    summary: "This description (OpenAPI 3.1)",
    access: "anyone",
    scope: "none",
    success: {
      status: 200,
      schema: RESPONSES.openapi,
      description: "The OpenAPI document.",
    },
  },
  {
    method: "get",
    path: "/api/docs",
    tag: "Meta",
    summary: "This description as a readable page",
    access: "anyone",
    scope: "none",
    success: { status: 200, description: "HTML.", file: "text/html" },
  },
  {
    method: "get",
    path: "/api/me",
    tag: "Account",
    summary: "Who the token belongs to",
    access: "any signed-in user",
    scope: "read",
    success: {
      status: 200,
      schema: RESPONSES.me,
      description: "`{ user: { id, email, name, isAdmin } }`.",
    },
  },
  // ---------------------------------------------------------------- projects
  {
    method: "get",
    path: "/api/projects",
    tag: "Projects",
    summary: "List the caller's projects",
    access: "any signed-in user (administrators see every active project)",
    scope: "read",
    paginated: true,
    success: {
      status: 200,
      schema: RESPONSES.projects,
      description: "`{ projects: [{ id, slug, name, description, role, documentCount }] }`.",
    },
  },
  {
    method: "post",
    path: "/api/projects",
    tag: "Projects",
    summary: "Create a project",
    description: "The creator becomes its first owner.",
    access: "administrators (project:create)",
    scope: "write",
    body: {
      kind: "json",
      schema: projectSettingsSchema,
      example: {
        name: "Sahel 2024",
        slug: "sahel-2024",
        description: "Wire reports on the Sahel, 2024",
        guidelines: "Tag every sentence.",
        blindAnnotation: true,
        annotatorsPerDocument: 2,
      },
    },
    success: {
      status: 201,
      schema: RESPONSES.projectCreated,
      description: "`{ project: { id, slug } }`.",
    },
    errors: { 409: "Another project already uses this slug." },
  },
  {
    method: "get",
    path: P,
    tag: "Projects",
    summary: "Read a project's settings",
    access: "members (project:read)",
    scope: "read",
    success: {
      status: 200,
      schema: RESPONSES.project,
      description: "`{ project: { id, slug, name, guidelines, blindAnnotation, …, role } }`.",
    },
  },
  {
    method: "put",
    path: P,
    tag: "Projects",
    summary: "Replace a project's settings",
    description:
      "Every setting is sent, as the settings form does; `assistantEnabled` and `sideOptions` left out keep their values.",
    access: "owners (project:manage)",
    scope: "write",
    body: {
      kind: "json",
      schema: projectSettingsSchema,
      example: {
        name: "Sahel 2024",
        slug: "sahel-2024",
        blindAnnotation: false,
        annotatorsPerDocument: 3,
      },
    },
    success: {
      status: 200,
      schema: RESPONSES.project,
      description: "`{ project }` as GET returns it.",
    },
    errors: { 409: "Another project already uses this slug." },
  },
  // ---------------------------------------------------------------- members
  {
    method: "get",
    path: `${P}/members`,
    tag: "Members",
    summary: "List members",
    access: "owners (members:manage)",
    scope: "read",
    paginated: true,
    success: {
      status: 200,
      schema: RESPONSES.members,
      description: "`{ members: [{ userId, name, email, role, disabled }] }`.",
    },
  },
  {
    method: "post",
    path: `${P}/members`,
    tag: "Members",
    summary: "Add an existing account",
    access: "owners (members:manage)",
    scope: "write",
    body: {
      kind: "json",
      schema: addMemberSchema,
      example: { email: "ana@example.org", role: "ANNOTATOR" },
    },
    success: {
      status: 201,
      schema: RESPONSES.member,
      description: "`{ member }`.",
    },
    errors: { 409: "Already a member." },
  },
  {
    method: "patch",
    path: `${P}/members/{userId}`,
    tag: "Members",
    summary: "Change a member's role",
    access: "owners (members:manage)",
    scope: "write",
    body: { kind: "json", schema: changeMemberSchema, example: { role: "REVIEWER" } },
    success: {
      status: 200,
      schema: RESPONSES.memberRole,
      description: "`{ member: { userId, role } }`.",
    },
    errors: { 409: "The project would have no owner left." },
  },
  {
    method: "delete",
    path: `${P}/members/{userId}`,
    tag: "Members",
    summary: "Remove a member",
    description: "Their annotations stay.",
    access: "owners (members:manage)",
    scope: "write",
    success: {
      status: 200,
      schema: RESPONSES.memberRemoved,
      description: "`{ removed: { userId } }`.",
    },
    errors: { 409: "The project would have no owner left." },
  },
  // ---------------------------------------------------------------- documents
  {
    method: "get",
    path: `${P}/documents`,
    tag: "Documents",
    summary: "List documents, with the project page's search, status filter and sort",
    description:
      'In a blind project an annotator\'s `submitted`/`status` are about their own work only (`scope: "own"`).',
    access: "members (document:read)",
    scope: "read",
    paginated: true,
    query: {
      schema: documentListApiQuerySchema,
      example: "q=ministry&status=in_progress&sort=title&page=1&pageSize=20",
    },
    success: {
      status: 200,
      schema: RESPONSES.documents,
      description:
        "`{ documents: [{ id, title, publisher, publishedAt, sentenceCount, submitted, required, status }] }`.",
    },
  },
  {
    method: "post",
    path: `${P}/documents`,
    tag: "Documents",
    summary: "Import one file",
    access: "owners (document:import)",
    scope: "write",
    body: {
      kind: "multipart",
      description:
        "One `file`: plain text, Markdown, HTML, or a dataset (JSONL/CSV/Sourcelight export), at most 5 MB.",
    },
    success: {
      status: 201,
      schema: RESPONSES.fileResult,
      description: "`{ fileName, ok, documents: [{ id, title, … }], errors }`.",
    },
    errors: {
      413: "The file is over 5 MB.",
      422: "Nothing could be imported; `errors` lists why (and `error`).",
    },
  },
  {
    method: "get",
    path: `${P}/documents/{id}`,
    tag: "Documents",
    summary: "Read a document with its sentences",
    access: "members (document:read)",
    scope: "read",
    etag: true,
    success: {
      status: 200,
      schema: RESPONSES.document,
      description:
        "`{ document: { id, title, byline, publisher, publishedAt, sourceUrl, createdAt, sentences: [{ id, index, start, end, text, isBoilerplate }] } }`.",
    },
  },
  {
    method: "put",
    path: `${P}/documents/{id}`,
    tag: "Documents",
    summary: "Correct a document's details",
    description: 'Every field is sent; "" clears it. The text never changes.',
    access: "owners (document:edit)",
    scope: "write",
    body: {
      kind: "json",
      schema: documentMetadataSchema,
      example: {
        title: "Ministry denies report",
        byline: "",
        publisher: "Reuters",
        publishedAt: "2024-05-01",
        sourceUrl: "https://example.org/a",
      },
    },
    success: {
      status: 200,
      schema: RESPONSES.documentDetails,
      description: "`{ document }` without its sentences.",
    },
  },
  {
    method: "delete",
    path: `${P}/documents/{id}`,
    tag: "Documents",
    summary: "Delete a document",
    description: "With its sentences, annotations, gold labels and comments.",
    access: "owners (document:edit)",
    scope: "write",
    success: {
      status: 200,
      schema: RESPONSES.documentDeleted,
      description: "`{ deleted: { id } }`.",
    },
  },
  {
    method: "get",
    path: `${P}/documents/{id}/suggestions`,
    tag: "Documents",
    summary: "The attribution assistant's suggestions",
    access: "members (document:read)",
    scope: "read",
    success: {
      status: 200,
      schema: RESPONSES.suggestions,
      description: "Cues, sources and labels per sentence.",
    },
    errors: { 409: "The project has the assistant turned off." },
  },
  // ---------------------------------------------------------------- annotations
  {
    method: "get",
    path: `${P}/documents/{id}/annotations/me`,
    tag: "Annotations",
    summary: "The caller's own annotations of a document",
    access: "members (document:read)",
    scope: "read",
    etag: true,
    success: {
      status: 200,
      schema: RESPONSES.ownAnnotations,
      description:
        "`{ documentId, annotations: [{ id, sentenceId, version, fields }], progress }`.",
    },
  },
  {
    method: "get",
    path: `${P}/documents/{id}/annotations`,
    tag: "Annotations",
    summary: "Every annotator's answers and the gold label, per sentence",
    access: "owners, reviewers, and annotators of open projects (annotation:read-all)",
    scope: "read",
    etag: true,
    success: {
      status: 200,
      schema: RESPONSES.documentAnnotations,
      description: "`{ document, identityDisplay, annotators, sentences }`.",
    },
  },
  {
    method: "put",
    path: `${P}/annotations`,
    tag: "Annotations",
    summary: "Save the caller's annotation of one sentence",
    description: "`expectedVersion` is the version you last saw (0: there is none yet).",
    access: "owners and annotators (annotation:write-own)",
    scope: "write",
    body: {
      kind: "json",
      schema: saveAnnotationSchema,
      example: {
        sentenceId: EXAMPLE_ID,
        label: "SOURCED_FACT",
        sourceText: "the ministry",
        sourceType: "OFFICIAL_BODY",
        expectedVersion: 0,
      },
    },
    success: {
      status: 200,
      schema: RESPONSES.annotation,
      description: "`{ annotation: { id, sentenceId, version, fields } }`.",
    },
    errors: { 409: "Changed elsewhere; `current` holds the server's value." },
  },
  {
    method: "delete",
    path: `${P}/annotations/{id}`,
    tag: "Annotations",
    summary: "Clear the caller's annotation",
    access: "owners and annotators (annotation:write-own)",
    scope: "write",
    query: {
      schema: versionQuery("expectedVersion"),
      example: "expectedVersion=2",
    },
    success: {
      status: 200,
      schema: RESPONSES.cleared,
      description: "`{ cleared: { sentenceId } }`.",
    },
    errors: { 409: "Changed elsewhere; `current` holds the server's value." },
  },
  // ---------------------------------------------------------------- review
  {
    method: "get",
    path: `${P}/documents/{id}/adjudications`,
    tag: "Review",
    summary: "Gold labels of a document's sentences",
    access: "owners and reviewers (annotation:read-all)",
    scope: "read",
    etag: true,
    success: {
      status: 200,
      schema: RESPONSES.adjudications,
      description:
        "`{ document, sentences: [{ sentenceId, index, majority, adjudication | null }] }`.",
    },
  },
  {
    method: "put",
    path: `${P}/adjudications`,
    tag: "Review",
    summary: "Set a sentence's gold label",
    description:
      "`choice.kind`: `majority`, `annotator` (with `annotatorId`), `own` (with `label`, `sourceId`?, `sourceText`?) or `keep`. `version` is the gold label's version you saw (0: none).",
    access: "owners and reviewers (adjudication:write)",
    scope: "write",
    body: {
      kind: "json",
      schema: adjudicationInputSchema,
      example: {
        sentenceId: EXAMPLE_ID,
        choice: { kind: "majority" },
        note: "Clear attribution.",
        version: 0,
      },
    },
    success: {
      status: 200,
      schema: RESPONSES.adjudication,
      description: "`{ adjudication }`.",
    },
    errors: { 409: "Someone else changed the gold label since." },
  },
  {
    method: "delete",
    path: `${P}/adjudications/{sentenceId}`,
    tag: "Review",
    summary: "Clear a sentence's gold label",
    access: "owners and reviewers (adjudication:write)",
    scope: "write",
    query: { schema: versionQuery("version"), example: "version=1" },
    success: {
      status: 200,
      schema: RESPONSES.cleared,
      description: "`{ cleared: { sentenceId } }`.",
    },
    errors: { 409: "Someone else changed the gold label since." },
  },
  {
    method: "get",
    path: `${P}/sentences/{sentenceId}/comments`,
    tag: "Review",
    summary: "A sentence's comment thread",
    description:
      "In a blind project an annotator joins the thread once they submitted the document.",
    access: "members (comment:write)",
    scope: "read",
    paginated: true,
    success: {
      status: 200,
      schema: RESPONSES.comments,
      description: "`{ comments: [{ id, author, mine, body, createdAt }] }`, oldest first.",
    },
  },
  {
    method: "post",
    path: `${P}/sentences/{sentenceId}/comments`,
    tag: "Review",
    summary: "Comment on a sentence",
    access: "members (comment:write)",
    scope: "write",
    body: {
      kind: "json",
      schema: commentInputSchema.omit({ sentenceId: true }),
      example: { body: "Why a fact?" },
    },
    success: {
      status: 201,
      schema: RESPONSES.comment,
      description: "`{ comment }`.",
    },
  },
  {
    method: "get",
    path: `${P}/agreement`,
    tag: "Review",
    summary: "Agreement figures",
    access: "owners and reviewers (annotation:read-all)",
    scope: "read",
    etag: true,
    query: {
      schema: agreementFiltersSchema,
      fromParams: filterParams,
      example: `documents=${EXAMPLE_ID}&boilerplate=1`,
    },
    success: {
      status: 200,
      schema: RESPONSES.agreement,
      description: "The dashboard's figures (kappa, alpha, per label…).",
    },
  },
  // ---------------------------------------------------------------- sources
  {
    method: "get",
    path: `${P}/sources`,
    tag: "Sources",
    summary: "The source registry",
    access: "members (document:read)",
    scope: "read",
    paginated: true,
    query: {
      schema: registryQuerySchema,
      fromParams: registryParams,
      example: "q=ministry&grade=B&sort=citations&dir=desc",
    },
    success: {
      status: 200,
      schema: RESPONSES.sources,
      description: "`{ sources: [{ id, name, aliases, type, grade, citations, … }] }`.",
    },
  },
  {
    method: "post",
    path: `${P}/sources`,
    tag: "Sources",
    summary: "Add a source",
    access: "owners and reviewers (source:manage)",
    scope: "write",
    body: {
      kind: "json",
      schema: sourceInputSchema,
      example: {
        name: "Ministry of Defence",
        aliases: ["MoD"],
        type: "OFFICIAL_BODY",
        affiliation: "Government",
      },
    },
    success: {
      status: 201,
      schema: RESPONSES.source,
      description: "`{ source }`.",
    },
    errors: { 409: "Another source has this name or alias." },
  },
  {
    method: "get",
    path: `${P}/sources/{id}`,
    tag: "Sources",
    summary: "A source's profile",
    access: "members (document:read)",
    scope: "read",
    success: {
      status: 200,
      schema: RESPONSES.sourceProfile,
      description: "The profile; `annotatorGrades` only for those who may see others' work.",
    },
  },
  {
    method: "patch",
    path: `${P}/sources/{id}`,
    tag: "Sources",
    summary: "Change a source",
    description: "The fields sent change; the others stay.",
    access: "owners and reviewers (source:manage)",
    scope: "write",
    body: { kind: "json", schema: sourceInputSchema.partial(), example: { side: "neutral" } },
    success: {
      status: 200,
      schema: RESPONSES.source,
      description: "`{ source }`.",
    },
    errors: { 409: "Another source has this name or alias." },
  },
  {
    method: "delete",
    path: `${P}/sources/{id}`,
    tag: "Sources",
    summary: "Delete a source",
    access: "owners and reviewers (source:manage)",
    scope: "write",
    success: {
      status: 200,
      schema: RESPONSES.sourceDeleted,
      description: "`{ deleted }`.",
    },
    errors: { 409: "Annotations or gold labels cite it: merge it instead." },
  },
  {
    method: "put",
    path: `${P}/sources/{id}/grade`,
    tag: "Sources",
    summary: "Settle the project's reliability grade",
    access: "owners and reviewers (source:settle)",
    scope: "write",
    body: {
      kind: "json",
      schema: settleGradeSchema,
      example: { grade: "B", rationale: "Usually reliable on casualty figures." },
    },
    success: {
      status: 200,
      schema: RESPONSES.settledGrade,
      description: "`{ grade }`: a new history entry.",
    },
  },
  {
    method: "put",
    path: `${P}/sources/{id}/grades/me`,
    tag: "Sources",
    summary: "Give the caller's own grade",
    access: "owners and annotators (source:grade)",
    scope: "write",
    body: {
      kind: "json",
      schema: ownGradeSchema,
      example: { grade: "C", rationale: "Mixed record." },
    },
    success: {
      status: 200,
      schema: RESPONSES.ownGrade,
      description: "`{ grade }`.",
    },
    errors: { 409: "Changed elsewhere (expectedVersion)." },
  },
  {
    method: "post",
    path: `${P}/sources/merge`,
    tag: "Sources",
    summary: "Merge one source into another",
    description: "Every citation of `fromId` moves to `intoId`; `fromId` is deleted.",
    access: "owners and reviewers (source:manage)",
    scope: "write",
    body: {
      kind: "json",
      schema: mergeSourcesSchema,
      example: { fromId: EXAMPLE_ID, intoId: OTHER_ID },
    },
    success: {
      status: 200,
      schema: RESPONSES.merged,
      description: "`{ source }`: the merged source, with `moved`.",
    },
  },
  {
    method: "post",
    path: `${P}/documents/from-url`,
    tag: "Documents",
    summary: "Import an article from its web address",
    description:
      "The server fetches the page (http(s), public addresses only, checked after DNS resolution and on every redirect; at most 5 MB within 15 s) and imports it like an uploaded .html file, with the URL as the source URL.",
    access: "owners (document:import-url)",
    scope: "write",
    body: {
      kind: "json",
      schema: importUrlSchema,
      example: { url: "https://example.org/news/mosul-report" },
    },
    success: {
      status: 201,
      schema: RESPONSES.fileResult,
      description:
        "The file's result: `{ fileName, ok, documents, errors, notices, likelyDuplicates }`.",
    },
    errors: {
      409: 'Held back as a likely duplicate (named); send again with `confirm: "all"`.',
      422: "The address is refused (private, loopback, metadata…) or the page could not be fetched or read.",
    },
  },
  {
    method: "post",
    path: `${P}/import/foreign`,
    tag: "Documents",
    summary: "Import a Label Studio or doccano export (preview, then apply)",
    description:
      'Without `mapping`: a preview (format, labels with counts and a proposed mapping, annotators with the proposed member), nothing written. With `mapping` (JSON `{ labels: { theirs: ours | "SKIP" }, annotators: { key: userId | "SKIP" } }`): the import, in one transaction, all or nothing.',
    access: "owners (document:import)",
    scope: "write",
    body: {
      kind: "multipart",
      description:
        "`file`: a Label Studio JSON export or a doccano JSONL export, at most 5 MB; `mapping` (optional): the confirmed mapping as JSON.",
    },
    success: {
      status: 201,
      schema: RESPONSES.foreignImport,
      description:
        "Preview: `{ format, labels, annotators, … }` (200); import: the counts of what was written (201).",
    },
    errors: {
      413: "The file is over 5 MB.",
      422: "The file is broken, or a label or annotator is left unmapped (named); nothing was written.",
    },
  },
  {
    method: "post",
    path: `${P}/sources/import`,
    tag: "Sources",
    summary: "Import a registry file",
    access: "owners and reviewers (source:manage)",
    scope: "write",
    body: { kind: "multipart", description: "One `file`, CSV or JSON as the export writes it." },
    success: {
      status: 200,
      schema: RESPONSES.registryImport,
      description: "`{ created, updated, errors: [] }`.",
    },
    errors: {
      413: "The file is over 5 MB.",
      422: "Rows are wrong (`errors`); nothing was written.",
    },
  },
  {
    method: "get",
    path: `${P}/sources/export`,
    tag: "Sources",
    summary: "Download the registry",
    access: "members (document:read)",
    scope: "read",
    query: { schema: z.object({ format: registryExportFormatSchema }), example: "format=json" },
    success: {
      status: 200,
      description:
        "The registry as CSV or JSON, in the import's columns; each JSON source also has `history`, its settled grades `[{ grade, rationale, by, at }]` oldest first (the import reads past it).",
      file: "text/csv",
    },
  },
  // ---------------------------------------------------------------- assignments
  {
    method: "get",
    path: `${P}/assignments`,
    tag: "Assignments",
    summary: "Assignments and each annotator's workload",
    description: "An annotator of a blind project gets only their own assignments.",
    access: "members (document:read); the full list for owners",
    scope: "read",
    paginated: true,
    success: {
      status: 200,
      schema: RESPONSES.assignments,
      description:
        "`{ assignments: [{ documentId, title, annotatorId, annotator, dueOn, status, lastActivityAt }], annotators: [{ userId, name, assigned, notStarted, inProgress, submitted }], lockedSubmissions, canManage, canAllowReopen }`; `assignments` is paged, the workload counts them all.",
    },
  },
  {
    method: "put",
    path: `${P}/assignments`,
    tag: "Assignments",
    summary: "Assign, distribute, unassign, reassign or reclaim",
    description:
      "One change per request. `distribute` gives each chosen document to `perDocument` of the chosen annotators, balanced, with a seed so the same plan comes out again.",
    access: "owners (assignment:manage)",
    scope: "write",
    body: {
      kind: "json",
      schema: assignmentChangeSchema,
      example: {
        action: "distribute",
        documents: { filter: { q: "", unassigned: true } },
        annotatorIds: [EXAMPLE_ID, OTHER_ID],
        perDocument: 2,
        seed: 7,
        dueOn: "2027-01-15",
      },
    },
    success: {
      status: 200,
      schema: RESPONSES.assignmentChange,
      description: "`{ action, changed }`: how many assignments changed.",
    },
  },
  // ---------------------------------------------------------------- export
  {
    method: "get",
    path: `${P}/export`,
    tag: "Export",
    summary: "Export the dataset",
    description:
      "Streamed. Unknown options are refused (422 names them). `document` may repeat to export some documents only.",
    access: "owners and reviewers (export:run)",
    scope: "read",
    query: {
      schema: exportOptionsSchema,
      fromParams: exportOptionsInput,
      rename: { documents: "document" },
      example: "format=jsonl&adjudicatedOnly=true&split=column&seed=7",
    },
    success: {
      status: 200,
      description: "JSONL, CSV, W3C JSON-LD, Parquet, or a zip with the card.",
      file: "application/octet-stream",
    },
  },
];

/** The API's version in its description; a breaking change to a route bumps the major. */
export const API_VERSION = "1.0.0";
