/**
 * Blind mode hides others' progress (issue 15): an annotator's document list
 * and queue show only their own status, however far the others are.
 */
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { saveAnnotation } from "@/lib/server/annotations/annotations";
import { annotatorQueues, setDocumentSubmitted } from "@/lib/server/annotations/progress";
import { searchDocuments } from "@/lib/server/documents/store";
import { createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

async function setup(blind: boolean) {
  const [ann, other, reviewer] = [await createUser(), await createUser(), await createUser()];
  const project = await createProject({
    blind,
    members: [
      [ann, "ANNOTATOR"],
      [other, "ANNOTATOR"],
      [reviewer, "REVIEWER"],
    ],
  });
  await db.project.update({ where: { id: project.id }, data: { annotatorsPerDocument: 2 } });
  const document = await importDocument(project.id);
  const sentence = await db.sentence.findFirstOrThrow({
    where: { documentId: document.id },
    select: { id: true },
  });
  const work = async (actor: Actor) => {
    await saveAnnotation({
      actor,
      projectSlug: project.slug,
      input: { sentenceId: sentence.id, label: "OPINION", expectedVersion: 0 },
    });
    await setDocumentSubmitted({
      actor,
      projectSlug: project.slug,
      documentId: document.id,
      submitted: true,
    });
  };
  const row = async (actor: Actor, status?: string) => {
    const { documents } = await searchDocuments({
      actor,
      projectSlug: project.slug,
      query: status ? { status } : {},
    });
    return documents.find((d) => d.id === document.id) ?? null;
  };
  return { ann, other, reviewer, project, document, work, row };
}

describe("in a blind project", () => {
  it("an annotator's document list does not change when someone else submits", async () => {
    const { ann, other, reviewer, work, row } = await setup(true);
    const before = await row(ann);
    expect(before).toMatchObject({ submitted: 0, required: 1, status: "new", scope: "own" });

    await work(other);

    expect(await row(ann)).toEqual(before);
    // Nor does the status filter give the others' progress away.
    expect(await row(ann, "new")).not.toBeNull();
    expect(await row(ann, "in_progress")).toBeNull();
    expect(await row(ann, "complete")).toBeNull();
    // The reviewer sees everyone's.
    expect(await row(reviewer)).toMatchObject({ submitted: 1, required: 2, scope: "all" });

    await work(ann);

    expect(await row(ann)).toMatchObject({ submitted: 1, required: 1, status: "complete" });
    expect(await row(ann, "complete")).not.toBeNull();
    expect(await row(reviewer)).toMatchObject({ submitted: 2, status: "complete" });
  });

  it("an annotator's queue holds only their own progress", async () => {
    const { ann, other, project, work } = await setup(true);
    await work(other);
    const { queues } = await annotatorQueues({ actor: ann, projectSlug: project.slug });
    expect(queues.map((q) => q.userId)).toEqual([ann.id]);
    expect(queues[0]).toMatchObject({ submitted: 0, inProgress: 0, tagged: 0 });
  });
});

describe("in an open project", () => {
  it("an annotator sees how many have submitted", async () => {
    const { ann, other, work, row } = await setup(false);
    await work(other);
    expect(await row(ann)).toMatchObject({ submitted: 1, required: 2, scope: "all" });
  });
});
