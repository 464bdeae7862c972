import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { AppError } from "@/lib/domain/errors";
import { applyForeignImport, previewForeignImport } from "@/lib/server/interop/foreign-import";
import { createProject, createUser } from "../support/factories";

afterAll(disconnectDb);

const FIXTURES = path.resolve(__dirname, "../fixtures/interop");
const fixture = async (name: string) => new Uint8Array(await readFile(path.join(FIXTURES, name)));
const bytes = (s: string) => new TextEncoder().encode(s);

/** A member whose email the test chooses (the fixtures name alice@…, and doccano names files after usernames). */
async function member(projectId: string, email: string, role: "OWNER" | "ANNOTATOR" = "ANNOTATOR") {
  const user = await db.user.create({
    data: { email, name: email.split("@")[0] ?? email },
    select: { id: true, email: true, name: true, role: true },
  });
  await db.membership.create({ data: { projectId, userId: user.id, role } });
  return { id: user.id, email: user.email, name: user.name, isAdmin: false };
}

async function setup() {
  const owner = await createUser();
  const project = await createProject({ members: [[owner, "OWNER"]] });
  return { owner, project };
}

/** Each annotator's label per sentence index of each document, by document title. */
async function labelsOf(projectId: string) {
  const rows = await db.annotation.findMany({
    where: { projectId },
    select: {
      label: true,
      annotator: { select: { email: true } },
      sentence: { select: { index: true } },
      document: { select: { title: true } },
    },
    orderBy: [{ document: { createdAt: "asc" } }, { sentence: { index: "asc" } }],
  });
  return rows.map(
    (r) => `${r.document.title}#${r.sentence.index} ${r.annotator.email}: ${r.label}`,
  );
}

async function counts(projectId: string) {
  const [documents, annotations, audits] = await Promise.all([
    db.document.count({ where: { projectId } }),
    db.annotation.count({ where: { projectId } }),
    db.auditEvent.count({ where: { projectId, action: "foreign.import" } }),
  ]);
  return { documents, annotations, audits };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const error: unknown = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof AppError && error.code === "VALIDATION") return error.message;
  throw error instanceof Error ? error : new Error("expected a VALIDATION error");
}

const LS_LABELS = {
  "Fact (sourced)": "SOURCED_FACT",
  Claim: "UNVERIFIED_CLAIM",
  Opinion: "OPINION",
} as const;

describe("importing a Label Studio export", () => {
  it("previews labels, annotators and a mapping, then imports each annotator's labels on our sentences", async () => {
    const { owner, project } = await setup();
    const alice = await member(project.id, "alice@example.org");
    const reviewer = await member(project.id, `rev-${randomUUID().slice(0, 6)}@example.org`);
    const file = {
      fileName: "project-7-at-2025-03-04.json",
      bytes: await fixture("label-studio-export.json"),
    };

    const preview = await previewForeignImport({
      actor: owner,
      projectSlug: project.slug,
      ...file,
    });
    expect(preview.format).toBe("label-studio");
    expect(preview.tasks).toBe(2);
    expect(preview.labels.map((l) => [l.name, l.choices + l.spans, l.proposed])).toEqual([
      ["Claim", 2, "UNVERIFIED_CLAIM"],
      ["Fact (sourced)", 2, "SOURCED_FACT"],
      ["Opinion", 2, "OPINION"],
    ]);
    // Alice is a member with the same email; bob@ is not, and #4 has no email: the owner decides.
    expect(preview.proposedMembers).toEqual({
      "email:alice@example.org": alice.id,
      "email:bob@example.org": null,
      "label-studio:4": null,
    });
    expect(preview.members.map((m) => m.userId).sort()).toEqual(
      [owner.id, alice.id, reviewer.id].sort(),
    );
    expect(await counts(project.id)).toEqual({ documents: 0, annotations: 0, audits: 0 });

    const result = await applyForeignImport({
      actor: owner,
      projectSlug: project.slug,
      ...file,
      mapping: {
        labels: LS_LABELS,
        annotators: {
          "email:alice@example.org": alice.id,
          "email:bob@example.org": reviewer.id,
          "label-studio:4": owner.id,
        },
      },
    });
    expect(result).toMatchObject({
      format: "label-studio",
      matchedExisting: 0,
      annotations: 6,
      keptExisting: 0,
      skippedAnnotations: 0,
      conflicts: 0,
      unplacedSpans: 0,
    });
    expect(result.created.map((d) => [d.title, d.sentenceCount])).toEqual([
      ["Dam breach", 3],
      ["The ministry confirmed that 40 people were evacuated, citing its own emergency logs.", 1],
    ]);
    const labels = await labelsOf(project.id);
    expect(labels).toEqual(
      expect.arrayContaining([
        "Dam breach#0 alice@example.org: SOURCED_FACT",
        "Dam breach#1 alice@example.org: UNVERIFIED_CLAIM",
        // "a disgrace" lies inside the third sentence.
        "Dam breach#2 alice@example.org: OPINION",
        // Bob's span covers less than half of the first sentence but lies inside it.
        `Dam breach#0 ${reviewer.email}: UNVERIFIED_CLAIM`,
        `Dam breach#2 ${reviewer.email}: OPINION`,
        `The ministry confirmed that 40 people were evacuated, citing its own emergency logs.#0 ${owner.email}: SOURCED_FACT`,
      ]),
    );
    expect(labels).toHaveLength(6);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { projectId: project.id, action: "foreign.import" },
      select: { actorId: true, after: true },
    });
    expect(event.actorId).toBe(owner.id);
    expect(event.after).toMatchObject({ format: "label-studio", documents: 2, annotations: 6 });
  });

  it("leaves out what the owner skips and reports it", async () => {
    const { owner, project } = await setup();
    const result = await applyForeignImport({
      actor: owner,
      projectSlug: project.slug,
      fileName: "export.json",
      bytes: await fixture("label-studio-export.json"),
      mapping: {
        labels: { ...LS_LABELS, Opinion: "SKIP" },
        annotators: {
          "email:alice@example.org": owner.id,
          "email:bob@example.org": "SKIP",
          "label-studio:4": "SKIP",
        },
      },
    });
    expect(result).toMatchObject({ annotations: 2, skippedAnnotations: 2 });
    expect(await labelsOf(project.id)).toEqual([
      `Dam breach#0 ${owner.email}: SOURCED_FACT`,
      `Dam breach#1 ${owner.email}: UNVERIFIED_CLAIM`,
    ]);
  });

  it("refuses, and writes nothing, for an unmapped label, an unmatched annotator, broken JSON or a span out of range", async () => {
    const { owner, project } = await setup();
    const stranger = await createUser();
    const good = await fixture("label-studio-export.json");
    const apply = (b: Uint8Array, mapping: unknown) =>
      applyForeignImport({
        actor: owner,
        projectSlug: project.slug,
        fileName: "x.json",
        bytes: b,
        mapping,
      });
    const everyone = {
      "email:alice@example.org": owner.id,
      "email:bob@example.org": owner.id,
      "label-studio:4": owner.id,
    };

    expect(
      await refusal(
        apply(good, {
          labels: { Claim: "UNVERIFIED_CLAIM", Opinion: "OPINION" },
          annotators: everyone,
        }),
      ),
    ).toMatch(/Nothing was imported\. Map these labels .*"Fact \(sourced\)"/);
    expect(
      await refusal(
        apply(good, { labels: LS_LABELS, annotators: { "email:alice@example.org": owner.id } }),
      ),
    ).toMatch(/Choose a project member for annotator Bob <bob@example.org>.*annotator #4/);
    expect(
      await refusal(
        apply(good, {
          labels: LS_LABELS,
          annotators: { ...everyone, "label-studio:4": stranger.id },
        }),
      ),
    ).toMatch(/Annotator #4 is mapped to someone who is not a member/);
    expect(await refusal(apply(good, { labels: { Claim: "TRUE" }, annotators: {} }))).toMatch(
      /Map each label to one of SOURCED_FACT, UNVERIFIED_CLAIM, OPINION, NOT_A_CLAIM, or to SKIP/,
    );

    const broken = new TextDecoder().decode(good).slice(0, 500);
    expect(
      await refusal(apply(bytes(broken), { labels: LS_LABELS, annotators: everyone })),
    ).toMatch(/This Label Studio export was not imported: The file is not valid JSON/);
    const tasks: unknown = JSON.parse(new TextDecoder().decode(good));
    const outOfRange = JSON.stringify(tasks)
      .replace('"start":149', '"start":149')
      .replace('"end":195', '"end":995');
    expect(
      await refusal(
        previewForeignImport({
          actor: owner,
          projectSlug: project.slug,
          fileName: "x.json",
          bytes: bytes(outOfRange),
        }),
      ),
    ).toMatch(
      /Task 1, annotation 2: a span cannot be placed: 149–995 is outside the text \(195 characters\)/,
    );
    expect(await counts(project.id)).toEqual({ documents: 0, annotations: 0, audits: 0 });
  });

  it("is for those who may import documents", async () => {
    const { project } = await setup();
    const annotator = await member(project.id, `ann-${randomUUID().slice(0, 6)}@example.org`);
    const error: unknown = await previewForeignImport({
      actor: annotator,
      projectSlug: project.slug,
      fileName: "x.json",
      bytes: await fixture("label-studio-export.json"),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error instanceof AppError && error.code).toBe("FORBIDDEN");
  });
});

describe("importing doccano exports", () => {
  it("imports one file per annotator; a text already in the project gets the next annotator's labels", async () => {
    const { owner, project } = await setup();
    const domain = `${randomUUID().slice(0, 6)}.example.org`;
    const carol = await member(project.id, `carol@${domain}`);
    const dave = await member(project.id, `dave@${domain}`);
    const carolFile = { fileName: "carol.jsonl", bytes: await fixture("doccano/carol.jsonl") };

    const preview = await previewForeignImport({
      actor: owner,
      projectSlug: project.slug,
      ...carolFile,
    });
    expect(preview.format).toBe("doccano");
    expect(preview.labels.map((l) => [l.name, l.spans, l.proposed])).toEqual([
      ["CLAIM", 1, "UNVERIFIED_CLAIM"],
      ["OPINION", 1, "OPINION"],
      ["SOURCED", 1, "SOURCED_FACT"],
    ]);
    expect(preview.annotators.map((a) => a.key)).toEqual(["doccano:carol"]);
    // The file is named after the username; the member with that email's local part is proposed.
    expect(preview.proposedMembers).toEqual({ "doccano:carol": carol.id });

    const first = await applyForeignImport({
      actor: owner,
      projectSlug: project.slug,
      ...carolFile,
      mapping: {
        labels: { CLAIM: "UNVERIFIED_CLAIM", OPINION: "OPINION", SOURCED: "SOURCED_FACT" },
        annotators: { "doccano:carol": carol.id },
      },
    });
    expect(first).toMatchObject({ annotations: 3, matchedExisting: 0 });
    expect(first.created).toHaveLength(2);

    const classification = await applyForeignImport({
      actor: owner,
      projectSlug: project.slug,
      fileName: "dave.jsonl",
      bytes: await fixture("doccano/dave.jsonl"),
      mapping: {
        labels: { opinion: "OPINION", fact: "SOURCED_FACT" },
        annotators: { "doccano:dave": dave.id },
      },
    });
    // The unlabelled "Sports results follow." comes in as a document without annotations.
    expect(classification).toMatchObject({ annotations: 2 });
    expect(classification.created).toHaveLength(3);

    // Dave's own sequence-labelling file on carol's texts: same documents, his labels beside hers.
    const again = await applyForeignImport({
      actor: owner,
      projectSlug: project.slug,
      fileName: "dave.jsonl",
      bytes: await fixture("doccano/carol.jsonl"),
      mapping: {
        labels: { CLAIM: "OPINION", OPINION: "OPINION", SOURCED: "SOURCED_FACT" },
        annotators: { "doccano:dave": dave.id },
      },
    });
    expect(again).toMatchObject({ matchedExisting: 2, annotations: 3 });
    expect(again.created).toHaveLength(0);

    const labels = await labelsOf(project.id);
    const eu = "EU officials rejected the proposal on Monday, a spokesperson said.";
    expect(labels).toEqual(
      expect.arrayContaining([
        `${eu}#0 ${carol.email}: SOURCED_FACT`,
        `${eu}#1 ${carol.email}: OPINION`,
        `${eu}#0 ${dave.email}: SOURCED_FACT`,
        `Rebels claimed they had taken the airport.#0 ${carol.email}: UNVERIFIED_CLAIM`,
        `Rebels claimed they had taken the airport.#0 ${dave.email}: OPINION`,
        `The minister's speech was a masterpiece of evasion.#0 ${dave.email}: OPINION`,
        `According to the UN, 2,000 homes were destroyed.#0 ${dave.email}: SOURCED_FACT`,
      ]),
    );
    expect(labels).toHaveLength(8);
    expect(await counts(project.id)).toMatchObject({ documents: 5, audits: 3 });
  });

  it("refuses a bad line or a span out of range and imports none of the file", async () => {
    const { owner, project } = await setup();
    const good = new TextDecoder().decode(await fixture("doccano/carol.jsonl"));
    const apply = (content: string) =>
      applyForeignImport({
        actor: owner,
        projectSlug: project.slug,
        fileName: "carol.jsonl",
        bytes: bytes(content),
        mapping: {
          labels: {
            CLAIM: "UNVERIFIED_CLAIM",
            OPINION: "OPINION",
            SOURCED: "SOURCED_FACT",
            X: "OPINION",
          },
          annotators: { "doccano:carol": owner.id },
        },
      });
    expect(await refusal(apply(`${good}{"text": "Broken.", "label": [`))).toMatch(
      /doccano export was not imported: Line 3 is not valid JSON/,
    );
    expect(await refusal(apply(`${good}{"text": "Short.", "label": [[2, 60, "X"]]}\n`))).toMatch(
      /Line 3: the span labelled "X" cannot be placed: 2–60 is outside the text \(6 characters\)/,
    );
    expect(await counts(project.id)).toEqual({ documents: 0, annotations: 0, audits: 0 });
  });
});
