import { afterAll, describe, expect, it } from "vitest";
import { PUT as annotationPut } from "@/app/api/projects/[slug]/annotations/route";
import {
  GET as assignmentsGet,
  PUT as assignmentsPut,
} from "@/app/api/projects/[slug]/assignments/route";
import { db, disconnectDb } from "@/lib/db";
import { AppError } from "@/lib/domain/errors";
import { MAX_REPORT_MS } from "@/lib/domain/workflow";
import type { Actor } from "@/lib/server/actor";
import { createApiToken } from "@/lib/server/accounts/tokens";
import { clearAnnotation, saveAnnotation } from "@/lib/server/annotations/annotations";
import { DocumentLocked, documentLockState } from "@/lib/server/annotations/lock";
import {
  allowReopen,
  annotatorQueues,
  nextDocument,
  setDocumentSubmitted,
} from "@/lib/server/annotations/progress";
import { annotatorTimes, recordActiveTime } from "@/lib/server/annotations/time";
import { changeAssignments, listAssignmentsView } from "@/lib/server/assignments/assignments";
import { projectDashboard } from "@/lib/server/review/dashboard";
import { runExport, unzip } from "../support/export-files";
import { annotate, createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to be refused");
}

/** An owner, a reviewer, three annotators and `docs` documents titled "Report <n> …". */
async function team(opts: { docs?: number; blind?: boolean } = {}) {
  const owner = await createUser({ name: "Olga Owner" });
  const reviewer = await createUser({ name: "Rita Reviewer" });
  const ann = await createUser({ name: "Ann" });
  const ben = await createUser({ name: "Ben" });
  const cy = await createUser({ name: "Cy" });
  const project = await createProject({
    blind: opts.blind ?? true,
    members: [
      [owner, "OWNER"],
      [reviewer, "REVIEWER"],
      [ann, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
      [cy, "ANNOTATOR"],
    ],
  });
  const documents = [];
  for (let i = 0; i < (opts.docs ?? 3); i++) {
    documents.push(
      await importDocument(project.id, {
        title: `${i % 2 === 0 ? "Batch" : "Other"} report ${i}`,
        text: `Report ${i} ${Math.random()}\n\nThe army said it advanced. Critics called it reckless.`,
      }),
    );
  }
  return { owner, reviewer, ann, ben, cy, project, documents };
}

const change = (actor: Actor, projectSlug: string, input: unknown) =>
  changeAssignments({ actor, projectSlug, input });

async function firstSentence(documentId: string) {
  return db.sentence.findFirstOrThrow({
    where: { documentId, isBoilerplate: false },
    orderBy: { index: "asc" },
  });
}

describe("assignments", () => {
  it("an owner assigns a batch by filter with a due date; both annotators get it first in their queue", async () => {
    const { owner, ann, ben, cy, project, documents } = await team({ docs: 4 });
    const batch = documents.filter((d) => d.title.startsWith("Batch"));
    const result = await change(owner, project.slug, {
      action: "assign",
      documents: { filter: { q: "batch" } },
      annotatorIds: [ann.id, ben.id],
      dueOn: "2026-12-24",
    });
    expect(result).toEqual({ action: "assign", changed: 4 });

    for (const who of [ann, ben]) {
      const next = await nextDocument({ actor: who, projectSlug: project.slug });
      expect(batch.map((d) => d.id)).toContain(next?.id);
      const { queues } = await annotatorQueues({ actor: who, projectSlug: project.slug });
      const mine = queues[0]?.documents ?? [];
      expect(queues[0]?.assigned).toBe(2);
      expect(mine.slice(0, 2).map((d) => [d.assigned, d.dueOn])).toEqual([
        [true, "2026-12-24"],
        [true, "2026-12-24"],
      ]);
      expect(mine.slice(2).every((d) => !d.assigned)).toBe(true);
    }
    // Cy is not assigned: the batch is planned for others, so Cy is offered only the rest.
    const forCy = await nextDocument({ actor: cy, projectSlug: project.slug });
    expect(batch.map((d) => d.id)).not.toContain(forCy?.id);

    const view = await listAssignmentsView({ actor: owner, projectSlug: project.slug, query: {} });
    expect(view.canManage).toBe(true);
    expect(view.assignments).toHaveLength(4);
    const annLoad = view.annotators.find((a) => a.userId === ann.id);
    expect(annLoad).toMatchObject({ assigned: 2, notStarted: 2, inProgress: 0, submitted: 0 });
    expect(view.annotators.find((a) => a.userId === cy.id)).toMatchObject({ assigned: 0 });

    const audit = await db.auditEvent.findFirst({
      where: { projectId: project.id, action: "assignment.assign" },
      select: { actorId: true },
    });
    expect(audit?.actorId).toBe(owner.id);
  });

  it("counts in progress and submitted per annotator", async () => {
    const { owner, ann, project, documents } = await team({ docs: 3 });
    const [d0, d1] = documents;
    if (!d0 || !d1) throw new Error("two documents expected");
    await change(owner, project.slug, {
      action: "assign",
      documents: { documentIds: documents.map((d) => d.id) },
      annotatorIds: [ann.id],
    });
    await annotate((await firstSentence(d0.id)).id, ann.id, "OPINION");
    await setDocumentSubmitted({
      actor: ann,
      projectSlug: project.slug,
      documentId: d1.id,
      submitted: true,
    });
    const view = await listAssignmentsView({ actor: owner, projectSlug: project.slug, query: {} });
    expect(view.annotators.find((a) => a.userId === ann.id)).toMatchObject({
      assigned: 3,
      notStarted: 1,
      inProgress: 1,
      submitted: 1,
    });
  });

  it("distributes each document to N annotators, balanced, the same for the same seed", async () => {
    const a = await team({ docs: 6 });
    const plan = async (t: Awaited<ReturnType<typeof team>>) => {
      await change(t.owner, t.project.slug, {
        action: "distribute",
        documents: { filter: {} },
        annotatorIds: [t.ann.id, t.ben.id, t.cy.id],
        perDocument: 2,
        seed: 99,
      });
      return db.assignment.findMany({
        where: { projectId: t.project.id },
        select: { documentId: true, annotatorId: true },
      });
    };
    const rows = await plan(a);
    expect(rows).toHaveLength(12);
    for (const d of a.documents) expect(rows.filter((r) => r.documentId === d.id)).toHaveLength(2);
    for (const who of [a.ann, a.ben, a.cy])
      expect(rows.filter((r) => r.annotatorId === who.id)).toHaveLength(4);
    // Distributing again adds nobody: every document has its two.
    const again = await change(a.owner, a.project.slug, {
      action: "distribute",
      documents: { filter: {} },
      annotatorIds: [a.ann.id, a.ben.id, a.cy.id],
      perDocument: 2,
      seed: 5,
    });
    expect(again.changed).toBe(0);
  });

  it("refuses annotators who are not members, documents of another project, and impossible plans", async () => {
    const { owner, reviewer, ann, project } = await team({ docs: 1 });
    const other = await createProject();
    const foreign = await importDocument(other.id);
    const outsider = await createUser();
    const all = { filter: {} };
    expect(
      (
        await refusal(() =>
          change(owner, project.slug, {
            action: "assign",
            documents: all,
            annotatorIds: [outsider.id],
          }),
        )
      ).fieldErrors.annotatorIds,
    ).toEqual(["That person is not an annotator of this project."]);
    // A reviewer does not annotate, so work cannot be assigned to them.
    expect(
      (
        await refusal(() =>
          change(owner, project.slug, {
            action: "assign",
            documents: all,
            annotatorIds: [reviewer.id],
          }),
        )
      ).code,
    ).toBe("VALIDATION");
    expect(
      (
        await refusal(() =>
          change(owner, project.slug, {
            action: "assign",
            documents: { documentIds: [foreign.id] },
            annotatorIds: [ann.id],
          }),
        )
      ).message,
    ).toBe("1 of the chosen documents are not in this project.");
    expect(
      (
        await refusal(() =>
          change(owner, project.slug, {
            action: "distribute",
            documents: all,
            annotatorIds: [ann.id],
            perDocument: 2,
          }),
        )
      ).fieldErrors.perDocument,
    ).toHaveLength(1);
    expect(
      (
        await refusal(() =>
          change(owner, project.slug, {
            action: "assign",
            documents: { filter: { q: "zzz" } },
            annotatorIds: [ann.id],
          }),
        )
      ).message,
    ).toBe("No document matches that filter.");
    expect((await refusal(() => change(owner, project.slug, { action: "nonsense" }))).code).toBe(
      "VALIDATION",
    );
    expect(await db.assignment.count({ where: { projectId: project.id } })).toBe(0);
    // Annotators and reviewers may not change assignments.
    for (const who of [ann, reviewer])
      expect(
        (await refusal(() => change(who, project.slug, { action: "reclaim", olderThanDays: 3 })))
          .code,
      ).toBe("FORBIDDEN");
  });

  it("reassigns one annotator's work to another and unassigns", async () => {
    const { owner, ann, ben, project, documents } = await team({ docs: 2 });
    const ids = documents.map((d) => d.id);
    await change(owner, project.slug, {
      action: "assign",
      documents: { documentIds: ids },
      annotatorIds: [ann.id],
      dueOn: "2027-01-05",
    });
    const moved = await change(owner, project.slug, {
      action: "reassign",
      documents: { documentIds: ids },
      fromAnnotatorId: ann.id,
      toAnnotatorId: ben.id,
    });
    expect(moved.changed).toBe(2);
    const rows = await db.assignment.findMany({
      where: { projectId: project.id },
      select: { annotatorId: true, dueOn: true },
    });
    expect(rows.map((r) => [r.annotatorId, r.dueOn?.toISOString().slice(0, 10)])).toEqual([
      [ben.id, "2027-01-05"],
      [ben.id, "2027-01-05"],
    ]);
    const removed = await change(owner, project.slug, {
      action: "unassign",
      documents: { documentIds: ids.slice(0, 1) },
      annotatorIds: [ben.id],
    });
    expect(removed.changed).toBe(1);
  });

  it("reclaims assignments untouched for more than N days, keeping submitted and recently worked ones", async () => {
    const { owner, ann, ben, cy, project, documents } = await team({ docs: 1 });
    const [doc] = documents;
    if (!doc) throw new Error("a document expected");
    await change(owner, project.slug, {
      action: "assign",
      documents: { documentIds: [doc.id] },
      annotatorIds: [ann.id, ben.id, cy.id],
    });
    const old = new Date(Date.now() - 10 * 86_400_000);
    await db.assignment.updateMany({ where: { projectId: project.id }, data: { createdAt: old } });
    // Ben worked on it yesterday; Cy submitted it long ago; Ann never started.
    await annotate((await firstSentence(doc.id)).id, ben.id, "OPINION", {
      updatedAt: new Date(Date.now() - 86_400_000),
    });
    await setDocumentSubmitted({
      actor: cy,
      projectSlug: project.slug,
      documentId: doc.id,
      submitted: true,
    });
    const result = await change(owner, project.slug, { action: "reclaim", olderThanDays: 7 });
    expect(result.changed).toBe(1);
    const left = await db.assignment.findMany({
      where: { projectId: project.id },
      select: { annotatorId: true },
    });
    expect(left.map((l) => l.annotatorId).sort()).toEqual([ben.id, cy.id].sort());
  });

  it("in a blind project an annotator sees only their own assignments, also through the API", async () => {
    const { owner, ann, ben, project, documents } = await team({ docs: 2 });
    const [d0, d1] = documents;
    if (!d0 || !d1) throw new Error("two documents expected");
    await change(owner, project.slug, {
      action: "assign",
      documents: { documentIds: [d0.id] },
      annotatorIds: [ann.id],
    });
    await change(owner, project.slug, {
      action: "assign",
      documents: { documentIds: [d1.id] },
      annotatorIds: [ben.id],
    });
    const mine = await listAssignmentsView({ actor: ann, projectSlug: project.slug, query: {} });
    expect(mine.canManage).toBe(false);
    expect(mine.annotators).toEqual([]);
    expect(mine.assignments.map((a) => a.annotatorId)).toEqual([ann.id]);

    const { token } = await createApiToken({
      actor: ann,
      input: { name: "t", scope: "READ_WRITE" },
    });
    const headers = { authorization: `Bearer ${token}` };
    const params = { params: Promise.resolve({ slug: project.slug }) };
    const got = await assignmentsGet(new Request("http://t/x", { headers }), params);
    expect(got.status).toBe(200);
    const body = (await got.json()) as { assignments: Array<{ annotatorId: string }> };
    expect(body.assignments.map((a) => a.annotatorId)).toEqual([ann.id]);
    expect(JSON.stringify(body)).not.toContain(ben.id);
  });

  it("PUT refuses a malformed body with 422 and an annotator with 403; an owner's change returns what changed", async () => {
    const { owner, ann, project } = await team({ docs: 1 });
    const params = () => ({ params: Promise.resolve({ slug: project.slug }) });
    const put = async (actor: Actor, body: string) => {
      const { token } = await createApiToken({ actor, input: { name: "t", scope: "READ_WRITE" } });
      return assignmentsPut(
        new Request("http://t/x", {
          method: "PUT",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body,
        }),
        params(),
      );
    };
    const bad = await put(owner, "{not json");
    expect(bad.status).toBe(422);
    const forbidden = await put(ann, JSON.stringify({ action: "reclaim", olderThanDays: 2 }));
    expect(forbidden.status).toBe(403);
    const ok = await put(
      owner,
      JSON.stringify({ action: "assign", documents: { filter: {} }, annotatorIds: [ann.id] }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ action: "assign", changed: 1 });
  });
});

describe("locking submitted work", () => {
  async function submittedDoc() {
    const t = await team({ docs: 1 });
    const doc = t.documents[0];
    if (!doc) throw new Error("a document expected");
    const sentence = await firstSentence(doc.id);
    const saved = await saveAnnotation({
      actor: t.ann,
      projectSlug: t.project.slug,
      input: { sentenceId: sentence.id, label: "OPINION", expectedVersion: 0 },
    });
    await setDocumentSubmitted({
      actor: t.ann,
      projectSlug: t.project.slug,
      documentId: doc.id,
      submitted: true,
    });
    return { ...t, doc, sentence, saved };
  }

  it("refuses saves and clears on a submitted document until it is reopened; the reopen is audited", async () => {
    const { ann, project, doc, sentence, saved } = await submittedDoc();
    const save = () =>
      saveAnnotation({
        actor: ann,
        projectSlug: project.slug,
        input: { sentenceId: sentence.id, label: "SOURCED_FACT", expectedVersion: saved.version },
      });
    const locked = await refusal(save);
    expect(locked).toBeInstanceOf(DocumentLocked);
    expect(locked.code).toBe("CONFLICT");
    expect(locked.message).toContain("Reopen the document to change it.");
    expect(
      await refusal(() =>
        clearAnnotation({
          actor: ann,
          projectSlug: project.slug,
          input: { annotationId: saved.id, expectedVersion: saved.version },
        }),
      ),
    ).toBeInstanceOf(DocumentLocked);
    const kept = await db.annotation.findUniqueOrThrow({ where: { id: saved.id } });
    expect([kept.label, kept.version]).toEqual(["OPINION", 1]);

    await setDocumentSubmitted({
      actor: ann,
      projectSlug: project.slug,
      documentId: doc.id,
      submitted: false,
    });
    expect((await save()).fields.label).toBe("SOURCED_FACT");
    const events = await db.auditEvent.findMany({
      where: { entityId: doc.id, action: { in: ["document.submit", "document.reopen"] } },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    });
    expect(events).toEqual([
      { action: "document.submit", actorId: ann.id },
      { action: "document.reopen", actorId: ann.id },
    ]);
  });

  it("the annotations API answers a save on submitted work with 409 and says to reopen", async () => {
    const { ann, project, sentence, saved } = await submittedDoc();
    const { token } = await createApiToken({
      actor: ann,
      input: { name: "t", scope: "READ_WRITE" },
    });
    const res = await annotationPut(
      new Request(`http://t/api/projects/${project.slug}/annotations`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          sentenceId: sentence.id,
          label: "OPINION",
          expectedVersion: saved.version,
        }),
      }),
      { params: Promise.resolve({ slug: project.slug }) },
    );
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("CONFLICT");
    expect(body.error.message).toContain("Reopen the document to change it.");
  });

  it("another annotator's submission does not lock my work", async () => {
    const { ben, project, sentence } = await submittedDoc();
    const mine = await saveAnnotation({
      actor: ben,
      projectSlug: project.slug,
      input: { sentenceId: sentence.id, label: "OPINION", expectedVersion: 0 },
    });
    expect(mine.version).toBe(1);
  });

  it("refuses to reopen an adjudicated document until a reviewer allows it, once", async () => {
    const { ann, ben, reviewer, project, doc, sentence } = await submittedDoc();
    await db.adjudication.create({
      data: {
        projectId: project.id,
        sentenceId: sentence.id,
        label: "OPINION",
        reviewerId: reviewer.id,
        status: "RESOLVED",
      },
    });
    const state = await documentLockState({
      actor: ann,
      projectSlug: project.slug,
      documentId: doc.id,
    });
    expect(state).toEqual({ adjudicatedSentenceIds: [sentence.id], reopenNeedsReviewer: true });
    const reopen = () =>
      setDocumentSubmitted({
        actor: ann,
        projectSlug: project.slug,
        documentId: doc.id,
        submitted: false,
      });
    const refused = await refusal(reopen);
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain("Ask a reviewer to allow you to reopen it.");

    // Only a reviewer (or owner) may allow it, and only for a submitted document.
    expect(
      (
        await refusal(() =>
          allowReopen({
            actor: ann,
            projectSlug: project.slug,
            documentId: doc.id,
            annotatorId: ann.id,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await refusal(() =>
          allowReopen({
            actor: reviewer,
            projectSlug: project.slug,
            documentId: doc.id,
            annotatorId: ben.id,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    await allowReopen({
      actor: reviewer,
      projectSlug: project.slug,
      documentId: doc.id,
      annotatorId: ann.id,
    });
    expect(
      (await documentLockState({ actor: ann, projectSlug: project.slug, documentId: doc.id }))
        .reopenNeedsReviewer,
    ).toBe(false);
    expect((await reopen()).status).toBe("IN_PROGRESS");
    // The permission is used up: after submitting again, reopening needs a reviewer again.
    await setDocumentSubmitted({
      actor: ann,
      projectSlug: project.slug,
      documentId: doc.id,
      submitted: true,
    });
    expect((await refusal(reopen)).code).toBe("CONFLICT");
    const allowed = await db.auditEvent.count({
      where: { entityId: doc.id, action: "document.reopen-allowed", actorId: reviewer.id },
    });
    expect(allowed).toBe(1);
  });
});

describe("time spent", () => {
  it("credits a first report, clamps a second to the wall clock, refuses a forged one, and computes the median", async () => {
    const { ann, owner, project, documents } = await team({ docs: 1 });
    const [doc] = documents;
    if (!doc) throw new Error("a document expected");
    const report = (activeMs: number, documentId = doc.id) =>
      recordActiveTime({ actor: ann, projectSlug: project.slug, input: { documentId, activeMs } });
    expect(await report(30_000)).toEqual({ creditedMs: 30_000, totalMs: 30_000 });
    // Immediately after: far less than 30 s of wall clock passed, so far less is credited.
    const second = await report(30_000);
    expect(second.creditedMs).toBeLessThan(5_000);
    expect(second.totalMs).toBe(30_000 + second.creditedMs);

    const forged = await refusal(() => report(MAX_REPORT_MS * 1000));
    expect(forged.code).toBe("VALIDATION");
    expect(forged.fieldErrors.activeMs?.[0]).toContain("at most 10 minutes");
    const other = await importDocument((await createProject()).id);
    expect((await refusal(() => report(1000, other.id))).code).toBe("NOT_FOUND");
    expect(
      (
        await refusal(() =>
          recordActiveTime({
            actor: owner,
            projectSlug: project.slug,
            input: { documentId: "x", activeMs: 5 },
          }),
        )
      ).code,
    ).toBe("VALIDATION");

    // Two tagged sentences: 15 s per sentence (the second report's few ms aside).
    const sentences = await db.sentence.findMany({
      where: { documentId: doc.id, isBoilerplate: false },
      orderBy: { index: "asc" },
      take: 2,
    });
    for (const s of sentences) await annotate(s.id, ann.id, "OPINION");
    const [time] = await annotatorTimes(project.id);
    expect(time).toMatchObject({ annotatorId: ann.id, documents: 1 });
    expect(time?.medianSecondsPerSentence).toBeCloseTo(
      (30_000 + second.creditedMs) / 1000 / sentences.length,
      5,
    );
  });

  it("two concurrent reports cannot both credit the same wall-clock time", async () => {
    const { ann, project, documents } = await team({ docs: 1 });
    const [doc] = documents;
    if (!doc) throw new Error("a document expected");
    const input = { documentId: doc.id, activeMs: 60_000 };
    await recordActiveTime({ actor: ann, projectSlug: project.slug, input });
    const both = await Promise.all([
      recordActiveTime({ actor: ann, projectSlug: project.slug, input }),
      recordActiveTime({ actor: ann, projectSlug: project.slug, input }),
    ]);
    expect(both.reduce((n, r) => n + r.creditedMs, 0)).toBeLessThan(10_000);
  });
});

describe("time spent on the dashboard and in the dataset card", () => {
  it("shows median seconds per sentence per annotator, under pseudonyms in a pseudonymous card", async () => {
    const { ann, ben, owner, project, documents } = await team({ docs: 1 });
    const [doc] = documents;
    if (!doc) throw new Error("a document expected");
    const sentences = await db.sentence.findMany({
      where: { documentId: doc.id, isBoilerplate: false },
      orderBy: { index: "asc" },
    });
    for (const s of sentences) {
      await annotate(s.id, ann.id, "OPINION");
      await annotate(s.id, ben.id, "OPINION");
    }
    await recordActiveTime({
      actor: ann,
      projectSlug: project.slug,
      input: { documentId: doc.id, activeMs: 40_000 },
    });

    const dash = await projectDashboard({ actor: owner, projectSlug: project.slug, filters: {} });
    expect(dash.time).toEqual([
      {
        coder: ann.id,
        documents: 1,
        activeSeconds: 40,
        medianSecondsPerSentence: 40 / sentences.length,
      },
    ]);

    await db.project.update({ where: { id: project.id }, data: { identityDisplay: "PSEUDONYMS" } });
    const files = await unzip(
      await runExport(owner, project.slug, { format: "jsonl", card: true, identity: "pseudonyms" }),
    );
    const card = files.get("README.md")?.toString("utf8") ?? "";
    expect(card).toContain("## Annotation time");
    expect(card).toMatch(
      new RegExp(
        `\\| annotator-[0-9a-f]+ \\| ${(40 / sentences.length).toFixed(1)} \\| 40 \\| 1 \\|`,
      ),
    );
    expect(card).not.toContain("| Ann |");
  });
});
