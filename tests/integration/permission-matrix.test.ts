/**
 * The permission matrix. Every server entry point — each exported server
 * action, each route handler method, each CLI command — must have a row in
 * ENTRY_POINTS; the first test scans app/, components/, lib/actions and the CLI and fails
 * on any entry point without a row (add one when you add an entry point).
 * Each row is then run as every kind of caller and must allow or deny exactly
 * as the row says.
 *
 * Server actions resolve their caller through requireUser() (lib/auth), which
 * is loadActiveUser() on the session's user id, by way of the asUser wrappers
 * in lib/actions/as-user.ts; here the same resolution runs on the test's user
 * ids, and a static check proves each non-public action calls asUser (or
 * requireUser() itself). Route handlers are called for real with a Bearer token
 * per caller (none for anonymous).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as healthGet } from "@/app/api/health/route";
import { GET as agreementGet } from "@/app/api/projects/[slug]/agreement/route";
import { GET as exportGet } from "@/app/api/projects/[slug]/export/route";
import { GET as annotationsGet } from "@/app/api/projects/[slug]/documents/[id]/annotations/route";
import { GET as suggestionsGet } from "@/app/api/projects/[slug]/documents/[id]/suggestions/route";
import { POST as projectsPost } from "@/app/api/projects/route";
import { GET as projectGet, PUT as projectPut } from "@/app/api/projects/[slug]/route";
import { GET as membersGet, POST as membersPost } from "@/app/api/projects/[slug]/members/route";
import {
  DELETE as memberDelete,
  PATCH as memberPatch,
} from "@/app/api/projects/[slug]/members/[userId]/route";
import { GET as documentsGet } from "@/app/api/projects/[slug]/documents/route";
import {
  DELETE as documentDelete,
  GET as documentGet,
  PUT as documentPut,
} from "@/app/api/projects/[slug]/documents/[id]/route";
import { GET as ownAnnotationsGet } from "@/app/api/projects/[slug]/documents/[id]/annotations/me/route";
import { GET as adjudicationsGet } from "@/app/api/projects/[slug]/documents/[id]/adjudications/route";
import { DELETE as annotationDelete } from "@/app/api/projects/[slug]/annotations/[id]/route";
import { PUT as adjudicationPut } from "@/app/api/projects/[slug]/adjudications/route";
import { DELETE as adjudicationDelete } from "@/app/api/projects/[slug]/adjudications/[sentenceId]/route";
import {
  GET as commentsGet,
  POST as commentsPost,
} from "@/app/api/projects/[slug]/sentences/[sentenceId]/comments/route";
import { POST as sourcesMergePost } from "@/app/api/projects/[slug]/sources/merge/route";
import { documentSuggestions } from "@/lib/server/annotations/suggestions";
import { POST as documentsPost } from "@/app/api/projects/[slug]/documents/route";
import { POST as foreignImportPost } from "@/app/api/projects/[slug]/import/foreign/route";
import { POST as documentsFromUrlPost } from "@/app/api/projects/[slug]/documents/from-url/route";
import { GET as meGet } from "@/app/api/me/route";
import { PUT as annotationPut } from "@/app/api/projects/[slug]/annotations/route";
import { GET as projectsGet } from "@/app/api/projects/route";
import { GET as sourcesGet, POST as sourcesPost } from "@/app/api/projects/[slug]/sources/route";
import {
  DELETE as sourceDelete,
  GET as sourceGet,
  PATCH as sourcePatch,
} from "@/app/api/projects/[slug]/sources/[id]/route";
import { PUT as ownGradePut } from "@/app/api/projects/[slug]/sources/[id]/grades/me/route";
import { PUT as settleGradePut } from "@/app/api/projects/[slug]/sources/[id]/grade/route";
import { POST as sourcesImportPost } from "@/app/api/projects/[slug]/sources/import/route";
import { GET as sourcesExportGet } from "@/app/api/projects/[slug]/sources/export/route";
import {
  GET as assignmentsGet,
  PUT as assignmentsPut,
} from "@/app/api/projects/[slug]/assignments/route";
import { changeAssignments } from "@/lib/server/assignments/assignments";
import { recordActiveTime } from "@/lib/server/annotations/time";
import { db, disconnectDb } from "@/lib/db";
import { AppError } from "@/lib/domain/errors";
import type { Actor } from "@/lib/server/actor";
import { adjudicate } from "@/lib/server/review/adjudications";
import { addComment, listComments } from "@/lib/server/review/comments";
import { loadCuration } from "@/lib/server/review/review";
import { clearAnnotation, saveAnnotation } from "@/lib/server/annotations/annotations";
import { allowReopen, nextDocument, setDocumentSubmitted } from "@/lib/server/annotations/progress";
import {
  createSource,
  deleteSource,
  mergeSources,
  updateSource,
} from "@/lib/server/sources/registry";
import { importRegistry } from "@/lib/server/sources/registry-file";
import { gradeSource, settleSourceGrade } from "@/lib/server/sources/grades";
import { estimateExport } from "@/lib/server/export/export";
import {
  mergeSentenceWithNext,
  setSentenceBoilerplate,
  splitSentenceAt,
  updateDocumentMetadata,
} from "@/lib/server/documents/edit";
import { importFromUrl, importPastedText } from "@/lib/server/documents/import";
import { addMember, changeMember } from "@/lib/server/projects/members";
import {
  createProject as createProjectFn,
  setProjectArchived,
  updateProject,
} from "@/lib/server/projects/projects";
import { endAllSessions } from "@/lib/server/accounts/sessions";
import { createApiToken, revokeApiToken } from "@/lib/server/accounts/tokens";
import {
  changePassword,
  createUserAccount,
  loadActiveUser,
  resetPasswordLink,
  updateProfile,
  updateUserStatus,
} from "@/lib/server/accounts/users";
import { USER_COMMANDS } from "@/scripts/lib/user-commands";
import { createProject, createUser, importDocument, submitDocument } from "../support/factories";

afterAll(disconnectDb);

const CALLERS = [
  "admin",
  "owner",
  "reviewer",
  "annotator",
  "nonMember",
  "disabled",
  "anonymous",
] as const;
type Caller = (typeof CALLERS)[number];
type Expect = Record<Caller, "allow" | "deny">;

const REVIEWERS: Expect = {
  admin: "allow",
  owner: "allow",
  reviewer: "allow",
  annotator: "deny",
  nonMember: "deny",
  disabled: "deny",
  anonymous: "deny",
};
const ALL_SIGNED_IN: Expect = {
  admin: "allow",
  owner: "allow",
  reviewer: "allow",
  annotator: "allow",
  nonMember: "allow",
  disabled: "deny",
  anonymous: "deny",
};
const ADMIN_ONLY: Expect = {
  admin: "allow",
  owner: "deny",
  reviewer: "deny",
  annotator: "deny",
  nonMember: "deny",
  disabled: "deny",
  anonymous: "deny",
};
const PROJECT_MANAGERS: Expect = {
  admin: "allow",
  owner: "allow",
  reviewer: "deny",
  annotator: "deny",
  nonMember: "deny",
  disabled: "deny",
  anonymous: "deny",
};

interface Ctx {
  projectId: string;
  projectSlug: string;
  documentId: string;
  sentenceId: string;
  target: Actor;
}
type Run = (actor: Actor, ctx: Ctx) => Promise<unknown>;

type Row =
  | { kind: "public"; why: string }
  | { kind: "action"; expect: Expect; run: Run }
  | {
      kind: "route";
      expect: Expect;
      /** `caller` is null for the anonymous caller: rows that need the caller's own rows make them. */
      call: (headers: Record<string, string>, ctx: Ctx, caller: Actor | null) => Promise<Response>;
    }
  | { kind: "cli"; why: string };

const projectInput = (slug: string) => ({
  name: `P ${slug}`,
  slug,
  description: "",
  guidelines: "",
  blindAnnotation: "on",
  annotatorsPerDocument: "2",
});
const rand = () => Math.random().toString(36).slice(2, 10);

/** The annotation workspace (issue 5): annotators write their own tags (sources: sourceRows). */
function annotationWorkspaceRows(): Record<string, Row> {
  const ANNOTATORS: Expect = {
    admin: "allow",
    owner: "allow",
    reviewer: "deny",
    annotator: "allow",
    nonMember: "deny",
    disabled: "deny",
    anonymous: "deny",
  };
  const MEMBERS: Expect = {
    admin: "allow",
    owner: "allow",
    reviewer: "allow",
    annotator: "allow",
    nonMember: "deny",
    disabled: "deny",
    anonymous: "deny",
  };
  const annotate = "action lib/actions/annotate.ts";
  return {
    [`${annotate}#saveAnnotationAction`]: {
      kind: "action",
      expect: ANNOTATORS,
      run: (actor, ctx) =>
        saveAnnotation({
          actor,
          projectSlug: ctx.projectSlug,
          input: { sentenceId: ctx.sentenceId, label: "OPINION", expectedVersion: 0 },
        }),
    },
    [`${annotate}#clearAnnotationAction`]: {
      kind: "action",
      expect: ANNOTATORS,
      run: async (actor, ctx) => {
        const sentence = await db.sentence.findUniqueOrThrow({
          where: { id: ctx.sentenceId },
          select: { documentId: true },
        });
        const a = await db.annotation.create({
          data: {
            projectId: ctx.projectId,
            documentId: sentence.documentId,
            sentenceId: ctx.sentenceId,
            annotatorId: actor.id,
            label: "OPINION",
          },
        });
        return clearAnnotation({
          actor,
          projectSlug: ctx.projectSlug,
          input: { annotationId: a.id, expectedVersion: 1 },
        });
      },
    },
    [`${annotate}#setSubmittedAction`]: {
      kind: "action",
      expect: ANNOTATORS,
      run: (actor, ctx) =>
        setDocumentSubmitted({
          actor,
          projectSlug: ctx.projectSlug,
          documentId: ctx.documentId,
          submitted: true,
        }),
    },
    "route app/api/projects/[slug]/annotations/route.ts#PUT": {
      kind: "route",
      expect: ANNOTATORS,
      call: (headers, ctx) =>
        annotationPut(
          new Request(`http://t/api/projects/${ctx.projectSlug}/annotations`, {
            method: "PUT",
            headers: { ...headers, "content-type": "application/json" },
            body: JSON.stringify({
              sentenceId: ctx.sentenceId,
              label: "OPINION",
              expectedVersion: 0,
            }),
          }),
          { params: Promise.resolve({ slug: ctx.projectSlug }) },
        ),
    },
    // The attribution assistant (issue 13): whoever may read the document.
    "route app/api/projects/[slug]/documents/[id]/suggestions/route.ts#GET": {
      kind: "route",
      expect: MEMBERS,
      call: (headers, ctx) =>
        suggestionsGet(
          new Request(
            `http://t/api/projects/${ctx.projectSlug}/documents/${ctx.documentId}/suggestions`,
            { headers },
          ),
          { params: Promise.resolve({ slug: ctx.projectSlug, id: ctx.documentId }) },
        ),
    },
    "action lib/actions/suggestions.ts#documentSuggestionsAction": {
      kind: "action",
      expect: MEMBERS,
      run: (actor, ctx) =>
        documentSuggestions({ actor, projectSlug: ctx.projectSlug, documentId: ctx.documentId }),
    },
    [`${annotate}#nextDocumentAction`]: {
      kind: "action",
      expect: ANNOTATORS,
      run: (actor, ctx) => nextDocument({ actor, projectSlug: ctx.projectSlug }),
    },
  };
}

/**
 * Team workflow (issue 14): owners manage assignments, every member reads them
 * (scoped to their own in a blind project); reviewers allow a reopen; whoever
 * annotates reports their active time.
 */
function workflowRows(): Record<string, Row> {
  const ANNOTATORS: Expect = { ...PROJECT_MANAGERS, annotator: "allow" };
  const MEMBERS: Expect = { ...REVIEWERS, annotator: "allow" };
  const file = "action lib/actions/workflow.ts";
  const route = "route app/api/projects/[slug]/assignments/route.ts";
  const assignInput = (ctx: Ctx) => ({
    action: "assign",
    documents: { documentIds: [ctx.documentId] },
    annotatorIds: [ctx.target.id],
  });
  const request = (ctx: Ctx, headers: Record<string, string>, body?: unknown) =>
    new Request(`http://t/api/projects/${ctx.projectSlug}/assignments`, {
      method: body === undefined ? "GET" : "PUT",
      headers: { ...headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const slugParams = (ctx: Ctx) => ({ params: Promise.resolve({ slug: ctx.projectSlug }) });
  return {
    [`${file}#changeAssignmentsAction`]: {
      kind: "action",
      expect: PROJECT_MANAGERS,
      run: (actor, ctx) =>
        changeAssignments({ actor, projectSlug: ctx.projectSlug, input: assignInput(ctx) }),
    },
    [`${file}#allowReopenAction`]: {
      kind: "action",
      expect: REVIEWERS,
      run: async (actor, ctx) => {
        const annotator = await db.membership.findFirstOrThrow({
          where: { projectId: ctx.projectId, role: "ANNOTATOR" },
          select: { userId: true },
        });
        await submitDocument(ctx.documentId, annotator.userId);
        return allowReopen({
          actor,
          projectSlug: ctx.projectSlug,
          documentId: ctx.documentId,
          annotatorId: annotator.userId,
        });
      },
    },
    [`${file}#recordActiveTimeAction`]: {
      kind: "action",
      expect: ANNOTATORS,
      run: (actor, ctx) =>
        recordActiveTime({
          actor,
          projectSlug: ctx.projectSlug,
          input: { documentId: ctx.documentId, activeMs: 1000 },
        }),
    },
    [`${route}#GET`]: {
      kind: "route",
      expect: MEMBERS,
      call: (headers, ctx) => assignmentsGet(request(ctx, headers), slugParams(ctx)),
    },
    [`${route}#PUT`]: {
      kind: "route",
      expect: PROJECT_MANAGERS,
      call: (headers, ctx) =>
        assignmentsPut(request(ctx, headers, assignInput(ctx)), slugParams(ctx)),
    },
  };
}

const newSource = (ctx: Ctx, name = `Source ${rand()}`) =>
  db.source.create({
    data: { projectId: ctx.projectId, name, type: "OFFICIAL_BODY" },
    select: { id: true },
  });

/**
 * The source registry (issue 12): any member adds a source inline and reads
 * the registry; owners and reviewers manage it and settle grades; whoever
 * annotates gives their own grade.
 */
function sourceRows(): Record<string, Row> {
  const MEMBERS: Expect = { ...REVIEWERS, annotator: "allow" };
  const GRADERS: Expect = { ...REVIEWERS, reviewer: "deny", annotator: "allow" };
  const file = "action lib/actions/sources.ts";
  const api = (ctx: Ctx, tail = "") => `http://t/api/projects/${ctx.projectSlug}/sources${tail}`;
  const json = (headers: Record<string, string>, method: string, body: unknown) => ({
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const slugParams = (ctx: Ctx) => ({ params: Promise.resolve({ slug: ctx.projectSlug }) });
  const idParams = (ctx: Ctx, id: string) => ({
    params: Promise.resolve({ slug: ctx.projectSlug, id }),
  });
  const registryCsv = () =>
    new File([`name,type\r\nImported ${rand()},MEDIA_OUTLET\r\n`], "registry.csv", {
      type: "text/csv",
    });
  return {
    [`${file}#createSourceAction`]: {
      kind: "action",
      expect: MEMBERS,
      run: (actor, ctx) =>
        createSource({
          actor,
          projectSlug: ctx.projectSlug,
          inline: true,
          input: { name: "the PMU", type: "NAMED_ORGANISATION" },
        }),
    },
    [`${file}#addRegistrySourceAction`]: {
      kind: "action",
      expect: REVIEWERS,
      run: (actor, ctx) =>
        createSource({
          actor,
          projectSlug: ctx.projectSlug,
          input: { name: "the PMU", type: "NAMED_ORGANISATION" },
        }),
    },
    [`${file}#updateSourceAction`]: {
      kind: "action",
      expect: REVIEWERS,
      run: async (actor, ctx) =>
        updateSource({
          actor,
          projectSlug: ctx.projectSlug,
          sourceId: (await newSource(ctx, "the ministry")).id,
          input: { name: "The ministry", type: "OFFICIAL_BODY" },
        }),
    },
    [`${file}#mergeSourcesAction`]: {
      kind: "action",
      expect: REVIEWERS,
      run: async (actor, ctx) =>
        mergeSources({
          actor,
          projectSlug: ctx.projectSlug,
          input: {
            fromId: (await newSource(ctx, "the ministry")).id,
            intoId: (await newSource(ctx, "MoD")).id,
          },
        }),
    },
    [`${file}#deleteSourceAction`]: {
      kind: "action",
      expect: REVIEWERS,
      run: async (actor, ctx) =>
        deleteSource({ actor, projectSlug: ctx.projectSlug, sourceId: (await newSource(ctx)).id }),
    },
    [`${file}#gradeSourceAction`]: {
      kind: "action",
      expect: GRADERS,
      run: async (actor, ctx) =>
        gradeSource({
          actor,
          projectSlug: ctx.projectSlug,
          sourceId: (await newSource(ctx)).id,
          input: { grade: "B" },
        }),
    },
    [`${file}#settleSourceGradeAction`]: {
      kind: "action",
      expect: REVIEWERS,
      run: async (actor, ctx) =>
        settleSourceGrade({
          actor,
          projectSlug: ctx.projectSlug,
          sourceId: (await newSource(ctx)).id,
          input: { grade: "B", rationale: "Usually right" },
        }),
    },
    [`${file}#importRegistryAction`]: {
      kind: "action",
      expect: REVIEWERS,
      run: async (actor, ctx) =>
        importRegistry({
          actor,
          projectSlug: ctx.projectSlug,
          file: { name: "registry.csv", content: await registryCsv().text() },
        }),
    },
    "route app/api/projects/[slug]/sources/route.ts#GET": {
      kind: "route",
      expect: MEMBERS,
      call: (headers, ctx) => sourcesGet(new Request(api(ctx), { headers }), slugParams(ctx)),
    },
    "route app/api/projects/[slug]/sources/route.ts#POST": {
      kind: "route",
      expect: REVIEWERS,
      call: (headers, ctx) =>
        sourcesPost(
          new Request(api(ctx), json(headers, "POST", { name: "PMU", type: "NAMED_ORGANISATION" })),
          slugParams(ctx),
        ),
    },
    "route app/api/projects/[slug]/sources/[id]/route.ts#GET": {
      kind: "route",
      expect: MEMBERS,
      call: async (headers, ctx) => {
        const { id } = await newSource(ctx);
        return sourceGet(new Request(api(ctx, `/${id}`), { headers }), idParams(ctx, id));
      },
    },
    "route app/api/projects/[slug]/sources/[id]/route.ts#PATCH": {
      kind: "route",
      expect: REVIEWERS,
      call: async (headers, ctx) => {
        const { id } = await newSource(ctx);
        return sourcePatch(
          new Request(api(ctx, `/${id}`), json(headers, "PATCH", { side: "neutral" })),
          idParams(ctx, id),
        );
      },
    },
    "route app/api/projects/[slug]/sources/[id]/route.ts#DELETE": {
      kind: "route",
      expect: REVIEWERS,
      call: async (headers, ctx) => {
        const { id } = await newSource(ctx);
        return sourceDelete(
          new Request(api(ctx, `/${id}`), { method: "DELETE", headers }),
          idParams(ctx, id),
        );
      },
    },
    "route app/api/projects/[slug]/sources/[id]/grades/me/route.ts#PUT": {
      kind: "route",
      expect: GRADERS,
      call: async (headers, ctx) => {
        const { id } = await newSource(ctx);
        return ownGradePut(
          new Request(api(ctx, `/${id}/grades/me`), json(headers, "PUT", { grade: "C" })),
          idParams(ctx, id),
        );
      },
    },
    "route app/api/projects/[slug]/sources/[id]/grade/route.ts#PUT": {
      kind: "route",
      expect: REVIEWERS,
      call: async (headers, ctx) => {
        const { id } = await newSource(ctx);
        return settleGradePut(
          new Request(
            api(ctx, `/${id}/grade`),
            json(headers, "PUT", { grade: "C", rationale: "Fair" }),
          ),
          idParams(ctx, id),
        );
      },
    },
    "route app/api/projects/[slug]/sources/import/route.ts#POST": {
      kind: "route",
      expect: REVIEWERS,
      call: (headers, ctx) => {
        const form = new FormData();
        form.append("file", registryCsv());
        return sourcesImportPost(
          new Request(api(ctx, "/import"), { method: "POST", headers, body: form }),
          slugParams(ctx),
        );
      },
    },
    "route app/api/projects/[slug]/sources/export/route.ts#GET": {
      kind: "route",
      expect: MEMBERS,
      call: (headers, ctx) =>
        sourcesExportGet(
          new Request(api(ctx, "/export?format=json"), { headers }),
          slugParams(ctx),
        ),
    },
  };
}

/**
 * The rest of the JSON API (issue 16): each route calls the lib/server function
 * of its page or action, so each row expects what that function's row expects.
 */
function apiRows(): Record<string, Row> {
  const MEMBERS: Expect = { ...REVIEWERS, annotator: "allow" };
  const ANNOTATORS: Expect = { ...REVIEWERS, reviewer: "deny", annotator: "allow" };
  const base = (ctx: Ctx, tail = "") => `http://t/api/projects/${ctx.projectSlug}${tail}`;
  const send = (headers: Record<string, string>, method: string, body?: unknown) => ({
    method,
    headers: { ...headers, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const p = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });
  const slug = (ctx: Ctx) => p({ slug: ctx.projectSlug });
  const doc = (ctx: Ctx) => p({ slug: ctx.projectSlug, id: ctx.documentId });
  const route = "route app/api/projects";
  const withTargetMember = (ctx: Ctx) =>
    db.membership.create({
      data: { projectId: ctx.projectId, userId: ctx.target.id, role: "ANNOTATOR" },
    });
  return {
    "route app/api/projects/route.ts#POST": {
      kind: "route",
      expect: ADMIN_ONLY,
      call: (headers) =>
        projectsPost(
          new Request("http://t/api/projects", send(headers, "POST", projectInput(`p-${rand()}`))),
        ),
    },
    [`${route}/[slug]/route.ts#GET`]: {
      kind: "route",
      expect: MEMBERS,
      call: (headers, ctx) => projectGet(new Request(base(ctx), { headers }), slug(ctx)),
    },
    [`${route}/[slug]/route.ts#PUT`]: {
      kind: "route",
      expect: PROJECT_MANAGERS,
      call: (headers, ctx) =>
        projectPut(
          new Request(base(ctx), send(headers, "PUT", projectInput(ctx.projectSlug))),
          slug(ctx),
        ),
    },
    [`${route}/[slug]/members/route.ts#GET`]: {
      kind: "route",
      expect: PROJECT_MANAGERS,
      call: (headers, ctx) =>
        membersGet(new Request(base(ctx, "/members"), { headers }), slug(ctx)),
    },
    [`${route}/[slug]/members/route.ts#POST`]: {
      kind: "route",
      expect: PROJECT_MANAGERS,
      call: (headers, ctx) =>
        membersPost(
          new Request(
            base(ctx, "/members"),
            send(headers, "POST", { email: ctx.target.email, role: "ANNOTATOR" }),
          ),
          slug(ctx),
        ),
    },
    [`${route}/[slug]/members/[userId]/route.ts#PATCH`]: {
      kind: "route",
      expect: PROJECT_MANAGERS,
      call: async (headers, ctx) => {
        await withTargetMember(ctx);
        return memberPatch(
          new Request(
            base(ctx, `/members/${ctx.target.id}`),
            send(headers, "PATCH", { role: "REVIEWER" }),
          ),
          p({ slug: ctx.projectSlug, userId: ctx.target.id }),
        );
      },
    },
    [`${route}/[slug]/members/[userId]/route.ts#DELETE`]: {
      kind: "route",
      expect: PROJECT_MANAGERS,
      call: async (headers, ctx) => {
        await withTargetMember(ctx);
        return memberDelete(
          new Request(base(ctx, `/members/${ctx.target.id}`), send(headers, "DELETE")),
          p({ slug: ctx.projectSlug, userId: ctx.target.id }),
        );
      },
    },
    [`${route}/[slug]/documents/route.ts#GET`]: {
      kind: "route",
      expect: MEMBERS,
      call: (headers, ctx) =>
        documentsGet(new Request(base(ctx, "/documents?status=new"), { headers }), slug(ctx)),
    },
    [`${route}/[slug]/documents/[id]/route.ts#GET`]: {
      kind: "route",
      expect: MEMBERS,
      call: (headers, ctx) =>
        documentGet(new Request(base(ctx, `/documents/${ctx.documentId}`), { headers }), doc(ctx)),
    },
    [`${route}/[slug]/documents/[id]/route.ts#PUT`]: {
      kind: "route",
      expect: PROJECT_MANAGERS,
      call: (headers, ctx) =>
        documentPut(
          new Request(
            base(ctx, `/documents/${ctx.documentId}`),
            send(headers, "PUT", {
              title: "T",
              byline: "",
              publisher: "",
              publishedAt: "",
              sourceUrl: "",
            }),
          ),
          doc(ctx),
        ),
    },
    [`${route}/[slug]/documents/[id]/route.ts#DELETE`]: {
      kind: "route",
      expect: PROJECT_MANAGERS,
      call: (headers, ctx) =>
        documentDelete(
          new Request(base(ctx, `/documents/${ctx.documentId}`), send(headers, "DELETE")),
          doc(ctx),
        ),
    },
    [`${route}/[slug]/documents/[id]/annotations/me/route.ts#GET`]: {
      kind: "route",
      expect: MEMBERS,
      call: (headers, ctx) =>
        ownAnnotationsGet(
          new Request(base(ctx, `/documents/${ctx.documentId}/annotations/me`), { headers }),
          doc(ctx),
        ),
    },
    [`${route}/[slug]/documents/[id]/adjudications/route.ts#GET`]: {
      kind: "route",
      expect: REVIEWERS,
      call: (headers, ctx) =>
        adjudicationsGet(
          new Request(base(ctx, `/documents/${ctx.documentId}/adjudications`), { headers }),
          doc(ctx),
        ),
    },
    // The caller's own annotation: clearing is of one's own only.
    [`${route}/[slug]/annotations/[id]/route.ts#DELETE`]: {
      kind: "route",
      expect: ANNOTATORS,
      call: async (headers, ctx, caller) => {
        const own = await db.annotation.create({
          data: {
            projectId: ctx.projectId,
            documentId: ctx.documentId,
            sentenceId: ctx.sentenceId,
            annotatorId: (caller ?? ctx.target).id,
            label: "OPINION",
          },
          select: { id: true },
        });
        return annotationDelete(
          new Request(
            base(ctx, `/annotations/${own.id}?expectedVersion=1`),
            send(headers, "DELETE"),
          ),
          p({ slug: ctx.projectSlug, id: own.id }),
        );
      },
    },
    [`${route}/[slug]/adjudications/route.ts#PUT`]: {
      kind: "route",
      expect: REVIEWERS,
      call: (headers, ctx) =>
        adjudicationPut(
          new Request(
            base(ctx, "/adjudications"),
            send(headers, "PUT", {
              sentenceId: ctx.sentenceId,
              choice: { kind: "own", label: "OPINION" },
              version: 0,
            }),
          ),
          slug(ctx),
        ),
    },
    [`${route}/[slug]/adjudications/[sentenceId]/route.ts#DELETE`]: {
      kind: "route",
      expect: REVIEWERS,
      call: async (headers, ctx) => {
        await db.adjudication.create({
          data: {
            projectId: ctx.projectId,
            sentenceId: ctx.sentenceId,
            reviewerId: ctx.target.id,
            label: "OPINION",
          },
        });
        return adjudicationDelete(
          new Request(
            base(ctx, `/adjudications/${ctx.sentenceId}?version=1`),
            send(headers, "DELETE"),
          ),
          p({ slug: ctx.projectSlug, sentenceId: ctx.sentenceId }),
        );
      },
    },
    // As the comment actions: a blind project's annotator joins once they submitted.
    [`${route}/[slug]/sentences/[sentenceId]/comments/route.ts#GET`]: {
      kind: "route",
      expect: REVIEWERS,
      call: (headers, ctx) =>
        commentsGet(
          new Request(base(ctx, `/sentences/${ctx.sentenceId}/comments`), { headers }),
          p({ slug: ctx.projectSlug, sentenceId: ctx.sentenceId }),
        ),
    },
    [`${route}/[slug]/sentences/[sentenceId]/comments/route.ts#POST`]: {
      kind: "route",
      expect: REVIEWERS,
      call: (headers, ctx) =>
        commentsPost(
          new Request(
            base(ctx, `/sentences/${ctx.sentenceId}/comments`),
            send(headers, "POST", { body: "Why fact?" }),
          ),
          p({ slug: ctx.projectSlug, sentenceId: ctx.sentenceId }),
        ),
    },
    [`${route}/[slug]/sources/merge/route.ts#POST`]: {
      kind: "route",
      expect: REVIEWERS,
      call: async (headers, ctx) => {
        const [from, into] = [await newSource(ctx), await newSource(ctx)];
        return sourcesMergePost(
          new Request(
            base(ctx, "/sources/merge"),
            send(headers, "POST", { fromId: from.id, intoId: into.id }),
          ),
          slug(ctx),
        );
      },
    },
    "route app/api/openapi.json/route.ts#GET": {
      kind: "public",
      why: "the API's description (OpenAPI): routes and schemas, no data",
    },
    "route app/api/docs/route.ts#GET": {
      kind: "public",
      why: "the API's description as a page: routes and schemas, no data",
    },
  };
}

/** The table: entry point → who may call it. */
const ENTRY_POINTS: Record<string, Row> = {
  "action lib/actions/auth.ts#signInAction": {
    kind: "public",
    why: "signing in; throttled, answers never reveal emails",
  },
  "action lib/actions/auth.ts#ssoSignInAction": {
    kind: "public",
    why: "starts a GitHub/OIDC sign-in; SSO links only verified emails of existing accounts",
  },
  "action lib/actions/auth.ts#setupAction": {
    kind: "public",
    why: "only while no user exists (createFirstAdmin refuses afterwards)",
  },
  "action lib/actions/auth.ts#acceptInviteAction": {
    kind: "public",
    why: "the one-time invite token is the credential",
  },
  "action lib/actions/auth.ts#signOutAction": {
    kind: "public",
    why: "ends only the session whose cookie it is sent with (endSession checks the cookie's version)",
  },
  "action lib/actions/accounts.ts#profileAction": {
    kind: "action",
    expect: ALL_SIGNED_IN,
    run: (actor) => updateProfile({ actor, input: { name: "New Name" } }),
  },
  "action lib/actions/accounts.ts#passwordAction": {
    kind: "action",
    expect: ALL_SIGNED_IN,
    run: (actor) =>
      changePassword({
        actor,
        input: {
          currentPassword: "not it",
          newPassword: "a long new password",
          confirmPassword: "a long new password",
        },
      }),
  },
  "action lib/actions/accounts.ts#signOutEverywhereAction": {
    kind: "action",
    expect: ALL_SIGNED_IN,
    run: (actor) => endAllSessions({ actor, userId: actor.id }),
  },
  "action lib/actions/accounts.ts#createTokenAction": {
    kind: "action",
    expect: ALL_SIGNED_IN,
    run: (actor) => createApiToken({ actor, input: { name: "t", scope: "READ" } }),
  },
  "action lib/actions/accounts.ts#revokeTokenAction": {
    kind: "action",
    expect: ALL_SIGNED_IN,
    run: async (actor) =>
      revokeApiToken({
        actor,
        tokenId: (await createApiToken({ actor, input: { name: "t", scope: "READ" } })).summary.id,
      }),
  },
  "action lib/actions/admin-users.ts#createUserAction": {
    kind: "action",
    expect: ADMIN_ONLY,
    run: (actor) =>
      createUserAccount({ actor, input: { name: "N", email: `n-${rand()}@example.org` } }),
  },
  "action lib/actions/admin-users.ts#userStatusAction": {
    kind: "action",
    expect: ADMIN_ONLY,
    run: (actor, ctx) => updateUserStatus({ actor, userId: ctx.target.id, change: "disable" }),
  },
  "action lib/actions/admin-users.ts#signOutUserAction": {
    kind: "action",
    expect: ADMIN_ONLY,
    run: (actor, ctx) => endAllSessions({ actor, userId: ctx.target.id }),
  },
  "action lib/actions/admin-users.ts#resetPasswordAction": {
    kind: "action",
    expect: ADMIN_ONLY,
    run: (actor, ctx) => resetPasswordLink({ actor, userId: ctx.target.id }),
  },
  "action lib/actions/projects.ts#createProjectAction": {
    kind: "action",
    expect: ADMIN_ONLY,
    run: (actor) => createProjectFn({ actor, input: projectInput(`p-${rand()}`) }),
  },
  "action lib/actions/projects.ts#updateProjectAction": {
    kind: "action",
    expect: PROJECT_MANAGERS,
    run: (actor, ctx) =>
      updateProject({ actor, projectId: ctx.projectId, input: projectInput(`p-${rand()}`) }),
  },
  "action lib/actions/projects.ts#archiveProjectAction": {
    kind: "action",
    expect: PROJECT_MANAGERS,
    run: (actor, ctx) => setProjectArchived({ actor, projectId: ctx.projectId, archived: true }),
  },
  "action lib/actions/members.ts#addMemberAction": {
    kind: "action",
    expect: PROJECT_MANAGERS,
    run: (actor, ctx) =>
      addMember({
        actor,
        projectId: ctx.projectId,
        input: { email: ctx.target.email, role: "ANNOTATOR" },
      }),
  },
  "action lib/actions/members.ts#changeMemberAction": {
    kind: "action",
    expect: PROJECT_MANAGERS,
    run: async (actor, ctx) => {
      await db.membership.create({
        data: { projectId: ctx.projectId, userId: ctx.target.id, role: "ANNOTATOR" },
      });
      return changeMember({
        actor,
        projectId: ctx.projectId,
        userId: ctx.target.id,
        role: "REVIEWER",
      });
    },
  },
  "action lib/actions/review.ts#adjudicateAction": {
    kind: "action",
    expect: REVIEWERS,
    run: (actor, ctx) =>
      adjudicate({
        actor,
        projectSlug: ctx.projectSlug,
        input: {
          sentenceId: ctx.sentenceId,
          choice: { kind: "own", label: "OPINION" },
          version: 0,
        },
      }),
  },
  // In a blind project an annotator joins the thread only after submitting the document.
  "action lib/actions/review.ts#listCommentsAction": {
    kind: "action",
    expect: REVIEWERS,
    run: (actor, ctx) =>
      listComments({ actor, projectSlug: ctx.projectSlug, sentenceId: ctx.sentenceId }),
  },
  "action lib/actions/review.ts#addCommentAction": {
    kind: "action",
    expect: REVIEWERS,
    run: (actor, ctx) =>
      addComment({
        actor,
        projectSlug: ctx.projectSlug,
        input: { sentenceId: ctx.sentenceId, body: "Why fact?" },
      }),
  },
  "route app/api/projects/[slug]/agreement/route.ts#GET": {
    kind: "route",
    expect: REVIEWERS,
    call: (headers, ctx) =>
      agreementGet(new Request(`http://t/api/projects/${ctx.projectSlug}/agreement`, { headers }), {
        params: Promise.resolve({ slug: ctx.projectSlug }),
      }),
  },
  "route app/api/projects/[slug]/documents/[id]/annotations/route.ts#GET": {
    kind: "route",
    expect: REVIEWERS,
    call: (headers, ctx) =>
      annotationsGet(
        new Request(
          `http://t/api/projects/${ctx.projectSlug}/documents/${ctx.documentId}/annotations`,
          { headers },
        ),
        {
          params: Promise.resolve({ slug: ctx.projectSlug, id: ctx.documentId }),
        },
      ),
  },
  "action lib/actions/export.ts#estimateExportAction": {
    kind: "action",
    expect: REVIEWERS,
    run: (actor, ctx) =>
      estimateExport({ actor, projectSlug: ctx.projectSlug, input: { format: "jsonl" } }),
  },
  "route app/api/projects/[slug]/export/route.ts#GET": {
    kind: "route",
    expect: REVIEWERS,
    call: (headers, ctx) =>
      exportGet(
        new Request(`http://t/api/projects/${ctx.projectSlug}/export?format=csv`, { headers }),
        { params: Promise.resolve({ slug: ctx.projectSlug }) },
      ),
  },
  ...annotationWorkspaceRows(),
  ...sourceRows(),
  ...workflowRows(),
  ...apiRows(),
  // Document ingestion and owners' document editing (issue 4).
  "action lib/actions/import.ts#pasteTextAction": {
    kind: "action",
    expect: PROJECT_MANAGERS,
    run: (actor, ctx) =>
      importPastedText({
        actor,
        projectSlug: ctx.projectSlug,
        input: { title: "Pasted", text: `Pasted ${rand()}. It said so.` },
      }),
  },
  // A loopback address: refused after the permission check, before any connection (issue 17).
  "action lib/actions/import.ts#importUrlAction": {
    kind: "action",
    expect: PROJECT_MANAGERS,
    run: (actor, ctx) =>
      importFromUrl({ actor, projectSlug: ctx.projectSlug, input: { url: "http://127.0.0.1:9/" } }),
  },
  "action lib/actions/documents.ts#updateMetadataAction": {
    kind: "action",
    expect: PROJECT_MANAGERS,
    run: (actor, ctx) =>
      updateDocumentMetadata({
        actor,
        projectSlug: ctx.projectSlug,
        documentId: ctx.documentId,
        input: { title: "T", byline: "", publisher: "", publishedAt: "", sourceUrl: "" },
      }),
  },
  "action lib/actions/documents.ts#boilerplateAction": {
    kind: "action",
    expect: PROJECT_MANAGERS,
    run: (actor, ctx) =>
      setSentenceBoilerplate({
        actor,
        projectSlug: ctx.projectSlug,
        documentId: ctx.documentId,
        sentenceId: ctx.sentenceId,
        isBoilerplate: true,
      }),
  },
  "action lib/actions/documents.ts#mergeAction": {
    kind: "action",
    expect: PROJECT_MANAGERS,
    run: (actor, ctx) =>
      mergeSentenceWithNext({
        actor,
        projectSlug: ctx.projectSlug,
        documentId: ctx.documentId,
        sentenceId: ctx.sentenceId,
      }),
  },
  "action lib/actions/documents.ts#splitAction": {
    kind: "action",
    expect: PROJECT_MANAGERS,
    run: (actor, ctx) =>
      splitSentenceAt({
        actor,
        projectSlug: ctx.projectSlug,
        documentId: ctx.documentId,
        sentenceId: ctx.sentenceId,
        input: { atOffset: "" },
      }),
  },
  "route app/api/projects/[slug]/documents/route.ts#POST": {
    kind: "route",
    expect: PROJECT_MANAGERS,
    call: (headers, ctx) => {
      const form = new FormData();
      form.append(
        "file",
        new File([`Upload ${rand()}. It said so.`], "upload.txt", { type: "text/plain" }),
      );
      return documentsPost(
        new Request(`http://t/api/projects/${ctx.projectSlug}/documents`, {
          method: "POST",
          headers,
          body: form,
        }),
        {
          params: Promise.resolve({ slug: ctx.projectSlug }),
        },
      );
    },
  },
  "route app/api/projects/[slug]/import/foreign/route.ts#POST": {
    kind: "route",
    expect: PROJECT_MANAGERS,
    call: (headers, ctx) => {
      // The preview step: a doccano line, read and mapped, nothing written.
      const form = new FormData();
      form.append(
        "file",
        new File([JSON.stringify({ text: `Doccano ${rand()}.`, label: ["fact"] })], "eve.jsonl"),
      );
      return foreignImportPost(
        new Request(`http://t/api/projects/${ctx.projectSlug}/import/foreign`, {
          method: "POST",
          headers,
          body: form,
        }),
        { params: Promise.resolve({ slug: ctx.projectSlug }) },
      );
    },
  },
  "route app/api/projects/[slug]/documents/from-url/route.ts#POST": {
    kind: "route",
    expect: PROJECT_MANAGERS,
    call: (headers, ctx) =>
      documentsFromUrlPost(
        new Request(`http://t/api/projects/${ctx.projectSlug}/documents/from-url`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify({ url: "http://127.0.0.1:9/" }),
        }),
        { params: Promise.resolve({ slug: ctx.projectSlug }) },
      ),
  },
  "route app/api/auth/[...nextauth]/route.ts#GET": {
    kind: "public",
    why: "Auth.js: sign-in pages, CSRF token, session",
  },
  "route app/api/auth/[...nextauth]/route.ts#POST": {
    kind: "public",
    why: "Auth.js: sign-in (throttled, 429) and sign-out",
  },
  "route app/api/health/route.ts#GET": { kind: "public", why: "health check; reveals no data" },
  "route app/ns/sourcelight-v1.jsonld/route.ts#GET": {
    kind: "public",
    why: "the JSON-LD context of the W3C export: a vocabulary, no project data",
  },
  "route app/api/me/route.ts#GET": {
    kind: "route",
    expect: ALL_SIGNED_IN,
    call: (headers) => meGet(new Request("http://t/api/me", { headers })),
  },
  "route app/api/projects/route.ts#GET": {
    kind: "route",
    expect: ALL_SIGNED_IN,
    call: (headers) => projectsGet(new Request("http://t/api/projects", { headers })),
  },
  ...Object.fromEntries(
    USER_COMMANDS.map((c) => [
      `cli user ${c}`,
      {
        kind: "cli",
        why: "the server's operator (shell access); tested in accounts-admin.test.ts",
      } satisfies Row,
    ]),
  ),
};

// ------------------------------------------------------------ inventory scan

const ROOT = path.resolve(__dirname, "../..");
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}
const sourceFiles = ["app", "components", "lib/actions"]
  .flatMap((d) => walk(path.join(ROOT, d)))
  .filter((f) => /\.(ts|tsx)$/.test(f));
const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join("/");

function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(
    /export\s+(?:async\s+)?(?:function|const|let)\s+([A-Za-z0-9_$]+)/g,
  ))
    if (m[1]) names.add(m[1]);
  for (const m of source.matchAll(/export\s+const\s*\{([^}]*)\}/g))
    for (const n of (m[1] ?? "").split(",")) names.add(n.split(":").pop()?.trim() ?? "");
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g))
    for (const n of (m[1] ?? "").split(","))
      names.add(
        n
          .split(/\s+as\s+/)
          .pop()
          ?.trim() ?? "",
      );
  names.delete("");
  return [...names];
}

function discoveredEntryPoints(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles) {
    const source = readFileSync(file, "utf8");
    if (/^\s*["']use server["']/.test(source)) {
      for (const name of exportedNames(source)) found.push(`action ${rel(file)}#${name}`);
    }
    if (/\/route\.(ts|tsx)$/.test(file)) {
      for (const name of exportedNames(source))
        if (/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(name))
          found.push(`route ${rel(file)}#${name}`);
    }
  }
  for (const c of USER_COMMANDS) found.push(`cli user ${c}`);
  return found.sort();
}

// ------------------------------------------------------------------- callers

let users: Record<Exclude<Caller, "anonymous">, Actor>;
const tokens = new Map<Caller, string>();

beforeAll(async () => {
  users = {
    admin: await createUser({ admin: true }),
    owner: await createUser(),
    reviewer: await createUser(),
    annotator: await createUser(),
    nonMember: await createUser(),
    disabled: await createUser(),
  };
  for (const caller of CALLERS) {
    if (caller === "anonymous") continue;
    tokens.set(
      caller,
      (
        await createApiToken({
          actor: users[caller],
          input: { name: "matrix", scope: "READ_WRITE" },
        })
      ).token,
    );
  }
  await db.user.update({ where: { id: users.disabled.id }, data: { disabledAt: new Date() } });
});

/** A fresh project per run, with the disabled user as an owner: being disabled alone must deny. */
async function freshCtx(): Promise<Ctx> {
  const project = await createProject({
    members: [
      [users.owner, "OWNER"],
      [users.reviewer, "REVIEWER"],
      [users.annotator, "ANNOTATOR"],
      [users.disabled, "OWNER"],
    ],
  });
  const document = await importDocument(project.id);
  const sentence = await db.sentence.findFirstOrThrow({
    where: { documentId: document.id },
    select: { id: true },
  });
  return {
    projectId: project.id,
    projectSlug: project.slug,
    documentId: document.id,
    sentenceId: sentence.id,
    target: await createUser(),
  };
}

/** What requireUser() does for a server action: the session's user, loaded fresh, or UNAUTHENTICATED. */
async function resolveCaller(caller: Caller): Promise<Actor> {
  const actor = caller === "anonymous" ? null : await loadActiveUser(users[caller].id);
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return actor;
}

const DENIED = new Set(["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"]);

async function outcome(fn: () => Promise<unknown>): Promise<"allow" | "deny"> {
  try {
    await fn();
    return "allow";
  } catch (error) {
    if (error instanceof AppError) return DENIED.has(error.code) ? "deny" : "allow"; // VALIDATION/CONFLICT: authorised, input refused
    throw error;
  }
}

describe("permission matrix", () => {
  it("has a row for every server action, route handler and CLI command", () => {
    const known = Object.keys(ENTRY_POINTS).sort();
    const found = discoveredEntryPoints();
    expect(
      found.filter((e) => !known.includes(e)),
      "entry points missing from ENTRY_POINTS",
    ).toEqual([]);
    expect(
      known.filter((e) => !found.includes(e)),
      "rows for entry points that no longer exist",
    ).toEqual([]);
  });

  it("every non-public server action resolves its caller with requireUser()", () => {
    // asUser and asUserOr (lib/actions/as-user.ts) are requireUser() first, then the body.
    const wrappers = readFileSync(path.join(ROOT, "lib/actions/as-user.ts"), "utf8");
    for (const name of ["asUser", "asUserOr"]) {
      const body = wrappers.slice(wrappers.lastIndexOf(`function ${name}<`));
      const next = body.indexOf("\nexport ", 1);
      expect(body.slice(0, next === -1 ? undefined : next), name).toMatch(
        /run\(await requireUser\(\)\)/,
      );
    }
    for (const [key, row] of Object.entries(ENTRY_POINTS)) {
      if (row.kind !== "action") continue;
      const [file = "", name = ""] = key.replace(/^action /, "").split("#");
      const source = readFileSync(path.join(ROOT, file), "utf8");
      const body = source.slice(source.indexOf(`function ${name}`));
      const next = body.indexOf("\nexport ", 1);
      expect(body.slice(0, next === -1 ? undefined : next), key).toMatch(
        /await requireUser\(\)|\basUser(Or)?\(/,
      );
    }
  });

  for (const [key, row] of Object.entries(ENTRY_POINTS)) {
    if (row.kind === "action") {
      it(`${key}`, async () => {
        const got: Partial<Expect> = {};
        for (const caller of CALLERS) {
          const ctx = await freshCtx();
          got[caller] = await outcome(async () => row.run(await resolveCaller(caller), ctx));
        }
        expect(got).toEqual(row.expect);
      });
    }
    if (row.kind === "route") {
      it(`${key}`, async () => {
        const got: Partial<Expect> = {};
        for (const caller of CALLERS) {
          const token = tokens.get(caller);
          const res = await row.call(
            token ? { authorization: `Bearer ${token}` } : {},
            await freshCtx(),
            caller === "anonymous" ? null : users[caller],
          );
          // A streamed body (an export) is not read: cancelling it closes its database cursor.
          await res.body?.cancel();
          got[caller] =
            res.status < 400 ? "allow" : [401, 403, 404].includes(res.status) ? "deny" : "allow";
        }
        expect(got).toEqual(row.expect);
      });
    }
  }

  // Pages are not entry points the scan finds; the curation view's loader is checked here.
  it("page /projects/[slug]/review/[documentId]/curation (loadCuration)", async () => {
    const got: Partial<Expect> = {};
    for (const caller of CALLERS) {
      const ctx = await freshCtx();
      got[caller] = await outcome(async () =>
        loadCuration({
          actor: await resolveCaller(caller),
          projectSlug: ctx.projectSlug,
          documentId: ctx.documentId,
        }),
      );
    }
    expect(got).toEqual(REVIEWERS);
  });

  // The comment rows deny the annotator because in a fresh (blind) project they have not
  // submitted the document; once they have, the same rows must let them in.
  it("the comment rows allow a blind project's annotator once they submitted the document", async () => {
    const rows = Object.entries(ENTRY_POINTS).filter(([key]) =>
      /#(listComments|addComment)Action$/.test(key),
    );
    expect(rows).toHaveLength(2);
    for (const [key, row] of rows) {
      if (row.kind !== "action") throw new Error(`${key} is not a server action row`);
      expect(row.expect.annotator, key).toBe("deny");
      const ctx = await freshCtx();
      const annotator = await resolveCaller("annotator");
      await setDocumentSubmitted({
        actor: annotator,
        projectSlug: ctx.projectSlug,
        documentId: ctx.documentId,
        submitted: true,
      });
      expect(await outcome(() => row.run(annotator, ctx)), key).toBe("allow");
    }
  });

  it("the public health check tells nothing about users or projects", async () => {
    const body = JSON.stringify(await (await healthGet()).json());
    expect(body).not.toContain(users.owner.email);
  });
});
