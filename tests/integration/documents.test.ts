import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { getDocument, listDocumentTitles } from "@/lib/server/documents/store";
import { listProjects } from "@/lib/server/projects/projects";
import { SAMPLE_PROJECT, seedSampleProject } from "@/lib/server/documents/seed";
import { createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

describe("sample project seed", () => {
  it("imports both sample articles once, with sentences whose offsets slice the stored text", async () => {
    expect(await seedSampleProject()).toEqual({ created: true, documents: 2 });
    expect(await seedSampleProject()).toEqual({ created: false, documents: 0 });

    const project = await db.project.findUniqueOrThrow({
      where: { slug: SAMPLE_PROJECT.slug },
      select: { id: true, name: true },
    });
    expect(project.name).toBe("Sample: South Front reports");
    const documents = await db.document.findMany({
      where: { projectId: project.id },
      select: { text: true, title: true, sentences: { orderBy: { index: "asc" } } },
    });
    expect(documents).toHaveLength(2);
    for (const doc of documents) {
      expect(doc.sentences.length).toBeGreaterThan(10);
      let previousEnd = 0;
      for (const [i, s] of doc.sentences.entries()) {
        expect(s.index).toBe(i);
        expect(doc.text.slice(s.start, s.end)).toBe(s.text);
        expect(s.start).toBeGreaterThanOrEqual(previousEnd);
        previousEnd = s.end;
      }
      expect(doc.sentences.some((s) => s.isBoilerplate)).toBe(true);
      // The articles are Markdown: their links leave their text, never their syntax.
      expect(doc.text).not.toContain("[");
      expect(doc.text).not.toContain("](");
    }
    const article = documents.find((d) => d.title.startsWith("Video: Pressure on Terrorists"));
    if (!article) throw new Error("the western Iraq sample is missing");
    // Its header lines: the title (metadata, and the taggable headline), then flagged lines only.
    expect(article.sentences.slice(0, 7).map((s) => [s.text, s.isBoilerplate])).toEqual([
      [article.title, false],
      ["By South Front", true],
      ["Global Research, June 09, 2017", true],
      ["South Front 8 June 2017", true],
      ["Region: Middle East & North Africa", true],
      ["Theme: Terrorism, US NATO War Agenda", true],
      ["In-depth Report: IRAQ REPORT, SYRIA", true],
    ]);
    // Each seeded document is in the audit log, written with it.
    expect(
      await db.auditEvent.count({ where: { projectId: project.id, action: "document.import" } }),
    ).toBe(2);
  });
});

describe("reading documents", () => {
  it("refuses the same text twice in a project, naming the existing document", async () => {
    const project = await createProject();
    const text = "Headline\n\nThe ministry said 12 people died. Witnesses disputed that.";
    const first = await importDocument(project.id, { text, title: "First copy" });
    await expect(importDocument(project.id, { text, title: "Second copy" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining('"First copy"'),
    });
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(1);
    expect(await db.sentence.count({ where: { documentId: first.id } })).toBe(first.sentenceCount);
  });

  it("shows a member the project's documents, and a non-member nothing (404, not 403)", async () => {
    const member = await createUser();
    const outsider = await createUser();
    const project = await createProject({ members: [[member, "ANNOTATOR"]] });
    const doc = await importDocument(project.id);

    const documents = await listDocumentTitles({ actor: member, projectSlug: project.slug });
    expect(documents).toEqual([{ id: doc.id, title: doc.title }]);
    expect((await listProjects(member)).map((p) => p.slug)).toContain(project.slug);

    await expect(
      listDocumentTitles({ actor: outsider, projectSlug: project.slug }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      getDocument({ actor: outsider, projectSlug: project.slug, documentId: doc.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await listProjects(outsider)).map((p) => p.slug)).not.toContain(project.slug);
  });

  it("answers 404 for a document id of another project, even to a member of both", async () => {
    const user = await createUser();
    const a = await createProject({ members: [[user, "OWNER"]] });
    const b = await createProject({ members: [[user, "OWNER"]] });
    const docInB = await importDocument(b.id);
    await expect(
      getDocument({ actor: user, projectSlug: a.slug, documentId: docInB.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      getDocument({ actor: user, projectSlug: a.slug, documentId: "not-a-uuid" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const { document } = await getDocument({
      actor: user,
      projectSlug: b.slug,
      documentId: docInB.id,
    });
    expect(document.id).toBe(docInB.id);
  });

  it("lets an administrator read any project", async () => {
    const admin = await createUser({ admin: true });
    const project = await createProject();
    await importDocument(project.id);
    expect(await listDocumentTitles({ actor: admin, projectSlug: project.slug })).toHaveLength(1);
  });
});
