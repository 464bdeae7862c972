import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseCsv } from "csv-parse/sync";
import { parquetReadObjects } from "hyparquet";
import { db, disconnectDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { parseLabelStudio } from "@/lib/domain/interop";
import { importDataset } from "@/lib/server/documents/dataset-import";
import { annotate, createProject, createUser, importDocument } from "../support/factories";
import { arrayBuffer, runExport } from "../support/export-files";

afterAll(disconnectDb);

interface GradeLine {
  gold_credibility: number | null;
  adjudication: {
    credibility: number | null;
    source: { name: string; side: string | null; grade: { value: string; by: unknown } | null };
  } | null;
  annotations: Array<{
    annotator: { name: string; email: string | null };
    credibility: number | null;
    source: {
      name: string;
      description: string;
      grade: { value: string; rationale: string; by: { name: string } | null; at: string } | null;
    } | null;
    source_grade?: { value: string; rationale: string } | null;
  }>;
}

const jsonlLines = (b: Buffer) =>
  b
    .toString("utf8")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as GradeLine);

describe("export of credibility and reliability grades", () => {
  let owner: Actor;
  let alice: Actor;
  let bob: Actor;
  let project: { id: string; slug: string };

  beforeAll(async () => {
    owner = await createUser({ name: "Olga Owner" });
    // The export orders a sentence's annotations by annotator email.
    const tag = Math.random().toString(36).slice(2);
    alice = await createUser({ name: "Alice Analyst" });
    bob = await createUser({ name: "Bob Analyst" });
    await db.user.update({ where: { id: alice.id }, data: { email: `a-${tag}@example.org` } });
    await db.user.update({ where: { id: bob.id }, data: { email: `b-${tag}@example.org` } });
    project = await createProject({
      members: [
        [owner, "OWNER"],
        [alice, "ANNOTATOR"],
        [bob, "ANNOTATOR"],
      ],
    });
    const doc = await importDocument(project.id, {
      text: "Clashes\n\nThe army said 30 fighters died, a spokesman said. Locals doubted it.",
    });
    const claim = await db.sentence.findFirstOrThrow({
      where: { documentId: doc.id, text: { startsWith: "The army" } },
    });
    const army = await db.source.create({
      data: {
        projectId: project.id,
        name: "The army",
        type: "OFFICIAL_BODY",
        side: "pro-government",
        description: "Regular forces",
      },
    });
    for (const [grade, rationale, at] of [
      ["D", "early reports wrong", "2024-01-01T00:00:00Z"],
      ["B", "figures held up", "2024-03-01T00:00:00Z"],
    ] as const) {
      await db.sourceAssessment.create({
        data: {
          projectId: project.id,
          sourceId: army.id,
          grade,
          rationale,
          reviewerId: owner.id,
          createdAt: new Date(at),
        },
      });
    }
    await db.sourceGrade.create({
      data: {
        projectId: project.id,
        sourceId: army.id,
        annotatorId: alice.id,
        grade: "C",
        rationale: "mixed record",
      },
    });
    await db.sourceGrade.create({
      data: { projectId: project.id, sourceId: army.id, annotatorId: bob.id, grade: "F" },
    });
    const a = await annotate(claim.id, alice.id, "SOURCED_FACT", { sourceId: army.id });
    await db.annotation.update({ where: { id: a.id }, data: { credibility: 3 } });
    const b = await annotate(claim.id, bob.id, "UNVERIFIED_CLAIM", { sourceId: army.id });
    await db.annotation.update({ where: { id: b.id }, data: { credibility: 6 } });
    await db.adjudication.create({
      data: {
        projectId: project.id,
        sentenceId: claim.id,
        label: "SOURCED_FACT",
        goldCredibility: 2,
        sourceId: army.id,
        reviewerId: owner.id,
        status: "RESOLVED",
      },
    });
  });

  it("carries credibility, the settled grade and, with names or emails, each annotator's grade in JSONL", async () => {
    const lines = jsonlLines(
      await runExport(owner, project.slug, { format: "jsonl", identity: "names" }),
    );
    const line = lines.find((l) => l.annotations.length > 0);
    expect(line?.gold_credibility).toBe(2);
    expect(line?.adjudication?.credibility).toBe(2);
    expect(line?.adjudication?.source.side).toBe("pro-government");
    expect(line?.adjudication?.source.grade?.value).toBe("B");
    expect(line?.annotations.map((x) => x.credibility)).toEqual([3, 6]);
    expect(line?.annotations[0]?.source).toMatchObject({
      description: "Regular forces",
      grade: { value: "B", rationale: "figures held up", by: { name: "Olga Owner" } },
    });
    expect(line?.annotations[0]?.source?.grade?.at).toBe("2024-03-01T00:00:00.000Z");
    expect(line?.annotations.map((x) => x.source_grade)).toEqual([
      { value: "C", rationale: "mixed record" },
      { value: "F", rationale: "" },
    ]);

    const hidden = jsonlLines(
      await runExport(owner, project.slug, { format: "jsonl", identity: "pseudonyms" }),
    ).find((l) => l.annotations.length > 0);
    expect(hidden?.annotations.map((x) => x.credibility)).toEqual([3, 6]);
    expect(hidden?.annotations[0]?.source?.grade?.by?.name).toMatch(/^annotator-/);
    for (const x of hidden?.annotations ?? []) expect(x).not.toHaveProperty("source_grade");
  });

  it("carries them in CSV, Parquet and W3C", async () => {
    const rows = parseCsv(
      (await runExport(owner, project.slug, { format: "csv", identity: "emails" })).toString(
        "utf8",
      ),
      { columns: true },
    ) as Array<Record<string, string>>;
    const annotated = rows.filter((r) => r.label !== "");
    expect(annotated.map((r) => [r.credibility, r.gold_credibility, r.gold_source_grade])).toEqual([
      ["3", "2", "B"],
      ["6", "2", "B"],
    ]);
    expect(annotated[0]).toMatchObject({
      source_grade: "B",
      source_grade_rationale: "figures held up",
      source_grade_by: "Olga Owner",
      source_grade_at: "2024-03-01T00:00:00.000Z",
      annotator_source_grade: "C",
      annotator_source_grade_rationale: "mixed record",
    });
    const pseudonymous = parseCsv(
      (await runExport(owner, project.slug, { format: "csv", identity: "pseudonyms" })).toString(
        "utf8",
      ),
      { columns: true },
    ) as Array<Record<string, string>>;
    expect(pseudonymous.filter((r) => r.label !== "").map((r) => r.annotator_source_grade)).toEqual(
      ["", ""],
    );

    const readParquet = async (identity: "names" | "emails" | "pseudonyms") =>
      (await parquetReadObjects({
        file: arrayBuffer(await runExport(owner, project.slug, { format: "parquet", identity })),
      })) as Array<Record<string, unknown>>;
    for (const identity of ["names", "emails"] as const) {
      const gold = (await readParquet(identity)).find((r) => r.gold_label !== null);
      expect(gold).toMatchObject({
        gold_credibility: 2,
        gold_source_grade: "B",
        gold_source_grade_rationale: "figures held up",
        gold_source_grade_at: "2024-03-01T00:00:00.000Z",
        annotator_labels: '["SOURCED_FACT","UNVERIFIED_CLAIM"]',
        annotator_credibility: "[3,6]",
        annotator_sources: '["The army","The army"]',
        annotator_source_settled_grades: '["B","B"]',
      });
      expect(JSON.parse(String(gold?.annotator_source_grades))).toEqual([
        { value: "C", rationale: "mixed record" },
        { value: "F", rationale: "" },
      ]);
    }
    const pseudonymousParquet = await readParquet("pseudonyms");
    const hiddenGold = pseudonymousParquet.find((r) => r.gold_label !== null);
    expect(hiddenGold).toMatchObject({
      annotator_credibility: "[3,6]",
      annotator_source_settled_grades: '["B","B"]',
    });
    for (const row of pseudonymousParquet)
      expect(row).not.toHaveProperty("annotator_source_grades");
    // A sentence nobody annotated has empty arrays, not nulls.
    expect(pseudonymousParquet.find((r) => r.annotator_count === 0)).toMatchObject({
      annotator_sources: "[]",
      annotator_source_settled_grades: "[]",
    });

    const w3c = JSON.parse(
      (await runExport(owner, project.slug, { format: "w3c", identity: "names" })).toString("utf8"),
    ) as {
      first: {
        items: Array<{
          motivation: string;
          credibility: number | null;
          body: Array<{ purpose: string; settledGrade?: unknown; annotatorGrade?: unknown }>;
        }>;
      };
    };
    const items = w3c.first.items;
    expect(items.map((i) => [i.motivation, i.credibility])).toEqual([
      ["classifying", 3],
      ["classifying", 6],
      ["assessing", 2],
    ]);
    const identifying = items[0]?.body.find((b) => b.purpose === "identifying");
    expect(identifying?.settledGrade).toMatchObject({
      value: "B",
      rationale: "figures held up",
      creator: { type: "Person", name: "Olga Owner" },
      created: "2024-03-01T00:00:00.000Z",
    });
    expect(identifying?.annotatorGrade).toEqual({ value: "C", rationale: "mixed record" });
    // The gold label's body names the source with its settled grade, but it is no annotator's grade.
    const goldBody = items[2]?.body.find((b) => b.purpose === "identifying");
    expect(goldBody?.settledGrade).toMatchObject({ value: "B" });
    expect(goldBody).not.toHaveProperty("annotatorGrade");
    const hiddenW3c = JSON.parse(
      (await runExport(owner, project.slug, { format: "w3c", identity: "pseudonyms" })).toString(
        "utf8",
      ),
    ) as typeof w3c;
    for (const item of hiddenW3c.first.items)
      for (const body of item.body) expect(body).not.toHaveProperty("annotatorGrade");
  });

  it("carries them in Label Studio tasks as per-region results, the annotators' grades only when named", async () => {
    interface Region {
      id: string;
      from_name: string;
      type: string;
      value: { labels?: string[]; text?: string | string[]; number?: number };
    }
    const tasks = async (identity: "names" | "pseudonyms") =>
      JSON.parse(
        (await runExport(owner, project.slug, { format: "label-studio", identity })).toString(
          "utf8",
        ),
      ) as Array<{ predictions: Array<{ model_version: string; result: Region[] }> }>;
    const shown = (r: Region) => r.value.labels ?? r.value.text ?? r.value.number;
    const named = (await tasks("names"))[0]?.predictions ?? [];
    expect(
      named.map((p) => [p.model_version, p.result.map((r) => [r.from_name, r.type, shown(r)])]),
    ).toEqual([
      [
        "sourcelight:gold",
        [
          ["label", "labels", ["SOURCED_FACT"]],
          ["source", "textarea", ["The army"]],
          ["credibility", "number", 2],
          ["settled_source_grade", "textarea", ["B"]],
        ],
      ],
      [
        "sourcelight:annotator:Alice Analyst",
        [
          ["label", "labels", ["SOURCED_FACT"]],
          ["source", "textarea", ["The army"]],
          ["credibility", "number", 3],
          ["settled_source_grade", "textarea", ["B"]],
          ["annotator_source_grade", "textarea", ["C"]],
        ],
      ],
      [
        "sourcelight:annotator:Bob Analyst",
        [
          ["label", "labels", ["UNVERIFIED_CLAIM"]],
          ["source", "textarea", ["The army"]],
          ["credibility", "number", 6],
          ["settled_source_grade", "textarea", ["B"]],
          ["annotator_source_grade", "textarea", ["F"]],
        ],
      ],
    ]);
    // Per-region results share the id of the sentence's labels region.
    for (const p of named) expect(new Set(p.result.map((r) => r.id)).size).toBe(1);
    const hidden = (await tasks("pseudonyms"))[0]?.predictions ?? [];
    const fromNames = hidden.flatMap((p) => p.result.map((r) => r.from_name));
    expect(fromNames).toContain("settled_source_grade");
    expect(fromNames).toContain("credibility");
    expect(fromNames).not.toContain("annotator_source_grade");

    // Accepted as annotations and read back by our Label Studio import, only the labels count:
    // the per-region number and text results are reported as not imported, not taken for labels.
    const accepted = (await tasks("names")).map((t) => ({
      ...t,
      annotations: t.predictions.map((p) => ({ completed_by: 1, result: p.result })),
    }));
    const back = parseLabelStudio(JSON.stringify(accepted));
    expect(back.tasks[0]?.annotations.flatMap((a) => a.marks.map((m) => m.label))).toEqual([
      "SOURCED_FACT",
      "SOURCED_FACT",
      "UNVERIFIED_CLAIM",
    ]);
    expect(back.notImported).toEqual(
      expect.arrayContaining(['3 results of type "number"', '8 results of type "textarea"']),
    );
  });

  it("round-trips credibility, gold credibility, the settled grade and annotators' grades through the re-import", async () => {
    const first = await runExport(owner, project.slug, { format: "jsonl", identity: "emails" });
    const target = await createProject({ members: [[owner, "OWNER"]] });
    const result = await importDataset({
      actor: owner,
      projectSlug: target.slug,
      jsonl: first.toString("utf8"),
    });
    expect(result).toMatchObject({ settledGrades: 1, annotatorGrades: 2 });
    const source = await db.source.findFirstOrThrow({
      where: { projectId: target.id, name: "The army" },
      select: {
        side: true,
        description: true,
        assessments: {
          select: { grade: true, rationale: true, reviewerId: true, createdAt: true },
        },
        grades: { select: { annotatorId: true, grade: true, rationale: true } },
      },
    });
    expect(source).toMatchObject({ side: "pro-government", description: "Regular forces" });
    expect(source.assessments).toEqual([
      {
        grade: "B",
        rationale: "figures held up",
        reviewerId: owner.id,
        createdAt: new Date("2024-03-01T00:00:00Z"),
      },
    ]);
    expect(
      source.grades
        .map((g) => [g.annotatorId, g.grade, g.rationale])
        .sort((x, y) => (x < y ? -1 : 1)),
    ).toEqual(
      [
        [alice.id, "C", "mixed record"],
        [bob.id, "F", ""],
      ].sort((x, y) => (x < y ? -1 : 1)),
    );
    const second = await runExport(owner, target.slug, { format: "jsonl", identity: "emails" });
    const strip = (b: Buffer) =>
      b
        .toString("utf8")
        .trimEnd()
        .split("\n")
        .map((l) => {
          const v = JSON.parse(l) as { document: { id?: string } };
          delete v.document.id;
          return v;
        });
    expect(strip(second)).toEqual(strip(first));
  });
});
