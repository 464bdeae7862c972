import { afterAll, describe, expect, it } from "vitest";
import { GET as suggestionsGet } from "@/app/api/projects/[slug]/documents/[id]/suggestions/route";
import { PUT as annotationPut } from "@/app/api/projects/[slug]/annotations/route";
import { db, disconnectDb } from "@/lib/db";
import { createApiToken } from "@/lib/server/accounts/tokens";
import { loadWorkspace, saveAnnotation } from "@/lib/server/annotations/annotations";
import { documentSuggestions } from "@/lib/server/annotations/suggestions";
import { updateProject } from "@/lib/server/projects/projects";
import { projectDashboard } from "@/lib/server/review/dashboard";
import { createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

// The flag in the title puts characters outside the BMP before every sentence,
// so offsets counted in code points instead of UTF-16 units would be off.
const ARTICLE = `Mosul update 🇮🇶

Iraqi security forces (ISF) have continued their advance. According to the Iraqi military, ISIS controls only 9% of the city of Mosul. Some sources indicate that the militants are preparing a last stand. Earlier this month, Abu Mahdi al-Muhandis, Deputy Commander of the PMU, announced that the units would move west. Al-Muhandis pointed out that the road to Tal Afar was open. The fighting was heavy.`;

async function scenario() {
  const owner = await createUser();
  const annotator = await createUser({ name: "Ann" });
  const other = await createUser({ name: "Ben" });
  const reviewer = await createUser({ name: "Rita" });
  const project = await createProject({
    members: [
      [owner, "OWNER"],
      [annotator, "ANNOTATOR"],
      [other, "ANNOTATOR"],
      [reviewer, "REVIEWER"],
    ],
  });
  const military = await db.source.create({
    data: {
      projectId: project.id,
      name: "Iraqi military",
      aliases: ["the Iraqi army"],
      type: "OFFICIAL_BODY",
    },
    select: { id: true },
  });
  const pmu = await db.source.create({
    data: {
      projectId: project.id,
      name: "Popular Mobilization Units (PMU)",
      type: "NAMED_ORGANISATION",
    },
    select: { id: true },
  });
  const doc = await importDocument(project.id, { text: ARTICLE });
  const document = await db.document.findUniqueOrThrow({
    where: { id: doc.id },
    select: { text: true },
  });
  const sentences = await db.sentence.findMany({
    where: { documentId: doc.id },
    orderBy: { index: "asc" },
    select: { id: true, text: true, isBoilerplate: true },
  });
  const sentence = (prefix: string) => {
    const found = sentences.find((s) => s.text.startsWith(prefix));
    if (!found) throw new Error(`no sentence starts with ${prefix}`);
    return found;
  };
  return {
    owner,
    annotator,
    other,
    reviewer,
    project,
    military,
    pmu,
    doc,
    document,
    sentences,
    sentence,
  };
}

describe("documentSuggestions", () => {
  it("gives every sentence, with document offsets that slice the text, registry matches and types", async () => {
    const s = await scenario();
    const result = await documentSuggestions({
      actor: s.annotator,
      projectSlug: s.project.slug,
      documentId: s.doc.id,
    });
    expect(result.sentences.map((x) => x.sentenceId)).toEqual(s.sentences.map((x) => x.id));

    let spans = 0;
    for (const sentence of result.sentences) {
      for (const a of sentence.attributions) {
        for (const span of [a.cue, a.source]) {
          if (!span) continue;
          expect(s.document.text.slice(span.start, span.end)).toBe(span.text);
          spans++;
        }
      }
    }
    expect(spans).toBeGreaterThanOrEqual(8);

    const of = (prefix: string) => {
      const id = s.sentence(prefix).id;
      const found = result.sentences.find((x) => x.sentenceId === id);
      if (!found) throw new Error(`no suggestion for ${prefix}`);
      return found;
    };
    const according = of("According to").attributions;
    expect(according).toHaveLength(1);
    expect(according[0]).toMatchObject({
      cue: { text: "According to" },
      source: { text: "the Iraqi military" },
      sourceId: s.military.id,
      sourceType: "OFFICIAL_BODY",
      kind: "according-to",
    });
    expect(of("According to").label?.value).toBe("SOURCED_FACT");

    expect(of("Some sources").attributions[0]).toMatchObject({
      cue: { text: "indicate" },
      source: { text: "Some sources" },
      sourceId: null,
      sourceType: "ANONYMOUS",
    });
    expect(of("Some sources").label?.value).toBe("UNVERIFIED_CLAIM");

    expect(of("Earlier this month").attributions[0]).toMatchObject({
      cue: { text: "announced" },
      source: { text: "Abu Mahdi al-Muhandis, Deputy Commander of the PMU" },
    });
    expect(of("Al-Muhandis").attributions[0]).toMatchObject({
      cue: { text: "pointed out" },
      source: { text: "Al-Muhandis" },
      resolvedSource: "Abu Mahdi al-Muhandis",
      sourceType: "NAMED_PERSON",
    });

    const plain = of("The fighting");
    expect(plain.attributions).toEqual([]);
    expect(plain.label).toMatchObject({ model: "rules" });
    for (const x of result.sentences) {
      if (x.label) expect(x.label.confidence).toBeGreaterThan(0);
      for (const a of x.attributions) expect(a.confidence).toBeGreaterThan(0);
    }
  });

  it("never reads anyone's annotations: another annotator's answer changes nothing", async () => {
    const s = await scenario();
    const args = { actor: s.annotator, projectSlug: s.project.slug, documentId: s.doc.id };
    const before = await documentSuggestions(args);
    await saveAnnotation({
      actor: s.other,
      projectSlug: s.project.slug,
      input: {
        sentenceId: s.sentence("Some sources").id,
        label: "OPINION",
        sourceId: s.pmu.id,
        expectedVersion: 0,
      },
    });
    expect(await documentSuggestions(args)).toEqual(before);
  });

  it("answers a forged id or another project's document as not found", async () => {
    const s = await scenario();
    const elsewhere = await createProject({ members: [[s.annotator, "ANNOTATOR"]] });
    const foreign = await importDocument(elsewhere.id);
    for (const documentId of [crypto.randomUUID(), "not-a-uuid", foreign.id]) {
      await expect(
        documentSuggestions({ actor: s.annotator, projectSlug: s.project.slug, documentId }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const outsider = await createUser();
    await expect(
      documentSuggestions({ actor: outsider, projectSlug: s.project.slug, documentId: s.doc.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses clearly when the project turned the assistant off, and the workspace says so", async () => {
    const s = await scenario();
    const workspace = { actor: s.annotator, projectSlug: s.project.slug, documentId: s.doc.id };
    expect((await loadWorkspace(workspace)).assistantEnabled).toBe(true);
    await updateProject({
      actor: s.owner,
      projectId: s.project.id,
      input: {
        name: s.project.name,
        slug: s.project.slug,
        blindAnnotation: "on",
        assistantEnabled: "off",
        annotatorsPerDocument: "2",
      },
    });
    expect((await loadWorkspace(workspace)).assistantEnabled).toBe(false);
    await expect(documentSuggestions(workspace)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "The attribution assistant is turned off for this project.",
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { projectId: s.project.id, action: "project.update" },
      select: { before: true, after: true },
    });
    expect(audit.before).toMatchObject({ assistantEnabled: true });
    expect(audit.after).toMatchObject({ assistantEnabled: false });
  });

  it("blends in a classifier once the project has 30 gold labels, and retrains when gold grows", async () => {
    const s = await scenario();
    const lines = Array.from({ length: 32 }, (_, i) =>
      i % 2 === 0
        ? `The ministry said on day ${i} that convoy ${i} had arrived.`
        : `This is a shameful decision number ${i}, and it should be reversed.`,
    );
    const gold = await importDocument(s.project.id, { text: `Gold\n\n${lines.join(" ")}` });
    const goldSentences = await db.sentence.findMany({
      where: { documentId: gold.id, isBoilerplate: false },
      orderBy: { index: "asc" },
      select: { id: true, text: true },
    });
    const adjudicate = (sentence: { id: string; text: string }) =>
      db.adjudication.create({
        data: {
          projectId: s.project.id,
          sentenceId: sentence.id,
          reviewerId: s.reviewer.id,
          label: sentence.text.includes("shameful") ? "OPINION" : "SOURCED_FACT",
          status: "RESOLVED",
        },
      });
    const args = { actor: s.annotator, projectSlug: s.project.slug, documentId: s.doc.id };
    const models = async () =>
      new Set((await documentSuggestions(args)).sentences.flatMap((x) => x.label?.model ?? []));

    const claims = goldSentences.filter((x) => /said|shameful/.test(x.text));
    expect(claims.length).toBeGreaterThanOrEqual(31);
    for (const sentence of claims.slice(0, 29)) await adjudicate(sentence);
    // A reviewer's adjudication without a label is not gold.
    await db.adjudication.create({
      data: {
        projectId: s.project.id,
        sentenceId: s.sentence("The fighting").id,
        reviewerId: s.reviewer.id,
        label: null,
      },
    });
    expect(await models()).toEqual(new Set(["rules"]));

    await adjudicate(claims[29]!);
    expect(await models()).toEqual(new Set(["rules+gold(30)"]));
    // Served from the cache: the same gold gives the same model.
    expect(await models()).toEqual(new Set(["rules+gold(30)"]));

    await adjudicate(claims[30]!);
    expect(await models()).toEqual(new Set(["rules+gold(31)"]));
  });
});

describe("suggestion outcomes", () => {
  it("are saved with the annotation, kept when a save leaves them out, and counted on the dashboard", async () => {
    const s = await scenario();
    const save = (actor: typeof s.annotator, prefix: string, extra: Record<string, unknown>) =>
      saveAnnotation({
        actor,
        projectSlug: s.project.slug,
        input: {
          sentenceId: s.sentence(prefix).id,
          label: "SOURCED_FACT",
          expectedVersion: 0,
          ...extra,
        },
      });
    const first = await save(s.annotator, "According to", {
      suggestion: "ACCEPTED",
      sourceId: s.military.id,
    });
    await save(s.annotator, "Some sources", { suggestion: "EDITED" });
    await save(s.annotator, "Al-Muhandis", { suggestion: "ACCEPTED" });
    await save(s.other, "According to", { suggestion: "IGNORED" });
    await save(s.other, "The fighting", { suggestion: null });
    await save(s.other, "Iraqi security", {});

    // An update that does not mention the outcome keeps it.
    await saveAnnotation({
      actor: s.annotator,
      projectSlug: s.project.slug,
      input: {
        sentenceId: s.sentence("According to").id,
        annotationId: first.id,
        label: "UNVERIFIED_CLAIM",
        expectedVersion: first.version,
      },
    });
    const stored = await db.annotation.findMany({
      where: { projectId: s.project.id },
      select: { annotatorId: true, suggestion: true },
    });
    expect(stored.filter((a) => a.suggestion === null)).toHaveLength(2);

    const dash = await projectDashboard({
      actor: s.reviewer,
      projectSlug: s.project.slug,
      filters: {},
    });
    expect(dash.assistant.overall).toEqual({
      accepted: 2,
      edited: 1,
      ignored: 1,
      total: 4,
      acceptanceRate: 0.5,
    });
    const per = new Map(dash.assistant.perAnnotator.map((a) => [a.coder, a]));
    expect(per.get(s.annotator.id)).toMatchObject({ accepted: 2, edited: 1, ignored: 0, total: 3 });
    expect(per.get(s.other.id)).toMatchObject({ accepted: 0, ignored: 1, acceptanceRate: 0 });
  });

  it("refuses an unknown outcome with 422", async () => {
    const s = await scenario();
    const { token } = await createApiToken({
      actor: s.annotator,
      input: { name: "t", scope: "READ_WRITE" },
    });
    const res = await annotationPut(
      new Request(`http://t/api/projects/${s.project.slug}/annotations`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          sentenceId: s.sentence("According to").id,
          label: "SOURCED_FACT",
          suggestion: "MAYBE",
          expectedVersion: 0,
        }),
      }),
      { params: Promise.resolve({ slug: s.project.slug }) },
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { fields: Record<string, string[]> } };
    expect(body.error.fields.suggestion?.[0]).toMatch(/ACCEPTED, EDITED, IGNORED/);
    expect(await db.annotation.count({ where: { projectId: s.project.id } })).toBe(0);
  });
});

describe("GET /api/projects/{slug}/documents/{id}/suggestions", () => {
  const get = (slug: string, id: string, token?: string) =>
    suggestionsGet(
      new Request(`http://t/api/projects/${slug}/documents/${id}/suggestions`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      }),
      { params: Promise.resolve({ slug, id }) },
    );

  it("answers a read token with the documented shape", async () => {
    const s = await scenario();
    const { token } = await createApiToken({
      actor: s.annotator,
      input: { name: "r", scope: "READ" },
    });
    const res = await get(s.project.slug, s.doc.id, token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sentences: Array<Record<string, unknown>> };
    expect(Object.keys(body)).toEqual(["sentences"]);
    expect(body.sentences).toHaveLength(s.sentences.length);
    const according = body.sentences.find((x) => x.sentenceId === s.sentence("According to").id);
    expect(according).toEqual({
      sentenceId: s.sentence("According to").id,
      attributions: [
        {
          cue: { text: "According to", start: expect.any(Number), end: expect.any(Number) },
          source: {
            text: "the Iraqi military",
            start: expect.any(Number),
            end: expect.any(Number),
          },
          resolvedSource: null,
          kind: "according-to",
          sourceId: s.military.id,
          sourceType: "OFFICIAL_BODY",
          confidence: expect.any(Number),
        },
      ],
      label: { value: "SOURCED_FACT", confidence: expect.any(Number), model: "rules" },
    });
  });

  it("gives a non-member 404, and 401 without credentials", async () => {
    const s = await scenario();
    const outsider = await createUser();
    const { token } = await createApiToken({
      actor: outsider,
      input: { name: "r", scope: "READ" },
    });
    expect((await get(s.project.slug, s.doc.id, token)).status).toBe(404);
    expect((await get(s.project.slug, s.doc.id)).status).toBe(401);
  });
});
