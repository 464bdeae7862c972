import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { importDataset } from "@/lib/server/documents/dataset-import";
import { splitSentenceAt } from "@/lib/server/documents/edit";
import { startExport } from "@/lib/server/export/export";
import { annotate, createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

const ARTICLE = [
  "Mosul talks",
  "",
  "“We will win. They will lose,” the commander said. The shelling stopped on Monday.",
].join("\n");

const sentencesOf = (documentId: string) =>
  db.sentence.findMany({
    where: { documentId },
    orderBy: { index: "asc" },
    select: { id: true, start: true, end: true, text: true },
  });

async function exportJsonl(actor: Awaited<ReturnType<typeof createUser>>, projectSlug: string) {
  const job = await startExport({
    actor,
    projectSlug,
    input: { format: "jsonl", identity: "emails", includeBoilerplate: true },
    via: "api",
  });
  const parts: Buffer[] = [];
  for await (const chunk of job.body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString("utf8");
}

describe("annotated documents keep their sentences", () => {
  it("a re-import keeps the sentences the annotations were made on, though this segmenter would join them", async () => {
    const owner = await createUser();
    const annotator = await createUser();
    const source = await createProject({
      members: [
        [owner, "OWNER"],
        [annotator, "ANNOTATOR"],
      ],
    });
    const doc = await importDocument(source.id, { text: ARTICLE });
    const [, quote] = await sentencesOf(doc.id);
    expect(quote?.text).toBe("“We will win. They will lose,” the commander said.");
    if (!quote) throw new Error("fixture");
    // An analyst's correction (or an older segmenter) split the quotation; both halves are annotated.
    await splitSentenceAt({
      actor: owner,
      projectSlug: source.slug,
      documentId: doc.id,
      sentenceId: quote.id,
      input: { atOffset: ARTICLE.indexOf("They will lose") },
    });
    const before = await sentencesOf(doc.id);
    expect(before.map((s) => s.text)).toEqual([
      "Mosul talks",
      "“We will win.",
      "They will lose,” the commander said.",
      "The shelling stopped on Monday.",
    ]);
    for (const s of before.slice(1, 3)) await annotate(s.id, annotator.id, "SOURCED_FACT");

    const jsonl = await exportJsonl(owner, source.slug);
    const target = await createProject({ members: [[owner, "OWNER"]] });
    const result = await importDataset({ actor: owner, projectSlug: target.slug, jsonl });
    expect(result).toMatchObject({ documents: 1, annotations: 2 });
    const [copy] = result.created;
    if (!copy) throw new Error("nothing imported");
    const after = await sentencesOf(copy.id);
    expect(after.map((s) => [s.start, s.end, s.text])).toEqual(
      before.map((s) => [s.start, s.end, s.text]),
    );
    const annotated = await db.annotation.findMany({
      where: { documentId: copy.id },
      select: { sentence: { select: { text: true } } },
      orderBy: { sentence: { index: "asc" } },
    });
    expect(annotated.map((a) => a.sentence.text)).toEqual([
      "“We will win.",
      "They will lose,” the commander said.",
    ]);
  });

  it("refuses a file whose sentence does not match the document text, importing nothing", async () => {
    const owner = await createUser();
    const source = await createProject({ members: [[owner, "OWNER"]] });
    await importDocument(source.id, { text: ARTICLE });
    const jsonl = (await exportJsonl(owner, source.slug)).replace(
      '"text":"The shelling stopped on Monday."',
      '"text":"The shelling stopped on Tuesday."',
    );
    const target = await createProject({ members: [[owner, "OWNER"]] });
    await expect(
      importDataset({ actor: owner, projectSlug: target.slug, jsonl }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("does not match the document's text"),
    });
    expect(await db.document.count({ where: { projectId: target.id } })).toBe(0);
  });
});
