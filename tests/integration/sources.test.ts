import { afterAll, describe, expect, it } from "vitest";
import { PUT as annotationPut } from "@/app/api/projects/[slug]/annotations/route";
import { PUT as settleGradePut } from "@/app/api/projects/[slug]/sources/[id]/grade/route";
import { PUT as ownGradePut } from "@/app/api/projects/[slug]/sources/[id]/grades/me/route";
import {
  DELETE as sourceDelete,
  GET as sourceGet,
} from "@/app/api/projects/[slug]/sources/[id]/route";
import { POST as sourcesImportPost } from "@/app/api/projects/[slug]/sources/import/route";
import { GET as sourcesGet, POST as sourcesPost } from "@/app/api/projects/[slug]/sources/route";
import { createApiToken } from "@/lib/server/accounts/tokens";
import { db, disconnectDb } from "@/lib/db";
import { credibilityAgreement, reliabilityGradeAgreement } from "@/lib/domain/agreement/grades";
import { alphaOrReason } from "@/lib/domain/agreement/grades";
import { isCredibility } from "@/lib/domain/sources";
import { bootstrapSamplesFor } from "@/lib/domain/review";
import { AppError } from "@/lib/domain/errors";
import type { Actor } from "@/lib/server/actor";
import { saveAnnotation } from "@/lib/server/annotations/annotations";
import { adjudicate } from "@/lib/server/review/adjudications";
import { projectAgreement } from "@/lib/server/review/agreement";
import { loadDocumentReview } from "@/lib/server/review/review";
import { gradeSource, settleSourceGrade } from "@/lib/server/sources/grades";
import { sourceProfile } from "@/lib/server/sources/profile";
import {
  createSource,
  deleteSource,
  mergeSources,
  updateSource,
} from "@/lib/server/sources/registry";
import { listRegistry } from "@/lib/server/sources/list";
import { exportRegistry, importRegistry } from "@/lib/server/sources/registry-file";
import { getProjectSettings, updateProject } from "@/lib/server/projects/projects";
import { annotate, createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

/** A project with an owner, a reviewer, two annotators and one document of four sentences. */
async function scenario(opts: { blind?: boolean } = {}) {
  const owner = await createUser({ name: "Olga Owner" });
  const reviewer = await createUser({ name: "Rita Reviewer" });
  const ann = await createUser({ name: "Ann" });
  const ben = await createUser({ name: "Ben" });
  const project = await createProject({
    blind: opts.blind ?? true,
    members: [
      [owner, "OWNER"],
      [reviewer, "REVIEWER"],
      [ann, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
    ],
  });
  const doc = await importDocument(project.id, {
    title: "Front report",
    text: `Front report ${Math.random()}\n\nThe army said it advanced. Critics called it reckless. Officials denied it. Rain fell.`,
  });
  const sentences = await db.sentence.findMany({
    where: { documentId: doc.id, isBoilerplate: false },
    orderBy: { index: "asc" },
    select: { id: true, text: true },
  });
  return { owner, reviewer, ann, ben, project, doc, sentences, slug: project.slug };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to be refused");
}

const csv = (...lines: string[]) => ({ name: "registry.csv", content: lines.join("\r\n") });
const HEADER = "name,aliases,type,affiliation,side,description,grade,rationale";

describe("source registry", () => {
  it("creates, edits (leaving fields not sent as they were) and lists with grade and citations", async () => {
    const { owner, ann, slug, sentences } = await scenario();
    const pmu = await createSource({
      actor: owner,
      projectSlug: slug,
      input: {
        name: "the PMU",
        aliases: ["Popular Mobilization Forces", "Hashd"],
        type: "NAMED_ORGANISATION",
        affiliation: "Iraqi state",
        side: "pro-government",
        description: "Umbrella of militias.",
      },
    });
    expect(pmu).toMatchObject({ side: "pro-government", description: "Umbrella of militias." });
    const edited = await updateSource({
      actor: owner,
      projectSlug: slug,
      sourceId: pmu.id,
      input: { description: "Umbrella of mostly Shia militias." },
    });
    expect(edited).toMatchObject({
      name: "the PMU",
      aliases: ["Popular Mobilization Forces", "Hashd"],
      side: "pro-government",
      description: "Umbrella of mostly Shia militias.",
    });
    await annotate(sentences[0]!.id, ann.id, "UNVERIFIED_CLAIM", { sourceId: pmu.id });
    await settleSourceGrade({
      actor: owner,
      projectSlug: slug,
      sourceId: pmu.id,
      input: { grade: "D", rationale: "Partisan; often contradicted." },
    });
    const { sources } = await listRegistry({ actor: ann, projectSlug: slug });
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatchObject({
      name: "the PMU",
      citations: 1,
      grade: { value: "D", rationale: "Partisan; often contradicted.", by: "Olga Owner" },
    });
  });

  it("filters and sorts the list on the server by grade, type, side and citations", async () => {
    const { owner, ann, ben, slug, sentences } = await scenario();
    const add = (name: string, type: "MEDIA_OUTLET" | "OFFICIAL_BODY", side: string) =>
      createSource({ actor: owner, projectSlug: slug, input: { name, type, side } });
    const sf = await add("South Front", "MEDIA_OUTLET", "pro-government");
    const mil = await add("the Iraqi military", "OFFICIAL_BODY", "pro-government");
    await add("Reuters", "MEDIA_OUTLET", "neutral");
    await annotate(sentences[0]!.id, ann.id, "UNVERIFIED_CLAIM", { sourceId: mil.id });
    await annotate(sentences[0]!.id, ben.id, "UNVERIFIED_CLAIM", { sourceId: mil.id });
    await annotate(sentences[1]!.id, ann.id, "OPINION", { sourceId: sf.id });
    await settleSourceGrade({
      actor: owner,
      projectSlug: slug,
      sourceId: sf.id,
      input: { grade: "D", rationale: "Partisan" },
    });
    await settleSourceGrade({
      actor: owner,
      projectSlug: slug,
      sourceId: mil.id,
      input: { grade: "B", rationale: "Usually right" },
    });
    const names = async (query: Record<string, string>) =>
      (await listRegistry({ actor: ann, projectSlug: slug, query })).sources.map((s) => s.name);
    expect(await names({ sort: "citations" })).toEqual([
      "the Iraqi military",
      "South Front",
      "Reuters",
    ]);
    expect(await names({ sort: "grade" })).toEqual([
      "the Iraqi military",
      "South Front",
      "Reuters",
    ]);
    expect(await names({ sort: "grade", dir: "desc" })).toEqual([
      "Reuters",
      "South Front",
      "the Iraqi military",
    ]);
    expect(await names({ grade: "D" })).toEqual(["South Front"]);
    expect(await names({ grade: "none" })).toEqual(["Reuters"]);
    expect(await names({ type: "MEDIA_OUTLET", side: "Pro-Government" })).toEqual(["South Front"]);
    expect(await names({ cited: "no" })).toEqual(["Reuters"]);
    expect(
      (await refusal(listRegistry({ actor: ann, projectSlug: slug, query: { grade: "G" } }))).code,
    ).toBe("VALIDATION");
  });

  it("refuses a duplicate name or alias with 409 naming the existing source, and writes nothing", async () => {
    const { owner, reviewer, slug, project } = await scenario();
    await createSource({
      actor: owner,
      projectSlug: slug,
      input: { name: "South Front", aliases: ["SF"], type: "MEDIA_OUTLET" },
    });
    const byName = await refusal(
      createSource({
        actor: reviewer,
        projectSlug: slug,
        input: { name: "south front", type: "MEDIA_OUTLET" },
      }),
    );
    expect(byName.code).toBe("CONFLICT");
    expect(byName.message).toContain("“South Front”");
    const byAlias = await refusal(
      createSource({
        actor: reviewer,
        projectSlug: slug,
        input: { name: "Southfront.org", aliases: ["sf"], type: "MEDIA_OUTLET" },
      }),
    );
    expect(byAlias.code).toBe("CONFLICT");
    expect(byAlias.message).toBe("“sf” is already in the registry as an alias of “South Front”.");
    expect(await db.source.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("deletes an uncited source, refuses a cited one (409 with the count, suggesting merge), and merges keep grades", async () => {
    const { owner, ann, ben, slug, sentences, project } = await scenario();
    const a = await createSource({
      actor: owner,
      projectSlug: slug,
      input: { name: "MoD", type: "OFFICIAL_BODY" },
    });
    const b = await createSource({
      actor: owner,
      projectSlug: slug,
      input: { name: "Ministry of Defence", type: "OFFICIAL_BODY" },
    });
    const unused = await createSource({
      actor: owner,
      projectSlug: slug,
      input: { name: "Nobody", type: "ANONYMOUS" },
    });
    await annotate(sentences[0]!.id, ann.id, "SOURCED_FACT", { sourceId: a.id });
    await annotate(sentences[1]!.id, ben.id, "SOURCED_FACT", { sourceId: a.id });
    const cited = await refusal(deleteSource({ actor: owner, projectSlug: slug, sourceId: a.id }));
    expect(cited.code).toBe("CONFLICT");
    expect(cited.message).toBe(
      "“MoD” is cited by 2 annotations: merge it into another source instead, so they keep their attribution.",
    );
    await deleteSource({ actor: owner, projectSlug: slug, sourceId: unused.id });
    expect(await db.source.count({ where: { projectId: project.id } })).toBe(2);
    expect(
      await db.auditEvent.count({ where: { projectId: project.id, action: "source.delete" } }),
    ).toBe(1);

    await gradeSource({ actor: ann, projectSlug: slug, sourceId: a.id, input: { grade: "B" } });
    await mergeSources({ actor: owner, projectSlug: slug, input: { fromId: a.id, intoId: b.id } });
    const grades = await db.sourceGrade.findMany({ where: { sourceId: b.id } });
    expect(grades.map((g) => g.grade)).toEqual(["B"]);
    await deleteSource({ actor: owner, projectSlug: slug, sourceId: b.id }).catch((e: unknown) =>
      expect(e).toMatchObject({ code: "CONFLICT" }),
    );
  });

  it("finds nothing by another project's source id (404), for edit, delete, grade, settle and profile", async () => {
    const mine = await scenario();
    const theirs = await scenario();
    const foreign = await createSource({
      actor: theirs.owner,
      projectSlug: theirs.slug,
      input: { name: "Foreign", type: "MEDIA_OUTLET" },
    });
    const { owner, ann, slug } = mine;
    const calls = [
      () => updateSource({ actor: owner, projectSlug: slug, sourceId: foreign.id, input: {} }),
      () => deleteSource({ actor: owner, projectSlug: slug, sourceId: foreign.id }),
      () =>
        gradeSource({ actor: ann, projectSlug: slug, sourceId: foreign.id, input: { grade: "A" } }),
      () =>
        settleSourceGrade({
          actor: owner,
          projectSlug: slug,
          sourceId: foreign.id,
          input: { grade: "A", rationale: "x" },
        }),
      () => sourceProfile({ actor: owner, projectSlug: slug, sourceId: foreign.id }),
      () => sourceProfile({ actor: owner, projectSlug: slug, sourceId: "not-a-uuid" }),
    ];
    for (const call of calls) expect((await refusal(call())).code).toBe("NOT_FOUND");
    expect(await db.sourceGrade.count({ where: { sourceId: foreign.id } })).toBe(0);
  });
});

describe("the project's sides", () => {
  it("are set in the project settings, one per line or by commas, and then bound every source's side", async () => {
    const { owner, project, slug } = await scenario();
    const settings = await getProjectSettings({ actor: owner, slug });
    await updateProject({
      actor: owner,
      projectId: project.id,
      input: {
        ...settings,
        blindAnnotation: settings.blindAnnotation ? "on" : "",
        assistantEnabled: "on",
        sideOptions: "pro-government\nopposition, neutral\n\nOpposition",
      },
    });
    expect((await getProjectSettings({ actor: owner, slug })).sideOptions).toEqual([
      "pro-government",
      "opposition",
      "neutral",
    ]);
    const ok = await createSource({
      actor: owner,
      projectSlug: slug,
      input: { name: `Rebels ${Math.random()}`, type: "NAMED_ORGANISATION", side: "OPPOSITION" },
    });
    expect(ok.side).toBe("opposition");
    const refused = await refusal(
      createSource({
        actor: owner,
        projectSlug: slug,
        input: { name: `Neutrals ${Math.random()}`, type: "NAMED_ORGANISATION", side: "loyalist" },
      }),
    );
    expect(refused.code).toBe("VALIDATION");
    expect(refused.message).toMatch(/loyalist/);
    // A settings form that does not send the field keeps the sides.
    await updateProject({
      actor: owner,
      projectId: project.id,
      input: { ...settings, blindAnnotation: "on", assistantEnabled: "on", sideOptions: undefined },
    });
    expect((await getProjectSettings({ actor: owner, slug })).sideOptions).toHaveLength(3);
    const tooMany = await refusal(
      updateProject({
        actor: owner,
        projectId: project.id,
        input: {
          ...settings,
          sideOptions: Array.from({ length: 21 }, (_, i) => `s${i}`).join("\n"),
        },
      }),
    );
    expect(tooMany.fieldErrors.sideOptions?.[0]).toMatch(/at most 20/);
  });
});

describe("registry import and export", () => {
  it("creates new rows, updates rows matched by name or alias, and settles imported grades", async () => {
    const { owner, reviewer, slug, project } = await scenario();
    const sf = await createSource({
      actor: owner,
      projectSlug: slug,
      input: { name: "SouthFront", aliases: ["South Front"], type: "MEDIA_OUTLET" },
    });
    const result = await importRegistry({
      actor: reviewer,
      projectSlug: slug,
      file: csv(
        HEADER,
        'South Front,southfront.org|SF,MEDIA_OUTLET,,pro-government,"Outlet, Russia-aligned",D,"Repeats MoD claims ""verbatim"""',
        "the Iraqi military,Iraqi army|ISF,Official body,Iraqi state,pro-government,,C,Official but partial",
        "Reuters,,MEDIA_OUTLET,,neutral,,,",
        "",
      ),
    });
    expect(result).toEqual({ created: 2, updated: 1, errors: [] });
    const updated = await db.source.findUniqueOrThrow({ where: { id: sf.id } });
    expect(updated).toMatchObject({
      name: "South Front",
      aliases: ["southfront.org", "SF", "SouthFront"],
      side: "pro-government",
      description: "Outlet, Russia-aligned",
    });
    const history = await db.sourceAssessment.findMany({
      where: { projectId: project.id },
      orderBy: { grade: "asc" },
      select: { grade: true, rationale: true, reviewerId: true },
    });
    expect(history).toEqual([
      { grade: "C", rationale: "Official but partial", reviewerId: reviewer.id },
      { grade: "D", rationale: 'Repeats MoD claims "verbatim"', reviewerId: reviewer.id },
    ]);

    // Exported and re-imported, the registry is unchanged: every row updates, no grade is re-settled.
    const exported = await exportRegistry({ actor: owner, projectSlug: slug, format: "csv" });
    const again = await importRegistry({
      actor: owner,
      projectSlug: slug,
      file: { name: exported.fileName, content: exported.body },
    });
    expect(again).toEqual({ created: 0, updated: 3, errors: [] });
    expect(await db.sourceAssessment.count({ where: { projectId: project.id } })).toBe(2);

    // The owner changes South Front's settled grade: the JSON export lists both, oldest first.
    await settleSourceGrade({
      actor: owner,
      projectSlug: slug,
      sourceId: sf.id,
      input: { grade: "E", rationale: "Fabricated casualty figures" },
    });
    const json = await exportRegistry({ actor: owner, projectSlug: slug, format: "json" });
    const parsed = JSON.parse(json.body) as {
      sources: Array<{
        name: string;
        grade: string | null;
        rationale: string | null;
        history: Array<{ grade: string; rationale: string; by: string | null; at: string }>;
      }>;
    };
    const byName = new Map(parsed.sources.map((x) => [x.name, x]));
    expect(byName.get("Reuters")).toMatchObject({ grade: null, side: "neutral", history: [] });
    const southFront = byName.get("South Front");
    expect(southFront).toMatchObject({ grade: "E", rationale: "Fabricated casualty figures" });
    expect(southFront?.history.map(({ grade, rationale, by }) => [grade, rationale, by])).toEqual([
      ["D", 'Repeats MoD claims "verbatim"', "Rita Reviewer"],
      ["E", "Fabricated casualty figures", "Olga Owner"],
    ]);
    const times = southFront?.history.map((h) => Date.parse(h.at)) ?? [];
    expect(times.every((t) => Number.isFinite(t))).toBe(true);
    expect(times[0]).toBeLessThanOrEqual(times[1] ?? 0);
    expect(byName.get("the Iraqi military")?.history).toHaveLength(1);
    // The CSV has no room for the history: one row per source, in the import's columns.
    const csvAfter = await exportRegistry({ actor: owner, projectSlug: slug, format: "csv" });
    expect(csvAfter.body.split("\r\n")[0]).not.toContain("history");
    // The history is read past on the way back in: nothing is re-settled.
    expect(
      await importRegistry({
        actor: owner,
        projectSlug: slug,
        file: { name: json.fileName, content: json.body },
      }),
    ).toEqual({ created: 0, updated: 3, errors: [] });
    expect(await db.sourceAssessment.count({ where: { projectId: project.id } })).toBe(3);
  });

  it("reports every bad row with its number and applies nothing", async () => {
    const { owner, slug, project } = await scenario();
    const result = await importRegistry({
      actor: owner,
      projectSlug: slug,
      file: csv(
        HEADER,
        "Good one,,MEDIA_OUTLET,,,,,",
        "Bad grade,,MEDIA_OUTLET,,,,G,because",
        ",,MEDIA_OUTLET,,,,,",
        "Bad type,,SPACESHIP,,,,,",
        "No rationale,,MEDIA_OUTLET,,,,B,",
        "good ONE,,MEDIA_OUTLET,,,,,",
      ),
    });
    expect(result.created).toBe(0);
    expect(result.updated).toBe(0);
    expect(result.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
    expect(result.errors[0]?.message).toBe('Unknown reliability grade "G": use A to F.');
    expect(result.errors[1]?.message).toBe("Give the source a name.");
    expect(result.errors[2]?.message).toMatch(/^Unknown type "SPACESHIP": use one of NAMED_PERSON/);
    expect(result.errors[3]?.message).toBe("Grade B needs a rationale: say why it was given.");
    expect(result.errors[4]?.message).toBe(
      '"good one" is already named in row 2: one row per source.',
    );
    expect(await db.source.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("refuses a file with the wrong columns, and a JSON row that names two existing sources", async () => {
    const { owner, slug, project } = await scenario();
    const wrong = await importRegistry({
      actor: owner,
      projectSlug: slug,
      file: csv("title,kind,reliability", "South Front,outlet,D"),
    });
    expect(wrong.errors).toEqual([
      {
        row: 1,
        message:
          'Unknown columns "title", "kind", "reliability": the columns are name, aliases, type, affiliation, side, description, grade, rationale.',
      },
    ]);
    const missing = await importRegistry({
      actor: owner,
      projectSlug: slug,
      file: csv("name,grade", "South Front,D"),
    });
    expect(missing.errors[0]?.message).toBe(
      "Missing column type: every row needs a name and a type.",
    );
    await createSource({
      actor: owner,
      projectSlug: slug,
      input: { name: "A", type: "MEDIA_OUTLET" },
    });
    await createSource({
      actor: owner,
      projectSlug: slug,
      input: { name: "B", type: "MEDIA_OUTLET" },
    });
    const clash = await importRegistry({
      actor: owner,
      projectSlug: slug,
      file: {
        name: "r.json",
        content: JSON.stringify([
          { name: "C", type: "MEDIA_OUTLET" },
          { name: "A", aliases: ["B"], type: "MEDIA_OUTLET" },
        ]),
      },
    });
    expect(clash).toMatchObject({ created: 0, updated: 0 });
    expect(clash.errors).toEqual([
      {
        row: 2,
        message:
          "Its name and aliases match 2 registry sources (“A”, “B”): merge them first, or fix the row.",
      },
    ]);
    expect(await db.source.count({ where: { projectId: project.id } })).toBe(2);
  });
});

describe("reliability grades", () => {
  it("keeps one own grade per annotator (versioned), and every settled grade as history", async () => {
    const { owner, reviewer, ann, slug, project } = await scenario();
    const s = await createSource({
      actor: owner,
      projectSlug: slug,
      input: { name: "South Front", type: "MEDIA_OUTLET" },
    });
    const first = await gradeSource({
      actor: ann,
      projectSlug: slug,
      sourceId: s.id,
      input: { grade: "C", rationale: "Mixed record", expectedVersion: 0 },
    });
    expect(first).toMatchObject({ grade: "C", version: 1 });
    const second = await gradeSource({
      actor: ann,
      projectSlug: slug,
      sourceId: s.id,
      input: { grade: "D", expectedVersion: 1 },
    });
    expect(second).toMatchObject({ grade: "D", rationale: "", version: 2 });
    const stale = await refusal(
      gradeSource({
        actor: ann,
        projectSlug: slug,
        sourceId: s.id,
        input: { grade: "A", expectedVersion: 1 },
      }),
    );
    expect(stale.code).toBe("CONFLICT");

    await settleSourceGrade({
      actor: reviewer,
      projectSlug: slug,
      sourceId: s.id,
      input: { grade: "C", rationale: "First look" },
    });
    await settleSourceGrade({
      actor: owner,
      projectSlug: slug,
      sourceId: s.id,
      input: { grade: "D", rationale: "Repeats claims the MoD later retracted" },
    });
    const profile = await sourceProfile({ actor: reviewer, projectSlug: slug, sourceId: s.id });
    expect(profile.settled).toMatchObject({ grade: "D", by: "Olga Owner" });
    expect(profile.history.map((h) => [h.grade, h.by, h.rationale])).toEqual([
      ["D", "Olga Owner", "Repeats claims the MoD later retracted"],
      ["C", "Rita Reviewer", "First look"],
    ]);
    expect(profile.annotatorGrades?.map((g) => [g.annotator, g.grade])).toEqual([["Ann", "D"]]);
    const actions = await db.auditEvent.findMany({
      where: { projectId: project.id, action: { in: ["source.grade", "source.settle"] } },
      select: { action: true },
    });
    expect(actions.map((a) => a.action).sort()).toEqual([
      "source.grade",
      "source.grade",
      "source.settle",
      "source.settle",
    ]);
  });

  it("refuses unknown grades and a settled grade without rationale, with a message", async () => {
    const { owner, reviewer, ann, slug } = await scenario();
    const s = await createSource({
      actor: owner,
      projectSlug: slug,
      input: { name: "X", type: "MEDIA_OUTLET" },
    });
    const g = await refusal(
      gradeSource({ actor: ann, projectSlug: slug, sourceId: s.id, input: { grade: "G" } }),
    );
    expect(g).toMatchObject({ code: "VALIDATION" });
    expect(g.message).toBe(
      'Unknown reliability grade "G": choose A (completely reliable) to F (reliability cannot be judged).',
    );
    const empty = await refusal(
      settleSourceGrade({
        actor: reviewer,
        projectSlug: slug,
        sourceId: s.id,
        input: { grade: "B", rationale: " " },
      }),
    );
    expect(empty.message).toBe("Say why: a settled grade needs a rationale.");
    // Annotators grade; they do not settle. Reviewers settle; they do not grade.
    expect(
      (
        await refusal(
          settleSourceGrade({
            actor: ann,
            projectSlug: slug,
            sourceId: s.id,
            input: { grade: "B", rationale: "r" },
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });

  it("in a blind project shows an annotator only their own grade and annotations", async () => {
    const { owner, reviewer, ann, ben, slug, sentences } = await scenario({ blind: true });
    const s = await createSource({
      actor: owner,
      projectSlug: slug,
      input: { name: "pro-government sources", type: "ANONYMOUS" },
    });
    const other = await createSource({
      actor: owner,
      projectSlug: slug,
      input: { name: "the Iraqi military", type: "OFFICIAL_BODY" },
    });
    await annotate(sentences[0]!.id, ann.id, "UNVERIFIED_CLAIM", {
      sourceId: s.id,
      credibility: 3,
    });
    await annotate(sentences[1]!.id, ben.id, "OPINION", { sourceId: s.id, credibility: 5 });
    await annotate(sentences[1]!.id, ann.id, "OPINION", { sourceId: other.id });
    await gradeSource({
      actor: ann,
      projectSlug: slug,
      sourceId: s.id,
      input: { grade: "C", rationale: "Ann's view" },
    });
    await gradeSource({
      actor: ben,
      projectSlug: slug,
      sourceId: s.id,
      input: { grade: "E", rationale: "Ben's secret view" },
    });

    const annView = await sourceProfile({ actor: ann, projectSlug: slug, sourceId: s.id });
    expect(annView.ownOnly).toBe(true);
    expect(annView.annotatorGrades).toBeNull();
    expect(annView.gradeSpread).toBeNull();
    expect(annView.myGrade).toMatchObject({ grade: "C", rationale: "Ann's view" });
    expect(annView.sentences.map((x) => x.sentenceId)).toEqual([sentences[0]!.id]);
    expect(annView.labelMix).toEqual({
      SOURCED_FACT: 0,
      UNVERIFIED_CLAIM: 1,
      OPINION: 0,
      NOT_A_CLAIM: 0,
    });
    // Her own annotation of the military is in the same document, not the same sentence.
    expect(annView.citedWith).toEqual([
      { id: other.id, name: "the Iraqi military", sentences: 0, documents: 1 },
    ]);
    const serialised = JSON.stringify(annView);
    expect(serialised).not.toContain("Ben");
    expect(serialised).not.toContain('"E"');
    // The Sources list counts only her own citations: Ben's would show that he annotated.
    const annList = await listRegistry({ actor: ann, projectSlug: slug });
    expect(annList.sources.find((x) => x.id === s.id)?.citations).toBe(1);
    const reviewerList = await listRegistry({ actor: reviewer, projectSlug: slug });
    expect(reviewerList.sources.find((x) => x.id === s.id)?.citations).toBe(2);

    const reviewView = await sourceProfile({ actor: reviewer, projectSlug: slug, sourceId: s.id });
    expect(reviewView.annotatorGrades?.map((g) => [g.annotator, g.grade]).sort()).toEqual([
      ["Ann", "C"],
      ["Ben", "E"],
    ]);
    expect(reviewView.gradeSpread).toMatchObject({ graded: 2, cannotBeJudged: 0 });
    expect(reviewView.sentences).toHaveLength(2);
    expect(reviewView.sentences[0]?.href).toMatch(/\/review\//);
    expect(reviewView.credibility.counts.map((c) => c.count)).toEqual([0, 0, 1, 0, 1]);
    expect(reviewView.citedWith).toEqual([
      { id: other.id, name: "the Iraqi military", sentences: 1, documents: 1 },
    ]);
  });
});

describe("credibility", () => {
  it("saves 1–6 or null with the annotation, keeps it when a save leaves it out, and refuses 0, 7, 2.5", async () => {
    const { ann, slug, sentences } = await scenario();
    const sentenceId = sentences[0]!.id;
    const saved = await saveAnnotation({
      actor: ann,
      projectSlug: slug,
      input: { sentenceId, label: "UNVERIFIED_CLAIM", credibility: 3, expectedVersion: 0 },
    });
    expect(saved.fields.credibility).toBe(3);
    const kept = await saveAnnotation({
      actor: ann,
      projectSlug: slug,
      input: { sentenceId, label: "OPINION", expectedVersion: 1 },
    });
    expect(kept).toMatchObject({ version: 2, fields: { label: "OPINION", credibility: 3 } });
    const cleared = await saveAnnotation({
      actor: ann,
      projectSlug: slug,
      input: { sentenceId, label: "OPINION", credibility: null, expectedVersion: 2 },
    });
    expect(cleared.fields.credibility).toBeNull();
    for (const [credibility, message] of [
      [
        0,
        "Credibility 0 is not a grade: use 1 (confirmed by other sources) to 6 (truth cannot be judged).",
      ],
      [
        7,
        "Credibility 7 is not a grade: use 1 (confirmed by other sources) to 6 (truth cannot be judged).",
      ],
      [2.5, "Credibility must be a whole number, not 2.5."],
    ] as const) {
      const error = await refusal(
        saveAnnotation({
          actor: ann,
          projectSlug: slug,
          input: { sentenceId, label: "OPINION", credibility, expectedVersion: 3 },
        }),
      );
      expect(error).toMatchObject({ code: "VALIDATION", message });
    }
    const row = await db.annotation.findFirstOrThrow({
      where: { sentenceId, annotatorId: ann.id },
    });
    expect(row).toMatchObject({ version: 3, credibility: null });
  });

  it("shows each annotator's credibility in review, and the gold credibility is adjudicated", async () => {
    const { reviewer, ann, ben, slug, doc, sentences } = await scenario();
    const sentenceId = sentences[0]!.id;
    await annotate(sentenceId, ann.id, "UNVERIFIED_CLAIM", { credibility: 2 });
    await annotate(sentenceId, ben.id, "UNVERIFIED_CLAIM", { credibility: 4 });
    const review = await loadDocumentReview({
      actor: reviewer,
      projectSlug: slug,
      documentId: doc.id,
    });
    const row = review.sentences.find((s) => s.id === sentenceId);
    expect(row?.annotations.map((a) => a.credibility).sort()).toEqual([2, 4]);
    const byBen = await adjudicate({
      actor: reviewer,
      projectSlug: slug,
      input: { sentenceId, choice: { kind: "annotator", annotatorId: ben.id }, version: 0 },
    });
    expect(byBen.goldCredibility).toBe(4);
    const own = await adjudicate({
      actor: reviewer,
      projectSlug: slug,
      input: { sentenceId, choice: { kind: "keep" }, goldCredibility: 3, version: 1 },
    });
    expect(own).toMatchObject({ label: "UNVERIFIED_CLAIM", goldCredibility: 3 });
    const bad = await refusal(
      adjudicate({
        actor: reviewer,
        projectSlug: slug,
        input: { sentenceId, choice: { kind: "keep" }, goldCredibility: 7, version: 2 },
      }),
    );
    expect(bad.code).toBe("VALIDATION");
  });
});

describe("agreement on grades", () => {
  it("computes credibility and source-reliability alpha from the rows exactly as the domain function does", async () => {
    const { owner, reviewer, ann, ben, slug, sentences, project } = await scenario();
    const third = await createUser({ name: "Cy" });
    await db.membership.create({
      data: { projectId: project.id, userId: third.id, role: "ANNOTATOR" },
    });
    const coders: Actor[] = [ann, ben, third];
    const credibility = [
      [1, 2, 1],
      [3, 3, 6],
      [4, 5, 4],
      [2, 2, 2],
    ] as const;
    for (const [i, values] of credibility.entries())
      for (const [j, value] of values.entries())
        await annotate(sentences[i]!.id, coders[j]!.id, "UNVERIFIED_CLAIM", { credibility: value });

    const grades = [
      ["A", "B", "B"],
      ["D", "E", "F"],
      ["C", "C", "D"],
    ] as const;
    for (const [i, row] of grades.entries()) {
      const s = await createSource({
        actor: owner,
        projectSlug: slug,
        input: { name: `Source ${i}`, type: "MEDIA_OUTLET" },
      });
      for (const [j, grade] of row.entries())
        await gradeSource({
          actor: coders[j]!,
          projectSlug: slug,
          sourceId: s.id,
          input: { grade },
        });
    }

    const { figures } = await projectAgreement({ actor: reviewer, projectSlug: slug, filters: {} });
    const credibilityRows = await db.annotation.findMany({
      where: { projectId: project.id, credibility: { not: null } },
      select: { sentenceId: true, annotatorId: true, credibility: true },
    });
    const expectedCredibility = credibilityAgreement(
      credibilityRows.flatMap((r) =>
        isCredibility(r.credibility)
          ? [{ unit: r.sentenceId, coder: r.annotatorId, value: r.credibility }]
          : [],
      ),
      { bootstrap: { samples: bootstrapSamplesFor(4) } },
    );
    expect(figures.credibility.alpha).toEqual(alphaOrReason(expectedCredibility.alpha));
    expect(typeof figures.credibility.alpha).toBe("number");
    expect(figures.credibility).toMatchObject({
      units: 4,
      pairable: 11,
      cannotBeJudged: 1,
      coders: 3,
    });
    const gradeRows = await db.sourceGrade.findMany({ where: { projectId: project.id } });
    const expectedGrades = reliabilityGradeAgreement(
      gradeRows.map((r) => ({ unit: r.sourceId, coder: r.annotatorId, value: r.grade })),
      { bootstrap: { samples: bootstrapSamplesFor(3) } },
    );
    expect(figures.sourceReliability.alpha).toEqual(alphaOrReason(expectedGrades.alpha));
    expect(figures.sourceReliability).toMatchObject({ units: 3, pairable: 8, cannotBeJudged: 1 });
    const interval = expectedGrades.interval;
    expect(figures.sourceReliability.interval).toEqual(
      interval.defined
        ? {
            lower: interval.lower,
            upper: interval.upper,
            level: interval.level,
            samples: interval.samples,
            method: interval.method,
          }
        : { undefined: interval.reason },
    );
  });

  it("says why alpha is undefined when nothing has been graded", async () => {
    const { reviewer, slug } = await scenario();
    const { figures } = await projectAgreement({ actor: reviewer, projectSlug: slug, filters: {} });
    expect(figures.sourceReliability.alpha).toEqual({
      undefined: "No sources have been graded yet.",
    });
    expect(figures.credibility.alpha).toEqual({ undefined: "No sentences have been graded yet." });
  });
});

describe("the sources API", () => {
  const bearer = async (actor: Actor) => ({
    authorization: `Bearer ${(await createApiToken({ actor, input: { name: "t", scope: "READ_WRITE" } })).token}`,
  });
  const call = async <P>(
    handler: (request: Request, ctx: { params: Promise<P> }) => Promise<Response>,
    url: string,
    params: P,
    init: RequestInit,
  ) => {
    const res = await handler(new Request(`http://t${url}`, init), {
      params: Promise.resolve(params),
    });
    const body: unknown = await res.json();
    return { status: res.status, body };
  };
  const json = (headers: Record<string, string>, method: string, body: unknown): RequestInit => ({
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

  it("creates (201), refuses a duplicate (409 naming it), grades, and lists grade and citations", async () => {
    const { owner, ann, slug, sentences, project } = await scenario();
    const headers = await bearer(owner);
    const created = await call(
      sourcesPost,
      `/api/projects/${slug}/sources`,
      { slug },
      json(headers, "POST", { name: "South Front", aliases: ["SF"], type: "MEDIA_OUTLET" }),
    );
    expect(created.status).toBe(201);
    const source = await db.source.findFirstOrThrow({
      where: { projectId: project.id, name: "South Front" },
    });
    expect(created.body).toMatchObject({ source: { id: source.id, aliases: ["SF"] } });
    const dup = await call(
      sourcesPost,
      `/api/projects/${slug}/sources`,
      { slug },
      json(headers, "POST", { name: "sf", type: "MEDIA_OUTLET" }),
    );
    expect(dup).toMatchObject({
      status: 409,
      body: { error: { message: "“sf” is already in the registry as an alias of “South Front”." } },
    });
    const bad = await call(
      settleGradePut,
      `/api/projects/${slug}/sources/${source.id}/grade`,
      { slug, id: source.id },
      json(headers, "PUT", { grade: "G", rationale: "x" }),
    );
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('Unknown reliability grade \\"G\\"');
    const settled = await call(
      settleGradePut,
      `/api/projects/${slug}/sources/${source.id}/grade`,
      { slug, id: source.id },
      json(headers, "PUT", { grade: "D", rationale: "Partisan" }),
    );
    expect(settled.status).toBe(200);
    await annotate(sentences[0]!.id, ann.id, "UNVERIFIED_CLAIM", { sourceId: source.id });
    const list = await call(
      sourcesGet,
      `/api/projects/${slug}/sources?sort=citations`,
      { slug },
      {
        headers: await bearer(ann),
      },
    );
    expect(list.body).toEqual({
      sources: [
        {
          id: source.id,
          name: "South Front",
          aliases: ["SF"],
          type: "MEDIA_OUTLET",
          affiliation: null,
          side: null,
          description: "",
          grade: { value: "D", rationale: "Partisan", by: "Olga Owner", at: expect.any(String) },
          citations: 1,
        },
      ],
      pagination: { page: 1, pageSize: 50, total: 1, pageCount: 1 },
    });
    const cited = await call(
      sourceDelete,
      `/api/projects/${slug}/sources/${source.id}`,
      { slug, id: source.id },
      { method: "DELETE", headers },
    );
    expect(cited.status).toBe(409);
  });

  it("gives a blind project's annotator their own grade only: no annotatorGrades key, nothing of another's", async () => {
    const { owner, reviewer, ann, ben, slug } = await scenario({ blind: true });
    const s = await createSource({
      actor: owner,
      projectSlug: slug,
      input: { name: "the PMU", type: "NAMED_ORGANISATION" },
    });
    const put = async (actor: Actor, grade: string, rationale: string) =>
      call(
        ownGradePut,
        `/api/projects/${slug}/sources/${s.id}/grades/me`,
        { slug, id: s.id },
        json(await bearer(actor), "PUT", { grade, rationale }),
      );
    expect((await put(ann, "B", "Ann thinks so")).status).toBe(200);
    expect((await put(ben, "E", "Ben-only reasoning")).status).toBe(200);
    const get = async (actor: Actor) =>
      call(
        sourceGet,
        `/api/projects/${slug}/sources/${s.id}`,
        { slug, id: s.id },
        {
          headers: await bearer(actor),
        },
      );
    const annView = await get(ann);
    expect(annView.status).toBe(200);
    expect(annView.body).not.toHaveProperty("annotatorGrades");
    expect(annView.body).toMatchObject({ myGrade: { grade: "B", rationale: "Ann thinks so" } });
    expect(JSON.stringify(annView.body)).not.toMatch(/Ben|"E"/);
    const reviewView = await get(reviewer);
    expect(reviewView.body).toMatchObject({
      annotatorGrades: [{ grade: "B" }, { grade: "E", annotator: "Ben" }],
    });
    // A source of another project is not found, as is a malformed id.
    const other = await scenario();
    const foreign = await createSource({
      actor: other.owner,
      projectSlug: other.slug,
      input: { name: "Elsewhere", type: "MEDIA_OUTLET" },
    });
    const forged = await call(
      ownGradePut,
      `/api/projects/${slug}/sources/${foreign.id}/grades/me`,
      { slug, id: foreign.id },
      json(await bearer(ann), "PUT", { grade: "A" }),
    );
    expect(forged.status).toBe(404);
  });

  it("imports multipart CSV, and answers 422 with row errors (nothing applied) for a bad file", async () => {
    const { owner, slug, project } = await scenario();
    const upload = async (content: string) => {
      const form = new FormData();
      form.append("file", new File([content], "registry.csv", { type: "text/csv" }));
      return call(
        sourcesImportPost,
        `/api/projects/${slug}/sources/import`,
        { slug },
        {
          method: "POST",
          headers: await bearer(owner),
          body: form,
        },
      );
    };
    const bad = await upload(
      `${HEADER}\r\nOK,,MEDIA_OUTLET,,,,,\r\nNot ok,,MEDIA_OUTLET,,,,Z,\r\n`,
    );
    expect(bad).toEqual({
      status: 422,
      body: {
        error: { code: "VALIDATION", message: 'Row 3: Unknown reliability grade "Z": use A to F.' },
        created: 0,
        updated: 0,
        errors: [{ row: 3, message: 'Unknown reliability grade "Z": use A to F.' }],
      },
    });
    expect(await db.source.count({ where: { projectId: project.id } })).toBe(0);
    const good = await upload(`${HEADER}\r\nOK,,MEDIA_OUTLET,,,,B,Reliable wire\r\n`);
    expect(good).toEqual({ status: 200, body: { created: 1, updated: 0, errors: [] } });
  });

  it("accepts credibility 1–6 or null on PUT /annotations and refuses 0 with 422", async () => {
    const { ann, slug, sentences } = await scenario();
    const headers = await bearer(ann);
    const sentenceId = sentences[0]!.id;
    const ok = await call(
      annotationPut,
      `/api/projects/${slug}/annotations`,
      { slug },
      json(headers, "PUT", {
        sentenceId,
        label: "UNVERIFIED_CLAIM",
        credibility: 6,
        expectedVersion: 0,
      }),
    );
    expect(ok).toMatchObject({ status: 200, body: { annotation: { fields: { credibility: 6 } } } });
    const zero = await call(
      annotationPut,
      `/api/projects/${slug}/annotations`,
      { slug },
      json(headers, "PUT", {
        sentenceId,
        label: "UNVERIFIED_CLAIM",
        credibility: 0,
        expectedVersion: 1,
      }),
    );
    expect(zero.status).toBe(422);
    expect(JSON.stringify(zero.body)).toContain("Credibility 0 is not a grade");
  });
});
