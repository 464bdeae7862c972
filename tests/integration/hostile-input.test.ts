/**
 * Hostile input (issue 15): numbers out of a column's range, NUL, lone
 * surrogates and huge strings, in every field of every JSON route and every
 * server action's input, against the real database. Each must be answered
 * with a 4xx and a message (a VALIDATION/NOT_FOUND/CONFLICT AppError for the
 * lib/server functions the actions call), or stored as sent — never a
 * database error, which the browser would see as a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as agreementGet } from "@/app/api/projects/[slug]/agreement/route";
import { PUT as annotationPut } from "@/app/api/projects/[slug]/annotations/route";
import { GET as annotationsGet } from "@/app/api/projects/[slug]/documents/[id]/annotations/route";
import { GET as exportGet } from "@/app/api/projects/[slug]/export/route";
import { disconnectDb, db } from "@/lib/db";
import { AppError } from "@/lib/domain/errors";
import { isStorableText, PG_INT_MAX } from "@/lib/domain/input";
import type { Actor } from "@/lib/server/actor";
import { createApiToken } from "@/lib/server/accounts/tokens";
import {
  changePassword,
  createUserAccount,
  updateProfile,
  verifyCredentials,
} from "@/lib/server/accounts/users";
import { acceptInvite } from "@/lib/server/accounts/invites";
import { clearAnnotation, saveAnnotation } from "@/lib/server/annotations/annotations";
import { listAssignmentsView } from "@/lib/server/assignments/assignments";
import { listAuditEvents } from "@/lib/server/audit/log";
import { updateDocumentMetadata, splitSentenceAt } from "@/lib/server/documents/edit";
import { importPastedText } from "@/lib/server/documents/import";
import { searchDocuments } from "@/lib/server/documents/store";
import { estimateExport } from "@/lib/server/export/export";
import { addMember } from "@/lib/server/projects/members";
import { createProject as createProjectFn, updateProject } from "@/lib/server/projects/projects";
import { adjudicate } from "@/lib/server/review/adjudications";
import { addComment } from "@/lib/server/review/comments";
import { createSource } from "@/lib/server/sources/registry";
import { createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

const HUGE = "x".repeat(200_001);
const HOSTILE: readonly unknown[] = [
  2_147_483_648,
  -2_147_483_649,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  0.5,
  "a\u0000b",
  "\u0000",
  "lone \uD800 high",
  "lone \uDC00 low",
  "\uDFFF\uD800",
  HUGE,
  `${"y".repeat(10)}\u0000${HUGE}`,
  { nested: "\u0000" },
  ["\u0000"],
];

/** What a hostile value may lead to: refused with a message, or accepted (and then stored as sent). */
async function outcome(run: () => Promise<unknown>): Promise<"refused" | "accepted"> {
  try {
    await run();
    return "accepted";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code).not.toBe("INTERNAL");
    expect(error.message.length).toBeGreaterThan(0);
    return "refused";
  }
}

let admin: Actor;
let owner: Actor;
let annotator: Actor;
// Placeholders until beforeAll: the test names are collected from targets() before it runs.
let project = { id: "", slug: "" };
let documentId = "";
let sentenceId = "";
let token: string;

beforeAll(async () => {
  admin = await createUser({ admin: true });
  owner = await createUser({ password: "the owner's long password" });
  annotator = await createUser();
  project = await createProject({
    blind: false,
    members: [
      [owner, "OWNER"],
      [annotator, "ANNOTATOR"],
    ],
  });
  const document = await importDocument(project.id);
  documentId = document.id;
  sentenceId = (await db.sentence.findFirstOrThrow({ where: { documentId }, select: { id: true } }))
    .id;
  token = (await createApiToken({ actor: owner, input: { name: "fuzz", scope: "READ_WRITE" } }))
    .token;
});

type Target = { base: Record<string, unknown>; run: (input: Record<string, unknown>) => unknown };

/** Every server action's lib/server function, with a valid input to start from. */
function targets(): Record<string, Target> {
  const slug = project.slug;
  return {
    saveAnnotation: {
      base: {
        sentenceId,
        label: "OPINION",
        sourceText: "the ministry",
        sourceStart: 0,
        sourceEnd: 3,
        note: "a note",
        expectedVersion: 0,
      },
      run: (input) => saveAnnotation({ actor: annotator, projectSlug: slug, input }),
    },
    clearAnnotation: {
      base: { annotationId: "00000000-0000-4000-8000-000000000000", expectedVersion: 1 },
      run: (input) => clearAnnotation({ actor: annotator, projectSlug: slug, input }),
    },
    addComment: {
      base: { sentenceId, body: "Why?" },
      run: (input) => addComment({ actor: owner, projectSlug: slug, input }),
    },
    adjudicate: {
      base: {
        sentenceId,
        choice: { kind: "own", label: "OPINION", sourceText: "x" },
        note: "n",
        version: 0,
      },
      run: (input) => adjudicate({ actor: owner, projectSlug: slug, input }),
    },
    adjudicateChoice: {
      base: { kind: "own", label: "OPINION", sourceText: "x" },
      run: (choice) =>
        adjudicate({
          actor: owner,
          projectSlug: slug,
          input: { sentenceId, choice, version: 0 },
        }),
    },
    updateDocumentMetadata: {
      base: { title: "T", byline: "b", publisher: "p", publishedAt: "", sourceUrl: "" },
      run: (input) =>
        updateDocumentMetadata({ actor: owner, projectSlug: slug, documentId, input }),
    },
    splitSentenceAt: {
      base: { atOffset: "2" },
      run: (input) =>
        splitSentenceAt({ actor: owner, projectSlug: slug, documentId, sentenceId, input }),
    },
    importPastedText: {
      base: { title: "Pasted", text: "It said so. Others did not." },
      run: (input) => importPastedText({ actor: owner, projectSlug: slug, input }),
    },
    createSource: {
      base: { name: "the PMU", aliases: ["PMU"], type: "OFFICIAL_BODY", affiliation: "x" },
      run: (input) => createSource({ actor: owner, projectSlug: slug, input }),
    },
    createProject: {
      base: {
        name: "P",
        slug: "fuzz-project",
        description: "d",
        guidelines: "g",
        annotatorsPerDocument: "2",
      },
      run: (input) => createProjectFn({ actor: admin, input }),
    },
    updateProject: {
      base: {
        name: "P",
        slug: project.slug,
        description: "d",
        guidelines: "g",
        annotatorsPerDocument: "2",
      },
      run: (input) => updateProject({ actor: owner, projectId: project.id, input }),
    },
    addMember: {
      base: { email: "nobody@example.org", role: "ANNOTATOR" },
      run: (input) => addMember({ actor: owner, projectId: project.id, input }),
    },
    createApiToken: {
      base: { name: "t", scope: "READ", expiresInDays: "3" },
      run: (input) => createApiToken({ actor: owner, input }),
    },
    updateProfile: {
      base: { name: "N" },
      run: (input) => updateProfile({ actor: annotator, input }),
    },
    changePassword: {
      base: { currentPassword: "wrong", newPassword: "long enough pw", confirmPassword: "x" },
      run: (input) => changePassword({ actor: owner, input }),
    },
    createUserAccount: {
      base: { name: "N", email: "fuzz@example.org" },
      run: (input) => createUserAccount({ actor: admin, input }),
    },
    acceptInvite: {
      base: { token: "t", password: "long enough pw", confirmPassword: "long enough pw" },
      run: (input) => acceptInvite(input),
    },
    verifyCredentials: {
      base: { email: "nobody@example.org", password: "p" },
      run: (input) => verifyCredentials(input, { ip: null }),
    },
    estimateExport: {
      base: { format: "jsonl", seed: "1", train: "80" },
      run: (input) => estimateExport({ actor: owner, projectSlug: slug, input }),
    },
    searchDocuments: {
      base: { q: "said", page: "1" },
      run: (query) => searchDocuments({ actor: owner, projectSlug: slug, query }),
    },
    listAssignmentsView: {
      base: { page: "1" },
      run: (query) => listAssignmentsView({ actor: owner, projectSlug: slug, query }),
    },
    listAuditEvents: {
      base: { user: "u", action: "a", from: "", to: "" },
      run: (filters) => listAuditEvents({ actor: admin, filters }),
    },
  };
}

describe("hostile input to every server action's input", () => {
  for (const name of Object.keys(targets())) {
    it(`${name}: refused with a message or stored as sent, never a database error`, async () => {
      const target = targets()[name];
      if (!target) throw new Error(name);
      for (const field of Object.keys(target.base)) {
        for (const value of HOSTILE) {
          await outcome(async () => target.run({ ...target.base, [field]: value }));
        }
      }
    });
  }

  it("the reported reproductions are refused with the field named", async () => {
    for (const [input, field] of [
      [{ sentenceId, label: "OPINION", expectedVersion: PG_INT_MAX + 1 }, "expectedVersion"],
      [{ sentenceId, label: "OPINION", note: "a\u0000b", expectedVersion: 0 }, "note"],
      [{ sentenceId, label: "OPINION", note: "\uD800", expectedVersion: 0 }, "note"],
    ] as const) {
      await expect(
        saveAnnotation({ actor: annotator, projectSlug: project.slug, input }),
      ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { [field]: expect.any(Array) } });
    }
  });

  it("what is accepted is stored as sent", async () => {
    const note = "emoji \uD83D\uDE00 and accents é";
    expect(isStorableText(note)).toBe(true);
    const saved = await saveAnnotation({
      actor: annotator,
      projectSlug: project.slug,
      input: { sentenceId, label: "OPINION", note, expectedVersion: 0 },
    });
    expect(saved.fields.note).toBe(note);
  });
});

describe("hostile input to every JSON route", () => {
  const auth = () => ({ authorization: `Bearer ${token}` });

  async function expect4xx(response: Response) {
    expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const body = (await response.json()) as { error?: { message?: string } };
    expect(body.error?.message).toBeTruthy();
  }

  it("PUT annotations: every field, every hostile value", async () => {
    const base: Record<string, unknown> = {
      sentenceId,
      label: "OPINION",
      sourceText: "s",
      sourceStart: 0,
      sourceEnd: 1,
      note: "n",
      expectedVersion: 0,
    };
    const put = (body: string, slug = project.slug) =>
      annotationPut(
        new Request(`http://t/api/projects/x/annotations`, {
          method: "PUT",
          headers: { ...auth(), "content-type": "application/json" },
          body,
        }),
        { params: Promise.resolve({ slug }) },
      );
    for (const field of Object.keys(base)) {
      for (const value of HOSTILE) {
        const res = await put(JSON.stringify({ ...base, [field]: value }));
        // A value that is valid for the field (a string for the note) may be saved or conflict.
        if (res.status < 400 || res.status === 409) continue;
        await expect4xx(res);
      }
    }
    await expect4xx(await put(JSON.stringify({ ...base, expectedVersion: 2_147_483_648 })));
    await expect4xx(await put(JSON.stringify({ ...base, note: "a\u0000b" })));
    await expect4xx(await put("{not json"));
    await expect4xx(await put(JSON.stringify(base), "slug\u0000"));
    await expect4xx(await put(JSON.stringify(base), "\uD800"));
  });

  it("GET agreement, export and document annotations: hostile query values and path ids", async () => {
    for (const value of HOSTILE) {
      // A URL cannot carry a lone surrogate; its UTF-8 bytes (and a NUL) arrive percent-encoded instead.
      const v =
        typeof value === "string"
          ? `${encodeURIComponent(value.slice(0, 5000).replace(/[\uD800-\uDFFF]/g, ""))}%ED%A0%80%00`
          : encodeURIComponent(String(value));
      for (const param of ["documents", "annotators", "boilerplate"]) {
        const res = await agreementGet(
          new Request(`http://t/api/projects/${project.slug}/agreement?${param}=${v}`, {
            headers: auth(),
          }),
          { params: Promise.resolve({ slug: project.slug }) },
        );
        if (res.status >= 400) await expect4xx(res);
        else await res.body?.cancel();
      }
      for (const param of ["format", "seed", "train", "documents", "identity"]) {
        const res = await exportGet(
          new Request(`http://t/api/projects/${project.slug}/export?format=csv&${param}=${v}`, {
            headers: auth(),
          }),
          { params: Promise.resolve({ slug: project.slug }) },
        );
        if (res.status >= 400) await expect4xx(res);
        else await res.body?.cancel();
      }
      const id = typeof value === "string" ? value.slice(0, 5000) : String(value);
      await expect4xx(
        await annotationsGet(
          new Request(`http://t/api/projects/${project.slug}/documents/x/annotations`, {
            headers: auth(),
          }),
          { params: Promise.resolve({ slug: project.slug, id }) },
        ),
      );
    }
  });
});
