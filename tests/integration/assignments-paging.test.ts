import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as assignmentsGet } from "@/app/api/projects/[slug]/assignments/route";
import { db, disconnectDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { createApiToken } from "@/lib/server/accounts/tokens";
import {
  changeAssignments,
  listAssignmentsView,
  type AssignmentsView,
} from "@/lib/server/assignments/assignments";
import {
  annotate,
  createProject,
  createUser,
  importDocument,
  submitDocument,
} from "../support/factories";

afterAll(disconnectDb);

type Status = "NOT_STARTED" | "IN_PROGRESS" | "SUBMITTED";

interface ApiRow {
  documentId: string;
  title: string;
  annotatorId: string;
  annotator: string;
  dueOn: string | null;
  status: Status;
  lastActivityAt: string;
}

interface ApiPage {
  canManage: boolean;
  canAllowReopen: boolean;
  annotators: Array<{
    userId: string;
    name: string;
    assigned: number;
    notStarted: number;
    inProgress: number;
    submitted: number;
  }>;
  lockedSubmissions: unknown[];
  assignments: ApiRow[];
  pagination: { page: number; pageSize: number; total: number; pageCount: number };
}

const DOCS = 50;
const ANNOTATORS = 5;
const DAY_MS = 86_400_000;

/**
 * Four assign actions, each sharing one creation time so only ids order its
 * rows; the first and third share a due date too, so creation orders them.
 */
const BATCHES: Array<{ from: number; to: number; dueOn: string | null }> = [
  { from: 20, to: 28, dueOn: "2031-02-01" },
  { from: 0, to: 20, dueOn: "2031-03-01" },
  { from: 28, to: 35, dueOn: "2031-02-01" },
  { from: 35, to: DOCS, dueOn: null },
];

let owner: Actor;
let annotators: Actor[];
let project: { id: string; slug: string };
let documents: Array<{ id: string; title: string }>;
/** What each (document, annotator) pair was made into, and the save time it was given. */
const plan = new Map<string, { status: Status; savedAt: Date | null }>();

async function get(actor: Actor, query: string): Promise<Response> {
  const { token } = await createApiToken({ actor, input: { name: "pager", scope: "READ" } });
  return assignmentsGet(
    new Request(`http://sourcelight.test/api/projects/${project.slug}/assignments${query}`, {
      headers: { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({ slug: project.slug }) },
  );
}

async function page(actor: Actor, query: string): Promise<ApiPage> {
  const res = await get(actor, query);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as ApiPage;
}

/** Every page of `pageSize` in turn, until the last one the first page announced. */
async function allPages(actor: Actor, pageSize: number): Promise<ApiPage[]> {
  const first = await page(actor, `?pageSize=${pageSize}`);
  const pages = [first];
  for (let n = 2; n <= first.pagination.pageCount; n++)
    pages.push(await page(actor, `?page=${n}&pageSize=${pageSize}`));
  return pages;
}

/** Every page of the assignments page's view, in turn, until the last one the first announced. */
async function allViewPages(actor: Actor): Promise<AssignmentsView[]> {
  const view = (page?: string) =>
    listAssignmentsView({ actor, projectSlug: project.slug, query: { page } });
  const first = await view();
  const views = [first];
  for (let n = 2; n <= first.pagination.pageCount; n++) views.push(await view(String(n)));
  return views;
}

/** The full list as it should be, ordered by due date (none last), then creation, then id. */
async function expectedList(onlyAnnotatorId?: string): Promise<ApiRow[]> {
  const rows = await db.assignment.findMany({
    where: { projectId: project.id, ...(onlyAnnotatorId ? { annotatorId: onlyAnnotatorId } : {}) },
    select: {
      id: true,
      documentId: true,
      annotatorId: true,
      dueOn: true,
      createdAt: true,
      document: { select: { title: true } },
      annotator: { select: { name: true } },
    },
  });
  const due = (d: Date | null) => (d ? d.getTime() : Number.POSITIVE_INFINITY);
  rows.sort(
    (a, b) =>
      due(a.dueOn) - due(b.dueOn) ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return rows.map((r) => {
    const planned = plan.get(`${r.documentId}:${r.annotatorId}`);
    if (!planned) throw new Error("an assignment the test did not make");
    const saved = planned.savedAt;
    return {
      documentId: r.documentId,
      title: r.document.title,
      annotatorId: r.annotatorId,
      annotator: r.annotator.name,
      dueOn: r.dueOn ? r.dueOn.toISOString().slice(0, 10) : null,
      status: planned.status,
      lastActivityAt: (saved && saved > r.createdAt ? saved : r.createdAt).toISOString(),
    };
  });
}

beforeAll(async () => {
  owner = await createUser({ name: "Olga Owner" });
  annotators = [];
  for (let j = 0; j < ANNOTATORS; j++)
    annotators.push(await createUser({ name: `Annotator ${j}` }));
  project = await createProject({
    blind: true,
    members: [[owner, "OWNER"], ...annotators.map((a): [Actor, "ANNOTATOR"] => [a, "ANNOTATOR"])],
  });
  documents = [];
  for (let i = 0; i < DOCS; i++) {
    const doc = await importDocument(project.id, {
      title: `Paged report ${String(i).padStart(2, "0")}`,
      text: `Paged report ${i} ${Math.random()}\n\nThe army said it advanced.`,
    });
    documents.push({ id: doc.id, title: `Paged report ${String(i).padStart(2, "0")}` });
  }
  for (const batch of BATCHES) {
    await changeAssignments({
      actor: owner,
      projectSlug: project.slug,
      input: {
        action: "assign",
        documents: { documentIds: documents.slice(batch.from, batch.to).map((d) => d.id) },
        annotatorIds: annotators.map((a) => a.id),
        dueOn: batch.dueOn,
      },
    });
  }
  const sentences = await db.sentence.findMany({
    where: { document: { projectId: project.id } },
    orderBy: { index: "asc" },
    select: { id: true, documentId: true },
  });
  const firstSentence = new Map<string, string>();
  for (const s of sentences)
    if (!firstSentence.has(s.documentId)) firstSentence.set(s.documentId, s.id);
  const later = new Date(Date.now() + 3 * DAY_MS);
  const longAgo = new Date("2020-01-01T00:00:00.000Z");
  for (const [i, doc] of documents.entries()) {
    for (const [j, annotator] of annotators.entries()) {
      const key = `${doc.id}:${annotator.id}`;
      const sentenceId = firstSentence.get(doc.id);
      if (!sentenceId) throw new Error("a document without sentences");
      switch ((i + j) % 4) {
        case 0:
          plan.set(key, { status: "NOT_STARTED", savedAt: null });
          break;
        case 1: {
          // A save: later than the assignment moves its last activity, an older one does not.
          const savedAt = j % 2 === 0 ? later : longAgo;
          await annotate(sentenceId, annotator.id, "OPINION", { updatedAt: savedAt });
          plan.set(key, { status: "IN_PROGRESS", savedAt });
          break;
        }
        case 2:
          // Opened and started, nothing saved yet.
          await db.documentProgress.create({
            data: { documentId: doc.id, userId: annotator.id, status: "IN_PROGRESS" },
          });
          plan.set(key, { status: "IN_PROGRESS", savedAt: null });
          break;
        default: {
          await annotate(sentenceId, annotator.id, "SOURCED_FACT", { updatedAt: later });
          await submitDocument(doc.id, annotator.id);
          plan.set(key, { status: "SUBMITTED", savedAt: later });
        }
      }
    }
  }
}, 120_000);

describe("the assignments list, paged in the database", () => {
  it("pages of 40 concatenate to exactly the full ordered list, with statuses, totals and workload", async () => {
    const expected = await expectedList();
    expect(expected).toHaveLength(DOCS * ANNOTATORS);
    // Ties on due date and creation time are there to be broken by id.
    expect(new Set(expected.map((r) => r.dueOn)).size).toBe(3);

    const pages = await allPages(owner, 40);
    expect(pages).toHaveLength(7);
    pages.forEach((p, n) => {
      expect(p.pagination).toEqual({ page: n + 1, pageSize: 40, total: 250, pageCount: 7 });
      expect(p.assignments).toHaveLength(n < 6 ? 40 : 10);
      expect(Object.keys(p)).toEqual([
        "canManage",
        "canAllowReopen",
        "annotators",
        "lockedSubmissions",
        "assignments",
        "pagination",
      ]);
    });
    expect(pages.flatMap((p) => p.assignments)).toEqual(expected);

    // The workload is the same on every page and counts every assignment, not the page's.
    const count = (annotatorId: string, status: Status) =>
      expected.filter((r) => r.annotatorId === annotatorId && r.status === status).length;
    // Members in the order they joined; these joined together, so by their membership's id.
    const joined = await db.membership.findMany({
      where: { projectId: project.id, role: "ANNOTATOR" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { user: { select: { id: true, name: true } } },
    });
    const workload = joined.map(({ user: a }) => ({
      userId: a.id,
      name: a.name,
      assigned: DOCS,
      notStarted: count(a.id, "NOT_STARTED"),
      inProgress: count(a.id, "IN_PROGRESS"),
      submitted: count(a.id, "SUBMITTED"),
    }));
    for (const p of pages) expect(p.annotators).toEqual(workload);
    expect(workload.every((w) => w.notStarted > 0 && w.inProgress > 0 && w.submitted > 0)).toBe(
      true,
    );

    // The assignments page pages the same list, with the same workload on every page.
    const views = await allViewPages(owner);
    expect(views).toHaveLength(5);
    expect(JSON.parse(JSON.stringify(views.flatMap((v) => v.assignments)))).toEqual(expected);
    for (const v of views) expect(v.annotators).toEqual(workload);
  });

  it("the largest page holds 200 and the next the remaining 50; past the end is an empty page", async () => {
    const expected = await expectedList();
    const pages = await allPages(owner, 200);
    expect(pages.map((p) => p.assignments.length)).toEqual([200, 50]);
    expect(pages.flatMap((p) => p.assignments)).toEqual(expected);
    const beyond = await page(owner, "?page=3&pageSize=200");
    expect(beyond.assignments).toEqual([]);
    expect(beyond.pagination).toEqual({ page: 3, pageSize: 200, total: 250, pageCount: 2 });
  });

  it("refuses a page or page size out of range with a 422 naming the field", async () => {
    const cases: Array<[string, "page" | "pageSize", RegExp]> = [
      ["?page=0", "page", /start at 1/],
      ["?page=100001", "page", /100,000/],
      ["?page=2.5", "page", /whole number/],
      ["?page=two", "page", /as a number/],
      ["?pageSize=0", "pageSize", /at least 1/],
      ["?pageSize=201", "pageSize", /at most 200/],
      ["?pageSize=-5&page=1", "pageSize", /at least 1/],
    ];
    for (const [query, field, message] of cases) {
      const res = await get(owner, query);
      expect(res.status, query).toBe(422);
      expect(await res.json(), query).toMatchObject({
        error: { code: "VALIDATION", fields: { [field]: [expect.stringMatching(message)] } },
      });
    }
  });

  it("an annotator of a blind project pages through their own assignments only, counted alone", async () => {
    const me = annotators[2];
    if (!me) throw new Error("annotators expected");
    const expected = await expectedList(me.id);
    expect(expected).toHaveLength(DOCS);
    const pages = await allPages(me, 7);
    expect(pages).toHaveLength(8);
    for (const p of pages) {
      expect(p.pagination.total).toBe(DOCS);
      expect(p.pagination.pageCount).toBe(8);
      expect(p.annotators).toEqual([]);
      expect(p.canManage).toBe(false);
    }
    expect(pages.flatMap((p) => p.assignments)).toEqual(expected);
    const others = annotators.filter((a) => a.id !== me.id).map((a) => a.id);
    const everything = JSON.stringify(pages);
    for (const id of others) expect(everything).not.toContain(id);
    const beyond = await page(me, "?page=9&pageSize=7");
    expect(beyond.assignments).toEqual([]);
    expect(beyond.pagination).toEqual({ page: 9, pageSize: 7, total: DOCS, pageCount: 8 });
  });
});

describe("the assignments page's view, paged like the documents list", () => {
  it("pages of 50 in the list's order, each with the workload over all 250 and the owner's documents", async () => {
    const expected = await expectedList();
    const views = await allViewPages(owner);
    views.forEach((v, n) => {
      expect(v.pagination).toEqual({ page: n + 1, pageSize: 50, total: 250, pageCount: 5 });
      expect(v.assignments).toHaveLength(50);
      expect(v.canManage).toBe(true);
      expect(v.annotators.map((a) => a.assigned)).toEqual(Array(ANNOTATORS).fill(DOCS));
      // The documents an owner assigns from are all of them, whichever page of assignments is shown.
      expect(v.documents.map((d) => d.title)).toEqual(documents.map((d) => d.title));
    });
    expect(JSON.parse(JSON.stringify(views.flatMap((v) => v.assignments)))).toEqual(expected);
  });

  it("reads a malformed page as page 1 and a page past the end as an empty page, as the documents list does", async () => {
    const first = await listAssignmentsView({
      actor: owner,
      projectSlug: project.slug,
      query: {},
    });
    for (const page of ["0", "-3", "two", "2.5", "", "100001", "1e9"]) {
      const view = await listAssignmentsView({
        actor: owner,
        projectSlug: project.slug,
        query: { page },
      });
      expect(view.pagination, page).toEqual(first.pagination);
      expect(view.assignments, page).toEqual(first.assignments);
    }
    for (const query of [undefined, null, "page=2", ["2"]]) {
      const view = await listAssignmentsView({ actor: owner, projectSlug: project.slug, query });
      expect(view.pagination, JSON.stringify(query)).toEqual(first.pagination);
    }
    const beyond = await listAssignmentsView({
      actor: owner,
      projectSlug: project.slug,
      query: { page: "6" },
    });
    expect(beyond.assignments).toEqual([]);
    expect(beyond.pagination).toEqual({ page: 6, pageSize: 50, total: 250, pageCount: 5 });
    // The workload is not a page's: it is there past the end too.
    expect(beyond.annotators).toEqual(first.annotators);
  });

  it("an annotator of a blind project sees only their own assignments, on the one page they fill", async () => {
    const me = annotators[1];
    if (!me) throw new Error("annotators expected");
    const mine = await allViewPages(me);
    expect(mine).toHaveLength(1);
    const [only] = mine;
    if (!only) throw new Error("a page expected");
    expect(only.pagination).toEqual({ page: 1, pageSize: 50, total: DOCS, pageCount: 1 });
    expect(JSON.parse(JSON.stringify(only.assignments))).toEqual(await expectedList(me.id));
    expect(only.annotators).toEqual([]);
    expect(only.documents).toEqual([]);
    expect(only.canManage).toBe(false);
    const everything = JSON.stringify(only);
    for (const other of annotators.filter((a) => a.id !== me.id)) {
      expect(everything).not.toContain(other.id);
      expect(everything).not.toContain(other.name);
    }
    // Past their one page, nothing of anyone's.
    const beyond = await listAssignmentsView({
      actor: me,
      projectSlug: project.slug,
      query: { page: "2" },
    });
    expect(beyond.assignments).toEqual([]);
    expect(beyond.pagination.total).toBe(DOCS);
  });
});
