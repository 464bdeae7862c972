import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { agreementReport } from "@/lib/domain/agreement";
import { adjudicate } from "@/lib/server/review/adjudications";
import { projectAgreement } from "@/lib/server/review/agreement";
import { setDocumentSubmitted } from "@/lib/server/annotations/progress";
import { addComment, listComments } from "@/lib/server/review/comments";
import { loadCuration, loadDocumentReview, reviewQueue } from "@/lib/server/review/review";
import { annotatorFeedback } from "@/lib/server/review/feedback";
import {
  annotate,
  createProject,
  createUser,
  importDocument,
  submitDocument,
} from "../support/factories";

afterAll(disconnectDb);

type L = "SOURCED_FACT" | "UNVERIFIED_CLAIM" | "OPINION" | "NOT_A_CLAIM";
const TEXT =
  "Headline of the report\n\nThe army said it advanced. Critics called it reckless. Officials denied it. Rain fell.";

/** A project with a reviewer, three annotators and one document whose sentences carry the given labels. */
async function scenario(opts: { blind?: boolean; labels: Array<[L, L, L]> }) {
  const reviewer = await createUser({ name: "Rita Reviewer" });
  const ann = [
    await createUser({ name: "Ann" }),
    await createUser({ name: "Ben" }),
    await createUser({ name: "Cy" }),
  ] as const;
  const project = await createProject({
    blind: opts.blind ?? true,
    members: [
      [reviewer, "REVIEWER"],
      [ann[0], "ANNOTATOR"],
      [ann[1], "ANNOTATOR"],
      [ann[2], "ANNOTATOR"],
    ],
  });
  // Joining order decides the pseudonyms, so make it unambiguous.
  for (const [i, a] of ann.entries()) {
    await db.membership.update({
      where: { projectId_userId: { projectId: project.id, userId: a.id } },
      data: { createdAt: new Date(Date.UTC(2024, 0, 1 + i)) },
    });
  }
  const doc = await importDocument(project.id, { text: `${TEXT} ${Math.random()}` });
  const sentences = await db.sentence.findMany({
    where: { documentId: doc.id, isBoilerplate: false },
    orderBy: { index: "asc" },
    select: { id: true, index: true, text: true },
  });
  for (const [i, labels] of opts.labels.entries()) {
    const s = sentences[i];
    if (!s) throw new Error(`the document has no sentence ${i}`);
    for (const [j, label] of labels.entries())
      await annotate(s.id, ann[j]?.id ?? "", label, { sourceText: `source ${label}` });
  }
  return { reviewer, ann, project, doc, sentences };
}

describe("document review", () => {
  it("shows every annotator's answer side by side, with majority and agreement per sentence", async () => {
    const { reviewer, project, doc, sentences } = await scenario({
      labels: [
        ["SOURCED_FACT", "SOURCED_FACT", "OPINION"],
        ["OPINION", "OPINION", "OPINION"],
        ["OPINION", "SOURCED_FACT", "NOT_A_CLAIM"],
      ],
    });
    const review = await loadDocumentReview({
      actor: reviewer,
      projectSlug: project.slug,
      documentId: doc.id,
    });
    expect(review.annotators.map((a) => a.display)).toEqual(["Ann", "Ben", "Cy"]);
    const first = review.sentences.find((s) => s.id === sentences[0]?.id);
    expect(first?.annotations.map((a) => a.label)).toEqual([
      "SOURCED_FACT",
      "SOURCED_FACT",
      "OPINION",
    ]);
    expect(first?.annotations[2]?.sourceText).toBe("source OPINION");
    expect(first?.majority.label).toBe("SOURCED_FACT");
    expect(first?.agreement.agreement).toBeCloseTo(1 / 3, 12);
    expect(review.sentences.find((s) => s.id === sentences[2]?.id)?.agreement.kind).toBe("split");
    expect(review.canAdjudicate).toBe(true);
  });

  it("shows stable pseudonyms instead of names when the project says so", async () => {
    const { reviewer, project, doc } = await scenario({
      labels: [["OPINION", "SOURCED_FACT", "OPINION"]],
    });
    await db.project.update({ where: { id: project.id }, data: { identityDisplay: "PSEUDONYMS" } });
    const review = await loadDocumentReview({
      actor: reviewer,
      projectSlug: project.slug,
      documentId: doc.id,
    });
    expect(review.annotators.map((a) => a.display)).toEqual([
      "Annotator A",
      "Annotator B",
      "Annotator C",
    ]);
    expect(JSON.stringify(review)).not.toContain("Ben");
  });

  it("hides other annotators' tags in blind projects, and everything from non-members (404)", async () => {
    const { ann, project, doc } = await scenario({ labels: [["OPINION", "OPINION", "OPINION"]] });
    await expect(
      loadDocumentReview({ actor: ann[0], projectSlug: project.slug, documentId: doc.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const outsider = await createUser();
    await expect(
      loadDocumentReview({ actor: outsider, projectSlug: project.slug, documentId: doc.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      projectAgreement({ actor: outsider, projectSlug: project.slug, filters: {} }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      projectAgreement({ actor: ann[0], projectSlug: project.slug, filters: {} }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lets annotators of an open project read the review but not adjudicate", async () => {
    const { ann, project, doc, sentences } = await scenario({
      blind: false,
      labels: [["OPINION", "SOURCED_FACT", "OPINION"]],
    });
    const review = await loadDocumentReview({
      actor: ann[1],
      projectSlug: project.slug,
      documentId: doc.id,
    });
    expect(review.canAdjudicate).toBe(false);
    await expect(
      adjudicate({
        actor: ann[1],
        projectSlug: project.slug,
        input: { sentenceId: sentences[0]?.id, choice: { kind: "majority" }, version: 0 },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("finds nothing for a document of another project (IDOR)", async () => {
    const { reviewer, project } = await scenario({ labels: [] });
    const other = await scenario({ labels: [["OPINION", "OPINION", "SOURCED_FACT"]] });
    await expect(
      loadDocumentReview({ actor: reviewer, projectSlug: project.slug, documentId: other.doc.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      loadDocumentReview({ actor: reviewer, projectSlug: project.slug, documentId: "not-a-uuid" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      adjudicate({
        actor: reviewer,
        projectSlug: project.slug,
        input: { sentenceId: other.sentences[0]?.id, choice: { kind: "majority" }, version: 0 },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.adjudication.count({ where: { sentenceId: other.sentences[0]?.id } })).toBe(0);
  });
});

describe("adjudication", () => {
  it("accepts the majority, picks an annotator, or takes the reviewer's own answer, leaving annotations untouched", async () => {
    const { reviewer, ann, project, sentences } = await scenario({
      labels: [
        ["SOURCED_FACT", "SOURCED_FACT", "OPINION"],
        ["OPINION", "SOURCED_FACT", "NOT_A_CLAIM"],
        ["OPINION", "OPINION", "UNVERIFIED_CLAIM"],
      ],
    });
    const [s0, s1, s2] = sentences;
    const before = await db.annotation.findMany({
      where: { projectId: project.id },
      orderBy: { id: "asc" },
    });

    const majority = await adjudicate({
      actor: reviewer,
      projectSlug: project.slug,
      input: { sentenceId: s0?.id, choice: { kind: "majority" }, note: "Two of three", version: 0 },
    });
    expect(majority).toMatchObject({
      label: "SOURCED_FACT",
      sourceText: "source SOURCED_FACT",
      status: "RESOLVED",
      version: 1,
      note: "Two of three",
    });

    const picked = await adjudicate({
      actor: reviewer,
      projectSlug: project.slug,
      input: {
        sentenceId: s1?.id,
        choice: { kind: "annotator", annotatorId: ann[2].id },
        version: 0,
      },
    });
    expect(picked.label).toBe("NOT_A_CLAIM");

    const own = await adjudicate({
      actor: reviewer,
      projectSlug: project.slug,
      input: {
        sentenceId: s2?.id,
        choice: { kind: "own", label: "UNVERIFIED_CLAIM", sourceText: "the ministry" },
        status: "NEEDS_DISCUSSION",
        version: 0,
      },
    });
    expect(own).toMatchObject({
      label: "UNVERIFIED_CLAIM",
      sourceText: "the ministry",
      status: "NEEDS_DISCUSSION",
    });

    const after = await db.annotation.findMany({
      where: { projectId: project.id },
      orderBy: { id: "asc" },
    });
    expect(after).toEqual(before);
    expect(
      await db.auditEvent.count({
        where: { projectId: project.id, action: { startsWith: "adjudication." } },
      }),
    ).toBe(3);
  });

  it("detects a stale version instead of overwriting another reviewer's gold label", async () => {
    const { reviewer, project, sentences } = await scenario({
      labels: [["OPINION", "OPINION", "SOURCED_FACT"]],
    });
    const input = { sentenceId: sentences[0]?.id, choice: { kind: "majority" }, version: 0 };
    await adjudicate({ actor: reviewer, projectSlug: project.slug, input });
    await expect(
      adjudicate({
        actor: reviewer,
        projectSlug: project.slug,
        input: { ...input, choice: { kind: "own", label: "NOT_A_CLAIM" } },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const saved = await db.adjudication.findUniqueOrThrow({
      where: { sentenceId: sentences[0]?.id ?? "" },
    });
    expect(saved.label).toBe("OPINION");
    const next = await adjudicate({
      actor: reviewer,
      projectSlug: project.slug,
      input: { ...input, choice: { kind: "own", label: "NOT_A_CLAIM" }, version: 1 },
    });
    expect(next).toMatchObject({ label: "NOT_A_CLAIM", version: 2 });
  });

  it("explains bad input and saves nothing", async () => {
    const { reviewer, ann, project, sentences } = await scenario({
      labels: [["OPINION", "SOURCED_FACT", "NOT_A_CLAIM"]],
    });
    const sentenceId = sentences[0]?.id;
    await expect(
      adjudicate({
        actor: reviewer,
        projectSlug: project.slug,
        input: { sentenceId, choice: { kind: "majority" }, version: 0 },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("no majority"),
    });
    await expect(
      adjudicate({
        actor: reviewer,
        projectSlug: project.slug,
        input: { sentenceId, choice: { kind: "own", label: "GOSSIP" }, version: 0 },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { "choice.label": ["Choose a label."] },
    });
    const outsider = await createUser();
    await expect(
      adjudicate({
        actor: reviewer,
        projectSlug: project.slug,
        input: { sentenceId, choice: { kind: "annotator", annotatorId: outsider.id }, version: 0 },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      adjudicate({
        actor: reviewer,
        projectSlug: project.slug,
        input: { sentenceId, choice: { kind: "keep" }, status: "RESOLVED", version: 0 },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("gold label") });
    expect(await db.adjudication.count({ where: { projectId: project.id } })).toBe(0);
    expect(ann).toHaveLength(3);
  });
});

describe("review queue", () => {
  it("lists unresolved disagreements, worst first, and drops them once resolved", async () => {
    const { reviewer, project, sentences } = await scenario({
      labels: [
        ["SOURCED_FACT", "SOURCED_FACT", "OPINION"],
        ["OPINION", "OPINION", "OPINION"],
        ["OPINION", "SOURCED_FACT", "NOT_A_CLAIM"],
      ],
    });
    const queue = await reviewQueue({ actor: reviewer, projectSlug: project.slug });
    expect(queue.items.map((i) => i.sentenceId)).toEqual([sentences[2]?.id, sentences[0]?.id]);
    expect(queue.items[0]?.majority).toBeNull();
    expect(queue.items[1]?.majority).toBe("SOURCED_FACT");
    await adjudicate({
      actor: reviewer,
      projectSlug: project.slug,
      input: {
        sentenceId: sentences[2]?.id,
        choice: { kind: "own", label: "OPINION" },
        version: 0,
      },
    });
    const after = await reviewQueue({ actor: reviewer, projectSlug: project.slug });
    expect(after.items.map((i) => i.sentenceId)).toEqual([sentences[0]?.id]);
  });
});

describe("review in context", () => {
  it("gives each queue row its neighbouring sentences, nearest next to it", async () => {
    const { reviewer, project, doc } = await scenario({
      labels: [
        ["OPINION", "OPINION", "OPINION"],
        ["OPINION", "SOURCED_FACT", "OPINION"],
      ],
    });
    const all = await db.sentence.findMany({
      where: { documentId: doc.id },
      orderBy: { index: "asc" },
      select: { index: true, text: true },
    });
    const queue = await reviewQueue({ actor: reviewer, projectSlug: project.slug });
    const [item] = queue.items;
    if (!item) throw new Error("the disagreement is not in the queue");
    const at = all.findIndex((s) => s.index === item.sentenceIndex);
    expect(item.context.before.at(-1)).toBe(all[at - 1]?.text);
    expect(item.context.after[0]).toBe(all[at + 1]?.text);
    expect(item.context.before.length).toBeLessThanOrEqual(3);
    expect(item.context.after.length).toBeLessThanOrEqual(3);
  });

  it("lists “needs discussion” rows, agreed or not, until the reviewer clears them", async () => {
    const { reviewer, project, sentences } = await scenario({
      labels: [
        ["OPINION", "OPINION", "OPINION"],
        ["OPINION", "SOURCED_FACT", "OPINION"],
      ],
    });
    const [agreed, split] = sentences;
    for (const s of [agreed, split])
      await adjudicate({
        actor: reviewer,
        projectSlug: project.slug,
        input: {
          sentenceId: s?.id,
          choice: { kind: "keep" },
          status: "NEEDS_DISCUSSION",
          version: 0,
        },
      });
    const listed = await reviewQueue({
      actor: reviewer,
      projectSlug: project.slug,
      filter: "discussion",
    });
    expect(listed.items.map((i) => i.sentenceId).sort()).toEqual([agreed?.id, split?.id].sort());
    expect(listed.items.every((i) => i.status === "NEEDS_DISCUSSION")).toBe(true);

    await adjudicate({
      actor: reviewer,
      projectSlug: project.slug,
      input: { sentenceId: agreed?.id, choice: { kind: "keep" }, status: "OPEN", version: 1 },
    });
    const after = await reviewQueue({
      actor: reviewer,
      projectSlug: project.slug,
      filter: "discussion",
    });
    expect(after.items.map((i) => i.sentenceId)).toEqual([split?.id]);
  });

  it("lists unresolved sentences someone marked unsure, even when everyone agrees", async () => {
    const { reviewer, ann, project, sentences } = await scenario({
      labels: [
        ["OPINION", "OPINION", "OPINION"],
        ["NOT_A_CLAIM", "NOT_A_CLAIM", "NOT_A_CLAIM"],
      ],
    });
    await db.annotation.updateMany({
      where: { sentenceId: sentences[1]?.id, annotatorId: ann[2].id },
      data: { unsure: true },
    });
    const unsure = await reviewQueue({
      actor: reviewer,
      projectSlug: project.slug,
      filter: "unsure",
    });
    expect(unsure.items.map((i) => i.sentenceId)).toEqual([sentences[1]?.id]);
    expect(unsure.items[0]?.labels.find((l) => l.annotatorId === ann[2].id)?.unsure).toBe(true);
    expect((await reviewQueue({ actor: reviewer, projectSlug: project.slug })).items).toEqual([]);
  });

  it("shows reviewers the whole document with every annotator, and refuses annotators even in an open project", async () => {
    const { reviewer, ann, project, doc } = await scenario({
      blind: false,
      labels: [["OPINION", "SOURCED_FACT", "OPINION"]],
    });
    const curation = await loadCuration({
      actor: reviewer,
      projectSlug: project.slug,
      documentId: doc.id,
    });
    expect(curation.annotators.map((a) => a.id).sort()).toEqual(ann.map((a) => a.id).sort());
    expect(curation.sentences.length).toBeGreaterThan(1);
    await expect(
      loadCuration({ actor: ann[0], projectSlug: project.slug, documentId: doc.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      loadCuration({ actor: reviewer, projectSlug: project.slug, documentId: "not-a-uuid" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("comments", () => {
  it("opens the thread to a blind project's annotator only after they submit the document", async () => {
    const { reviewer, ann, project, doc, sentences } = await scenario({
      labels: [["OPINION", "SOURCED_FACT", "OPINION"]],
    });
    const sentenceId = sentences[0]?.id;
    await addComment({
      actor: reviewer,
      projectSlug: project.slug,
      input: { sentenceId, body: "Why a fact?" },
    });
    await expect(
      listComments({ actor: ann[1], projectSlug: project.slug, sentenceId: sentenceId ?? "" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      addComment({ actor: ann[1], projectSlug: project.slug, input: { sentenceId, body: "Hm" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await submitDocument(doc.id, ann[1].id);
    await addComment({
      actor: ann[1],
      projectSlug: project.slug,
      input: { sentenceId, body: "The army is named." },
    });
    const thread = await listComments({
      actor: ann[1],
      projectSlug: project.slug,
      sentenceId: sentenceId ?? "",
    });
    expect(thread.map((c) => [c.author, c.body])).toEqual([
      ["Rita Reviewer", "Why a fact?"],
      ["You", "The army is named."],
    ]);
  });

  it("lets a blind project's annotator comment once they themselves have submitted, and not while reopened", async () => {
    const { reviewer, ann, project, doc, sentences } = await scenario({
      labels: [["OPINION", "SOURCED_FACT", "OPINION"]],
    });
    const sentenceId = sentences[0]?.id ?? "";
    const comment = (body: string) =>
      addComment({ actor: ann[1], projectSlug: project.slug, input: { sentenceId, body } });
    const submit = (actor: (typeof ann)[number], submitted: boolean) =>
      setDocumentSubmitted({ actor, projectSlug: project.slug, documentId: doc.id, submitted });
    const refused = { code: "FORBIDDEN", message: expect.stringContaining("Submit the document") };

    await expect(comment("Before anything")).rejects.toMatchObject(refused);
    // Someone else's submission does not open the thread to this annotator.
    await submit(ann[0], true);
    await expect(comment("After Ann submitted")).rejects.toMatchObject(refused);
    // Nor does having started the document.
    await submit(ann[1], false);
    await expect(comment("While in progress")).rejects.toMatchObject(refused);
    expect(await db.comment.count({ where: { projectId: project.id } })).toBe(0);

    await submit(ann[1], true);
    const written = await comment("The army is named.");
    expect(written).toMatchObject({ author: "You", mine: true, body: "The army is named." });
    expect(
      await db.comment.findMany({
        where: { projectId: project.id },
        select: { id: true, authorId: true, sentenceId: true, body: true },
      }),
    ).toEqual([{ id: written.id, authorId: ann[1].id, sentenceId, body: "The army is named." }]);
    expect(
      await db.auditEvent.count({
        where: { projectId: project.id, action: "comment.create", entityId: written.id },
      }),
    ).toBe(1);

    // Reopening the document closes the thread again until the next submission.
    await submit(ann[1], false);
    await expect(comment("Reopened")).rejects.toMatchObject(refused);
    await expect(
      listComments({ actor: ann[1], projectSlug: project.slug, sentenceId }),
    ).rejects.toMatchObject(refused);
    // The rule is the blind project's: reviewers are never held back by it.
    await addComment({
      actor: reviewer,
      projectSlug: project.slug,
      input: { sentenceId, body: "Noted." },
    });
  });

  it("lets annotators of an open (non-blind) project comment without submitting", async () => {
    const { ann, project, sentences } = await scenario({ blind: false, labels: [] });
    const written = await addComment({
      actor: ann[2],
      projectSlug: project.slug,
      input: { sentenceId: sentences[0]?.id, body: "Open discussion." },
    });
    expect(written).toMatchObject({ mine: true, body: "Open discussion." });
  });

  it("refuses an empty comment with a message", async () => {
    const { reviewer, project, sentences } = await scenario({ labels: [] });
    await expect(
      addComment({
        actor: reviewer,
        projectSlug: project.slug,
        input: { sentenceId: sentences[0]?.id, body: "   " },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: "Write a comment.",
    });
    expect(await db.comment.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("feedback", () => {
  it("shows an annotator where they differed from gold on submitted documents only", async () => {
    const { reviewer, ann, project, doc, sentences } = await scenario({
      labels: [
        ["SOURCED_FACT", "SOURCED_FACT", "OPINION"],
        ["OPINION", "OPINION", "OPINION"],
      ],
    });
    for (const s of sentences.slice(0, 2)) {
      await adjudicate({
        actor: reviewer,
        projectSlug: project.slug,
        input: { sentenceId: s.id, choice: { kind: "majority" }, note: "Named source", version: 0 },
      });
    }
    const early = await annotatorFeedback({ actor: ann[2], projectSlug: project.slug });
    expect(early.items).toEqual([]);
    await submitDocument(doc.id, ann[2].id);
    const feedback = await annotatorFeedback({ actor: ann[2], projectSlug: project.slug });
    expect(feedback.items).toMatchObject([
      {
        sentenceId: sentences[0]?.id,
        mine: "OPINION",
        gold: "SOURCED_FACT",
        reviewerNote: "Named source",
      },
    ]);
    expect(feedback.summary).toMatchObject({ compared: 2, agreed: 1, agreement: 0.5 });
    await expect(
      annotatorFeedback({ actor: reviewer, projectSlug: project.slug }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("agreement aggregation", () => {
  it("gives exactly the figures of the domain library on the same annotations", async () => {
    const labels: Array<[L, L, L]> = [
      ["SOURCED_FACT", "SOURCED_FACT", "OPINION"],
      ["OPINION", "OPINION", "OPINION"],
      ["OPINION", "SOURCED_FACT", "NOT_A_CLAIM"],
      ["UNVERIFIED_CLAIM", "UNVERIFIED_CLAIM", "OPINION"],
    ];
    const { reviewer, ann, project, sentences } = await scenario({ labels });
    const { figures } = await projectAgreement({
      actor: reviewer,
      projectSlug: project.slug,
      filters: {},
    });
    const expected = agreementReport(
      labels.flatMap((row, u) =>
        row.map((value, c) => ({ unit: String(u), coder: ann[c]?.id ?? "", value })),
      ),
      ["SOURCED_FACT", "UNVERIFIED_CLAIM", "OPINION", "NOT_A_CLAIM"],
    );
    expect(figures.units).toBe(labels.length);
    expect(figures.annotations).toBe(12);
    expect(figures.alpha).toEqual(
      expected.alpha.defined ? { ...figures.alpha, value: expected.alpha.value } : figures.alpha,
    );
    expect(figures.alpha.defined && figures.alpha.value).toBeCloseTo(
      expected.alpha.defined ? expected.alpha.value : NaN,
      12,
    );
    expect(figures.interval).toEqual(expected.alpha.interval);
    expect(figures.fleiss).toEqual(expected.fleiss);
    expect(figures.ac1).toEqual(expected.ac1);
    const byName = new Map(figures.coders.map((c) => [c.id, c.display]));
    expect(figures.pairs.map((p) => [byName.get(p.coderA), byName.get(p.coderB), p.kappa])).toEqual(
      expected.cohen.map((p) => [byName.get(p.coderA), byName.get(p.coderB), p.kappa]),
    );
    expect(figures.labelDistribution.find((d) => d.coder === ann[2].id)?.counts).toEqual([
      0, 0, 3, 1,
    ]);
    expect(figures.perDocument).toHaveLength(1);
    expect(figures.perDocument[0]?.units).toBe(4);
    expect(figures.overTime.length).toBeGreaterThan(0);
    expect(sentences.length).toBeGreaterThanOrEqual(4);
  });

  it("honours the filters: boilerplate excluded by default, documents and annotators", async () => {
    const { reviewer, ann, project, doc, sentences } = await scenario({
      labels: [
        ["OPINION", "OPINION", "SOURCED_FACT"],
        ["OPINION", "SOURCED_FACT", "SOURCED_FACT"],
      ],
    });
    const boiler = await db.sentence.findFirstOrThrow({
      where: { documentId: doc.id, isBoilerplate: false, index: { gt: sentences[1]?.index ?? 0 } },
    });
    await db.sentence.update({ where: { id: boiler.id }, data: { isBoilerplate: true } });
    for (const a of ann) await annotate(boiler.id, a.id, "NOT_A_CLAIM");
    const other = await importDocument(project.id);
    const otherSentence = await db.sentence.findFirstOrThrow({
      where: { documentId: other.id, isBoilerplate: false },
    });
    for (const a of ann) await annotate(otherSentence.id, a.id, "OPINION");

    const all = (
      await projectAgreement({ actor: reviewer, projectSlug: project.slug, filters: {} })
    ).figures;
    expect(all.units).toBe(3);
    const withBoiler = (
      await projectAgreement({
        actor: reviewer,
        projectSlug: project.slug,
        filters: { boilerplate: "1" },
      })
    ).figures;
    expect(withBoiler.units).toBe(4);
    const oneDoc = (
      await projectAgreement({
        actor: reviewer,
        projectSlug: project.slug,
        filters: { documents: other.id },
      })
    ).figures;
    expect(oneDoc.units).toBe(1);
    const twoCoders = (
      await projectAgreement({
        actor: reviewer,
        projectSlug: project.slug,
        filters: { annotators: `${ann[0].id},${ann[1].id}` },
      })
    ).figures;
    expect(twoCoders.coders.map((c) => c.id).sort()).toEqual([ann[0].id, ann[1].id].sort());
    expect(twoCoders.pairs).toHaveLength(1);
    await expect(
      projectAgreement({
        actor: reviewer,
        projectSlug: project.slug,
        filters: { documents: "nope" },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("measures agreement on attributed sources over registry entries, equal to the library's nominal alpha", async () => {
    const { reviewer, ann, project, sentences } = await scenario({ labels: [] });
    const [mod, pmu] = await Promise.all(
      ["Iraq's Ministry of Defence", "the PMU"].map((name) =>
        db.source.create({
          data: { projectId: project.id, name, type: "OFFICIAL_BODY" },
          select: { id: true },
        }),
      ),
    );
    const S = { mod: mod?.id ?? "", pmu: pmu?.id ?? "" };
    // Sentence 0: all three name the ministry; sentence 1: two the PMU, one the ministry; sentence 2: one source only (not pairable).
    const picks: Array<Array<string | null>> = [
      [S.mod, S.mod, S.mod],
      [S.pmu, S.pmu, S.mod],
      [S.pmu, null, null],
    ];
    for (const [u, row] of picks.entries()) {
      for (const [c, sourceId] of row.entries()) {
        await annotate(
          sentences[u]?.id ?? "",
          ann[c]?.id ?? "",
          "SOURCED_FACT",
          sourceId ? { sourceId } : {},
        );
      }
    }
    const { figures } = await projectAgreement({
      actor: reviewer,
      projectSlug: project.slug,
      filters: {},
    });
    const expected = agreementReport(
      picks.flatMap((row, u) =>
        row.flatMap((value, c) =>
          value ? [{ unit: String(u), coder: ann[c]?.id ?? "", value }] : [],
        ),
      ),
      [S.mod, S.pmu],
    );
    expect(figures.sourceAlpha.defined).toBe(true);
    expect(figures.sourceAlpha.defined && figures.sourceAlpha.value).toBeCloseTo(
      expected.alpha.defined ? expected.alpha.value : NaN,
      12,
    );
    expect(figures.sourceAlpha.pairableUnits).toBe(2);
    expect(figures.sourceAlpha.sources).toBe(2);
  });

  it("says why a figure is undefined instead of returning NaN", async () => {
    const { reviewer, project } = await scenario({ labels: [] });
    const { figures } = await projectAgreement({
      actor: reviewer,
      projectSlug: project.slug,
      filters: {},
    });
    expect(figures.alpha.defined).toBe(false);
    expect(figures.interval.defined).toBe(false);
    expect(JSON.stringify(figures)).not.toMatch(/NaN|Infinity/);
  });
});

describe("JSON API", () => {
  it("returns the same figures as the dashboard, and honours blind mode and membership", async () => {
    const { GET: getAgreement } = await import("@/app/api/projects/[slug]/agreement/route");
    const { GET: getAnnotations } =
      await import("@/app/api/projects/[slug]/documents/[id]/annotations/route");
    const { createApiToken } = await import("@/lib/server/accounts/tokens");
    const { reviewer, ann, project, doc } = await scenario({
      labels: [
        ["OPINION", "OPINION", "SOURCED_FACT"],
        ["OPINION", "SOURCED_FACT", "SOURCED_FACT"],
      ],
    });
    const { token } = await createApiToken({
      actor: reviewer,
      input: { name: "script", scope: "READ" },
    });
    const call = (path: string, bearer: string) =>
      new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${bearer}` } });

    const response = await getAgreement(call(`/api/projects/${project.slug}/agreement`, token), {
      params: Promise.resolve({ slug: project.slug }),
    });
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    const { figures } = await projectAgreement({
      actor: reviewer,
      projectSlug: project.slug,
      filters: {},
    });
    expect(body).toEqual(JSON.parse(JSON.stringify(figures)));

    const annotations = await getAnnotations(
      call(`/api/projects/${project.slug}/documents/${doc.id}/annotations`, token),
      {
        params: Promise.resolve({ slug: project.slug, id: doc.id }),
      },
    );
    expect(annotations.status).toBe(200);

    const annotatorToken = (
      await createApiToken({ actor: ann[0], input: { name: "mine", scope: "READ" } })
    ).token;
    const blind = await getAnnotations(
      call(`/api/projects/${project.slug}/documents/${doc.id}/annotations`, annotatorToken),
      {
        params: Promise.resolve({ slug: project.slug, id: doc.id }),
      },
    );
    expect(blind.status).toBe(403);
    const outsider = await createUser();
    const outsiderToken = (
      await createApiToken({ actor: outsider, input: { name: "x", scope: "READ" } })
    ).token;
    const hidden = await getAgreement(
      call(`/api/projects/${project.slug}/agreement`, outsiderToken),
      { params: Promise.resolve({ slug: project.slug }) },
    );
    expect(hidden.status).toBe(404);
    const bad = await getAgreement(
      call(`/api/projects/${project.slug}/agreement?documents=nope`, token),
      { params: Promise.resolve({ slug: project.slug }) },
    );
    expect(bad.status).toBe(422);
  });
});
