import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import {
  getDocumentForEditing,
  mergeSentenceWithNext,
  sentenceDuplicates,
  setSentenceBoilerplate,
  splitSentenceAt,
  updateDocumentMetadata,
} from "@/lib/server/documents/edit";
import { annotate, createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

async function setup(
  text = "Headline here\n\nThe army said it advanced. Critics called it reckless. Officials declined to comment. A fourth one follows.",
) {
  const owner = await createUser();
  const annotator = await createUser();
  const project = await createProject({
    members: [
      [owner, "OWNER"],
      [annotator, "ANNOTATOR"],
    ],
  });
  const doc = await importDocument(project.id, { text });
  const sentences = () =>
    db.sentence.findMany({ where: { documentId: doc.id }, orderBy: { index: "asc" } });
  return {
    owner,
    annotator,
    project,
    doc,
    sentences,
    ids: { projectSlug: project.slug, documentId: doc.id },
  };
}

describe("document metadata", () => {
  it("lets owners edit it, validates it, and refuses annotators", async () => {
    const { owner, annotator, ids } = await setup();
    const input = {
      title: "New title",
      byline: "Jane Roe",
      publisher: "",
      publishedAt: "2017-06-09",
      sourceUrl: "https://example.org/a",
    };
    await updateDocumentMetadata({ actor: owner, ...ids, input });
    const stored = await db.document.findUniqueOrThrow({ where: { id: ids.documentId } });
    expect(stored).toMatchObject({
      title: "New title",
      byline: "Jane Roe",
      publisher: null,
      sourceUrl: "https://example.org/a",
    });
    expect(stored.publishedAt?.toISOString().slice(0, 10)).toBe("2017-06-09");
    expect(
      await db.auditEvent.count({
        where: { entityId: ids.documentId, action: "document.metadata" },
      }),
    ).toBe(1);

    await expect(
      updateDocumentMetadata({
        actor: owner,
        ...ids,
        input: { ...input, title: " ", publishedAt: "9 June", sourceUrl: "javascript:alert(1)" },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        title: ["The title cannot be empty."],
        publishedAt: ["Give the date as YYYY-MM-DD."],
        sourceUrl: expect.arrayContaining(["The source URL must start with http:// or https://."]),
      },
    });
    await expect(updateDocumentMetadata({ actor: annotator, ...ids, input })).rejects.toMatchObject(
      { code: "FORBIDDEN" },
    );
    // A document of another project is not found, even for that project's owner.
    const other = await setup("Other text. Entirely different.");
    await expect(
      updateDocumentMetadata({
        actor: other.owner,
        projectSlug: other.project.slug,
        documentId: ids.documentId,
        input,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("boilerplate flag", () => {
  it("flips both ways", async () => {
    const { owner, ids, sentences } = await setup();
    const s = (await sentences())[2];
    if (!s) throw new Error("no sentence");
    await setSentenceBoilerplate({ actor: owner, ...ids, sentenceId: s.id, isBoilerplate: true });
    expect((await db.sentence.findUniqueOrThrow({ where: { id: s.id } })).isBoilerplate).toBe(true);
    await setSentenceBoilerplate({ actor: owner, ...ids, sentenceId: s.id, isBoilerplate: false });
    expect((await db.sentence.findUniqueOrThrow({ where: { id: s.id } })).isBoilerplate).toBe(
      false,
    );
    await expect(
      setSentenceBoilerplate({
        actor: owner,
        ...ids,
        sentenceId: "not-an-id",
        isBoilerplate: true,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("merge and split", () => {
  it("merges two sentences and splits them back, leaving every other sentence's offsets and id alone", async () => {
    const { owner, ids, sentences, doc } = await setup();
    const before = await sentences();
    const text = (await db.document.findUniqueOrThrow({ where: { id: doc.id } })).text;
    const [, second, third] = before;
    if (!second || !third) throw new Error("too few sentences");

    await mergeSentenceWithNext({ actor: owner, ...ids, sentenceId: second.id });
    const merged = await sentences();
    expect(merged).toHaveLength(before.length - 1);
    expect(merged[1]).toMatchObject({
      id: second.id,
      start: second.start,
      end: third.end,
      text: text.slice(second.start, third.end),
    });
    for (const s of before.filter((x) => x.index !== 1 && x.index !== 2)) {
      expect(merged.find((m) => m.id === s.id)).toMatchObject({
        start: s.start,
        end: s.end,
        text: s.text,
      });
    }
    merged.forEach((s, i) => expect(s.index).toBe(i));

    await splitSentenceAt({
      actor: owner,
      ...ids,
      sentenceId: second.id,
      input: { atOffset: third.start },
    });
    const split = await sentences();
    expect(split.map((s) => [s.start, s.end, s.text])).toEqual(
      before.map((s) => [s.start, s.end, s.text]),
    );
    expect(split.map((s) => s.textHash)).toEqual(before.map((s) => s.textHash));
    split.forEach((s, i) => expect(s.index).toBe(i));
  });

  it("refuses while a sentence has annotations, and explains bad positions", async () => {
    const { owner, annotator, ids, sentences } = await setup();
    const [, second, third, , last] = await sentences();
    if (!second || !third || !last) throw new Error("too few sentences");
    await annotate(third.id, annotator.id, "OPINION");
    await expect(
      mergeSentenceWithNext({ actor: owner, ...ids, sentenceId: second.id }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      splitSentenceAt({
        actor: owner,
        ...ids,
        sentenceId: third.id,
        input: { atOffset: third.start + 4 },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      splitSentenceAt({
        actor: owner,
        ...ids,
        sentenceId: second.id,
        input: { atOffset: second.end + 5 },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      splitSentenceAt({ actor: owner, ...ids, sentenceId: second.id, input: { atOffset: "" } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      mergeSentenceWithNext({ actor: owner, ...ids, sentenceId: last.id }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      mergeSentenceWithNext({ actor: annotator, ...ids, sentenceId: second.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const editing = await getDocumentForEditing({ actor: owner, ...ids });
    expect(editing.sentences.map((s) => s.locked)).toEqual([false, false, true, false, false]);
  });
});

describe("sentences in several documents", () => {
  it("says where else a sentence appears in the project", async () => {
    const { owner, annotator, project, doc, ids } = await setup();
    const copy = await importDocument(project.id, {
      text: "Another piece\n\nThe army said it advanced.  Nobody else said so.",
    });
    const outside = await createProject({ members: [[owner, "OWNER"]] });
    await importDocument(outside.id, { text: "The army said it advanced. Different project." });

    const found = await sentenceDuplicates({ actor: annotator, ...ids });
    const sentence = await db.sentence.findFirstOrThrow({
      where: { documentId: doc.id, text: "The army said it advanced." },
    });
    expect(found).toEqual([
      {
        sentenceId: sentence.id,
        elsewhere: [{ documentId: copy.id, title: expect.any(String), sentenceIndex: 1 }],
      },
    ]);
    const stranger = await createUser();
    await expect(sentenceDuplicates({ actor: stranger, ...ids })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
