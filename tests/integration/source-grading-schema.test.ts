import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { annotate, createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

/** A project with one annotator, one reviewer, a registry source and a tagged sentence. */
async function scenario() {
  const ann = await createUser({ name: "Ann" });
  const rita = await createUser({ name: "Rita" });
  const project = await createProject({
    members: [
      [ann, "ANNOTATOR"],
      [rita, "REVIEWER"],
    ],
  });
  const doc = await importDocument(project.id);
  const sentence = await db.sentence.findFirstOrThrow({
    where: { documentId: doc.id, isBoilerplate: false },
    orderBy: { index: "asc" },
    select: { id: true },
  });
  const source = await db.source.create({
    data: { projectId: project.id, name: "the Iraqi military", type: "OFFICIAL_BODY" },
    select: { id: true, side: true, description: true },
  });
  return { ann, rita, project, sentence, source };
}

describe("source grading columns", () => {
  it("default a new source to no side and an empty description, and a project to free-text sides", async () => {
    const { project, source } = await scenario();
    expect(source).toMatchObject({ side: null, description: "" });
    const row = await db.project.findUniqueOrThrow({
      where: { id: project.id },
      select: { sideOptions: true },
    });
    expect(row.sideOptions).toEqual([]);
  });

  it("store credibility 1–6 and refuse 0 and 7 in the database itself", async () => {
    const { ann, rita, project, sentence } = await scenario();
    const annotation = await annotate(sentence.id, ann.id, "UNVERIFIED_CLAIM");
    for (const credibility of [1, 6, null]) {
      await db.annotation.update({ where: { id: annotation.id }, data: { credibility } });
    }
    for (const credibility of [0, 7]) {
      await expect(
        db.annotation.update({ where: { id: annotation.id }, data: { credibility } }),
      ).rejects.toThrow(/Annotation_credibility_check/);
    }
    const stored = await db.annotation.findUniqueOrThrow({
      where: { id: annotation.id },
      select: { credibility: true },
    });
    expect(stored.credibility).toBeNull();

    await expect(
      db.adjudication.create({
        data: {
          projectId: project.id,
          sentenceId: sentence.id,
          reviewerId: rita.id,
          goldCredibility: 7,
        },
      }),
    ).rejects.toThrow(/Adjudication_goldCredibility_check/);
    const gold = await db.adjudication.create({
      data: {
        projectId: project.id,
        sentenceId: sentence.id,
        reviewerId: rita.id,
        goldCredibility: 2,
      },
      select: { goldCredibility: true },
    });
    expect(gold.goldCredibility).toBe(2);
  });

  it("keep one grade per annotator and source, and every settled grade as history", async () => {
    const { ann, rita, project, source } = await scenario();
    const base = { projectId: project.id, sourceId: source.id };
    await db.sourceGrade.create({ data: { ...base, annotatorId: ann.id, grade: "B" } });
    await expect(
      db.sourceGrade.create({ data: { ...base, annotatorId: ann.id, grade: "C" } }),
    ).rejects.toThrow();

    await db.sourceAssessment.create({
      data: { ...base, reviewerId: rita.id, grade: "C", rationale: "Often contradicted." },
    });
    await db.sourceAssessment.create({
      data: { ...base, reviewerId: rita.id, grade: "F", rationale: "Too few claims to judge." },
    });
    const history = await db.sourceAssessment.findMany({
      where: { sourceId: source.id },
      orderBy: { createdAt: "asc" },
      select: { grade: true },
    });
    expect(history.map((h) => h.grade)).toEqual(["C", "F"]);

    // A reviewer who leaves takes their name off the record, not the record.
    await db.user.delete({ where: { id: rita.id } });
    const kept = await db.sourceAssessment.findMany({
      where: { sourceId: source.id },
      select: { reviewerId: true },
    });
    expect(kept).toEqual([{ reviewerId: null }, { reviewerId: null }]);
  });

  it("are deleted with their source", async () => {
    const { ann, rita, project, source } = await scenario();
    const base = { projectId: project.id, sourceId: source.id };
    await db.sourceGrade.create({ data: { ...base, annotatorId: ann.id, grade: "A" } });
    await db.sourceAssessment.create({
      data: { ...base, reviewerId: rita.id, grade: "A", rationale: "Confirmed every time." },
    });
    await db.source.delete({ where: { id: source.id } });
    expect(await db.sourceGrade.count({ where: { sourceId: source.id } })).toBe(0);
    expect(await db.sourceAssessment.count({ where: { sourceId: source.id } })).toBe(0);
  });
});
