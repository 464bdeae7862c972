import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import {
  AnnotationConflict,
  clearAnnotation,
  loadWorkspace,
  saveAnnotation,
} from "@/lib/server/annotations/annotations";
import {
  annotatorQueues,
  nextDocument,
  setDocumentSubmitted,
} from "@/lib/server/annotations/progress";
import {
  createSource,
  listSources,
  mergeSources,
  updateSource,
} from "@/lib/server/sources/registry";
import { createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

/** A project with two annotators, a reviewer and one document; `s` is its first taggable sentence. */
async function scenario(opts: { blind?: boolean } = {}) {
  const ann = await createUser({ name: "Ann" });
  const ben = await createUser({ name: "Ben" });
  const reviewer = await createUser({ name: "Rita" });
  const project = await createProject({
    blind: opts.blind ?? true,
    members: [
      [ann, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
      [reviewer, "REVIEWER"],
    ],
  });
  const doc = await importDocument(project.id);
  const sentences = await db.sentence.findMany({
    where: { documentId: doc.id, isBoilerplate: false },
    orderBy: { index: "asc" },
  });
  const s = sentences.find((x) => x.text.includes("army"));
  if (!s) throw new Error("the factory document has no army sentence");
  return { ann, ben, reviewer, project, doc, sentences, s };
}

describe("saving annotations", () => {
  it("creates, updates with the right version, and reads back, with the quote taken from the span", async () => {
    const { ann, project, doc, s } = await scenario();
    const start = s.start + s.text.indexOf("The army");
    const created = await saveAnnotation({
      actor: ann,
      projectSlug: project.slug,
      input: {
        sentenceId: s.id,
        label: "SOURCED_FACT",
        sourceStart: start,
        sourceEnd: start + "The army".length,
        note: "  ",
        unsure: true,
        expectedVersion: 0,
      },
    });
    expect(created.version).toBe(1);
    expect(created.fields).toMatchObject({
      label: "SOURCED_FACT",
      sourceText: "The army",
      note: null,
      unsure: true,
    });
    const updated = await saveAnnotation({
      actor: ann,
      projectSlug: project.slug,
      input: { sentenceId: s.id, annotationId: created.id, label: "OPINION", expectedVersion: 1 },
    });
    expect(updated).toMatchObject({
      id: created.id,
      version: 2,
      fields: { label: "OPINION", sourceText: null, unsure: false },
    });
    const workspace = await loadWorkspace({
      actor: ann,
      projectSlug: project.slug,
      documentId: doc.id,
    });
    expect(workspace.mine).toEqual([updated]);
    expect(workspace.others).toBeNull();
  });

  it("refuses a stale version with CONFLICT and the server's current value, and never overwrites it", async () => {
    const { ann, project, s } = await scenario();
    const first = await saveAnnotation({
      actor: ann,
      projectSlug: project.slug,
      input: { sentenceId: s.id, label: "OPINION", expectedVersion: 0 },
    });
    await saveAnnotation({
      actor: ann,
      projectSlug: project.slug,
      input: {
        sentenceId: s.id,
        label: "SOURCED_FACT",
        sourceText: "the army",
        expectedVersion: 1,
      },
    });
    const stale = saveAnnotation({
      actor: ann,
      projectSlug: project.slug,
      input: { sentenceId: s.id, label: "NOT_A_CLAIM", expectedVersion: first.version },
    });
    await expect(stale).rejects.toBeInstanceOf(AnnotationConflict);
    await expect(stale).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/changed elsewhere/),
      current: { version: 2, fields: { label: "SOURCED_FACT", sourceText: "the army" } },
    });
    // A second "first save" from another tab is stale too.
    await expect(
      saveAnnotation({
        actor: ann,
        projectSlug: project.slug,
        input: { sentenceId: s.id, label: "OPINION", expectedVersion: 0 },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const row = await db.annotation.findFirstOrThrow({
      where: { sentenceId: s.id, annotatorId: ann.id },
    });
    expect(row).toMatchObject({ label: "SOURCED_FACT", version: 2 });
  });

  it("rejects another user's annotation id (404), on save and on clear", async () => {
    const { ann, ben, project, s } = await scenario();
    const bens = await saveAnnotation({
      actor: ben,
      projectSlug: project.slug,
      input: { sentenceId: s.id, label: "OPINION", expectedVersion: 0 },
    });
    await expect(
      saveAnnotation({
        actor: ann,
        projectSlug: project.slug,
        input: {
          sentenceId: s.id,
          annotationId: bens.id,
          label: "SOURCED_FACT",
          expectedVersion: 1,
        },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "That annotation was not found." });
    await expect(
      clearAnnotation({
        actor: ann,
        projectSlug: project.slug,
        input: { annotationId: bens.id, expectedVersion: 1 },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.annotation.count({ where: { id: bens.id, label: "OPINION" } })).toBe(1);
  });

  it("rejects a sentence from another project (404)", async () => {
    const { ann, project } = await scenario();
    const other = await scenario();
    await expect(
      saveAnnotation({
        actor: ann,
        projectSlug: project.slug,
        input: { sentenceId: other.s.id, label: "OPINION", expectedVersion: 0 },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "That sentence was not found." });
    // Nor through the other project's slug: Ann is not a member there.
    await expect(
      saveAnnotation({
        actor: ann,
        projectSlug: other.project.slug,
        input: { sentenceId: other.s.id, label: "OPINION", expectedVersion: 0 },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.annotation.count({ where: { sentenceId: other.s.id } })).toBe(0);
  });

  it("rejects an unknown label with a message naming the labels", async () => {
    const { ann, project, s } = await scenario();
    await expect(
      saveAnnotation({
        actor: ann,
        projectSlug: project.slug,
        input: { sentenceId: s.id, label: "RUMOUR", expectedVersion: 0 },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/Unknown label.*Sourced fact/),
      fieldErrors: { label: [expect.any(String)] },
    });
  });

  it("rejects a source span outside the sentence, or reversed", async () => {
    const { ann, project, s } = await scenario();
    await expect(
      saveAnnotation({
        actor: ann,
        projectSlug: project.slug,
        input: {
          sentenceId: s.id,
          label: "SOURCED_FACT",
          sourceStart: s.start,
          sourceEnd: s.end + 5,
          expectedVersion: 0,
        },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: "The source span must lie inside the sentence.",
      fieldErrors: { sourceStart: [expect.any(String)] },
    });
    await expect(
      saveAnnotation({
        actor: ann,
        projectSlug: project.slug,
        input: {
          sentenceId: s.id,
          label: "SOURCED_FACT",
          sourceStart: s.start + 4,
          sourceEnd: s.start + 2,
          expectedVersion: 0,
        },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: "The source span must start before it ends.",
    });
    expect(await db.annotation.count({ where: { sentenceId: s.id } })).toBe(0);
  });

  it("rejects a source from another project's registry, and reviewers and outsiders cannot annotate", async () => {
    const { ann, reviewer, project, s } = await scenario();
    const other = await scenario();
    const foreign = await createSource({
      inline: true,
      actor: other.ann,
      projectSlug: other.project.slug,
      input: { name: "The ministry", type: "OFFICIAL_BODY" },
    });
    await expect(
      saveAnnotation({
        actor: ann,
        projectSlug: project.slug,
        input: {
          sentenceId: s.id,
          label: "SOURCED_FACT",
          sourceId: foreign.id,
          expectedVersion: 0,
        },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: "That source is not in this project's registry.",
    });
    await expect(
      saveAnnotation({
        actor: reviewer,
        projectSlug: project.slug,
        input: { sentenceId: s.id, label: "OPINION", expectedVersion: 0 },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const outsider = await createUser();
    await expect(
      saveAnnotation({
        actor: outsider,
        projectSlug: project.slug,
        input: { sentenceId: s.id, label: "OPINION", expectedVersion: 0 },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("clears an annotation only at the version seen", async () => {
    const { ann, project, s } = await scenario();
    const a = await saveAnnotation({
      actor: ann,
      projectSlug: project.slug,
      input: { sentenceId: s.id, label: "OPINION", expectedVersion: 0 },
    });
    await saveAnnotation({
      actor: ann,
      projectSlug: project.slug,
      input: { sentenceId: s.id, label: "SOURCED_FACT", expectedVersion: 1 },
    });
    await expect(
      clearAnnotation({
        actor: ann,
        projectSlug: project.slug,
        input: { annotationId: a.id, expectedVersion: 1 },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      clearAnnotation({
        actor: ann,
        projectSlug: project.slug,
        input: { annotationId: a.id, expectedVersion: 2 },
      }),
    ).resolves.toEqual({ sentenceId: s.id });
    expect(await db.annotation.count({ where: { sentenceId: s.id } })).toBe(0);
  });

  it("shows others' tags only in open projects", async () => {
    const blind = await scenario({ blind: true });
    await saveAnnotation({
      actor: blind.ben,
      projectSlug: blind.project.slug,
      input: { sentenceId: blind.s.id, label: "OPINION", expectedVersion: 0 },
    });
    expect(
      (
        await loadWorkspace({
          actor: blind.ann,
          projectSlug: blind.project.slug,
          documentId: blind.doc.id,
        })
      ).others,
    ).toBeNull();
    const open = await scenario({ blind: false });
    await saveAnnotation({
      actor: open.ben,
      projectSlug: open.project.slug,
      input: { sentenceId: open.s.id, label: "OPINION", sourceText: "critics", expectedVersion: 0 },
    });
    const ws = await loadWorkspace({
      actor: open.ann,
      projectSlug: open.project.slug,
      documentId: open.doc.id,
    });
    expect(ws.others).toEqual([
      {
        sentenceId: open.s.id,
        annotator: "Ben",
        label: "OPINION",
        sourceText: "critics",
        credibility: null,
      },
    ]);
  });
});

describe("the source registry", () => {
  it("lets annotators add entries, refuses duplicates clearly, and lets reviewers edit and merge (annotations follow)", async () => {
    const { ann, reviewer, project, s } = await scenario();
    const ministry = await createSource({
      inline: true,
      actor: ann,
      projectSlug: project.slug,
      input: { name: "the ministry", type: "OFFICIAL_BODY" },
    });
    const mod = await createSource({
      inline: true,
      actor: ann,
      projectSlug: project.slug,
      input: {
        name: "Iraq's Ministry of Defence",
        aliases: ["MoD"],
        type: "OFFICIAL_BODY",
        affiliation: "Iraqi government",
      },
    });
    await expect(
      createSource({
        inline: true,
        actor: ann,
        projectSlug: project.slug,
        input: { name: "the ministry", type: "OFFICIAL_BODY" },
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { name: [expect.stringMatching(/already in the registry/)] },
    });
    await expect(
      createSource({
        inline: true,
        actor: ann,
        projectSlug: project.slug,
        input: { name: " ", type: "SPACESHIP" },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const a = await saveAnnotation({
      actor: ann,
      projectSlug: project.slug,
      input: { sentenceId: s.id, label: "SOURCED_FACT", sourceId: ministry.id, expectedVersion: 0 },
    });
    expect(a.fields).toMatchObject({
      sourceId: ministry.id,
      sourceText: "the ministry",
      sourceType: "OFFICIAL_BODY",
    });

    await expect(
      mergeSources({
        actor: ann,
        projectSlug: project.slug,
        input: { fromId: ministry.id, intoId: mod.id },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      updateSource({
        actor: ann,
        projectSlug: project.slug,
        sourceId: mod.id,
        input: { name: "x", type: "OFFICIAL_BODY" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const merged = await mergeSources({
      actor: reviewer,
      projectSlug: project.slug,
      input: { fromId: ministry.id, intoId: mod.id },
    });
    expect(merged).toMatchObject({
      name: "Iraq's Ministry of Defence",
      aliases: ["MoD", "the ministry"],
      moved: 1,
    });
    const row = await db.annotation.findUniqueOrThrow({ where: { id: a.id } });
    expect(row).toMatchObject({ sourceId: mod.id, version: 2 });
    expect(
      (await listSources({ actor: ann, projectSlug: project.slug })).map((x) => x.name),
    ).toEqual(["Iraq's Ministry of Defence"]);
    const edited = await updateSource({
      actor: reviewer,
      projectSlug: project.slug,
      sourceId: mod.id,
      input: {
        name: "Iraqi Ministry of Defence",
        aliases: ["MoD", "the ministry"],
        type: "OFFICIAL_BODY",
        // Fields left out keep their value; null clears one.
        affiliation: null,
      },
    });
    expect(edited).toMatchObject({ name: "Iraqi Ministry of Defence", affiliation: null });
    expect(
      await db.auditEvent.count({
        where: { projectId: project.id, action: { startsWith: "source." } },
      }),
    ).toBe(4);
  });
});

describe("progress and flow", () => {
  it("submits and reopens, picks the next document with the fewest annotators then the oldest, and reports queues", async () => {
    const { ann, ben, reviewer, project, doc, s } = await scenario();
    const second = await importDocument(project.id);
    const third = await importDocument(project.id);
    // Ben has tagged the first document; the second and third have no one yet.
    await saveAnnotation({
      actor: ben,
      projectSlug: project.slug,
      input: { sentenceId: s.id, label: "OPINION", expectedVersion: 0 },
    });
    expect(await nextDocument({ actor: ann, projectSlug: project.slug })).toMatchObject({
      id: second.id,
    });
    expect(
      await nextDocument({ actor: ann, projectSlug: project.slug, after: second.id }),
    ).toMatchObject({ id: third.id });
    await setDocumentSubmitted({
      actor: ann,
      projectSlug: project.slug,
      documentId: second.id,
      submitted: true,
    });
    await setDocumentSubmitted({
      actor: ann,
      projectSlug: project.slug,
      documentId: third.id,
      submitted: true,
    });
    expect(await nextDocument({ actor: ann, projectSlug: project.slug })).toMatchObject({
      id: doc.id,
    });
    await setDocumentSubmitted({
      actor: ann,
      projectSlug: project.slug,
      documentId: doc.id,
      submitted: true,
    });
    expect(await nextDocument({ actor: ann, projectSlug: project.slug })).toBeNull();
    await setDocumentSubmitted({
      actor: ann,
      projectSlug: project.slug,
      documentId: doc.id,
      submitted: false,
    });
    expect(await nextDocument({ actor: ann, projectSlug: project.slug })).toMatchObject({
      id: doc.id,
    });
    await expect(
      setDocumentSubmitted({
        actor: reviewer,
        projectSlug: project.slug,
        documentId: doc.id,
        submitted: true,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    const all = await annotatorQueues({ actor: reviewer, projectSlug: project.slug });
    expect(all.totalDocuments).toBe(3);
    expect(all.queues.map((q) => [q.name, q.submitted, q.inProgress, q.tagged])).toEqual([
      ["Ann", 2, 1, 0],
      ["Ben", 0, 1, 1],
    ]);
    const own = await annotatorQueues({ actor: ann, projectSlug: project.slug });
    expect(own.queues.map((q) => q.name)).toEqual(["Ann"]);
  });
});
