import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db, disconnectDb } from "@/lib/db";
import { GOLD_MODEL_VERSION } from "@/lib/domain/export";
import { applyForeignImport } from "@/lib/server/interop/foreign-import";
import { runExport, unzip } from "../support/export-files";
import { annotate, createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

const regionSchema = z.object({
  id: z.string(),
  from_name: z.string(),
  to_name: z.literal("text"),
  type: z.enum(["labels", "textarea"]),
  value: z.object({
    start: z.number(),
    end: z.number(),
    text: z.union([z.string(), z.array(z.string())]),
    labels: z.array(z.string()).optional(),
  }),
});
const tasksSchema = z.array(
  z.object({
    data: z.object({ text: z.string(), title: z.string(), sourcelight_document_id: z.string() }),
    predictions: z.array(z.object({ model_version: z.string(), result: z.array(regionSchema) })),
  }),
);

async function annotatedProject() {
  const owner = await createUser();
  const alice = await createUser();
  const bob = await createUser();
  const project = await createProject({
    members: [
      [owner, "OWNER"],
      [alice, "ANNOTATOR"],
      [bob, "ANNOTATOR"],
    ],
  });
  const doc = await importDocument(project.id, {
    title: "Floods",
    text: "Officials said 🔥 fires spread overnight. Critics called the response a farce. Nothing more.",
  });
  const sentences = await db.sentence.findMany({
    where: { documentId: doc.id },
    orderBy: { index: "asc" },
    select: { id: true },
  });
  const [first, second] = sentences;
  if (!first || !second) throw new Error("expected two sentences");
  await annotate(first.id, alice.id, "SOURCED_FACT", { sourceText: "Officials" });
  await annotate(first.id, bob.id, "UNVERIFIED_CLAIM");
  await annotate(second.id, alice.id, "OPINION");
  await db.adjudication.create({
    data: {
      projectId: project.id,
      sentenceId: first.id,
      label: "SOURCED_FACT",
      reviewerId: owner.id,
      status: "RESOLVED",
    },
  });
  // A second document nobody annotated is still a task, with no predictions.
  await importDocument(project.id, { title: "Quiet", text: "Nothing happened today." });
  return { owner, alice, bob, project };
}

describe("exporting Label Studio tasks", () => {
  it("writes one task per document with the gold and each annotator's labels as predictions", async () => {
    const { owner, alice, bob, project } = await annotatedProject();
    const file = await runExport(owner, project.slug, {
      format: "label-studio",
      identity: "emails",
    });
    const tasks = tasksSchema.parse(JSON.parse(file.toString("utf8")));
    expect(tasks.map((t) => [t.data.title, t.predictions.map((p) => p.model_version)])).toEqual([
      [
        "Floods",
        [
          GOLD_MODEL_VERSION,
          ...[`sourcelight:annotator:${alice.email}`, `sourcelight:annotator:${bob.email}`].sort(),
        ],
      ],
      ["Quiet", []],
    ]);
    const floods = tasks[0];
    if (!floods) throw new Error("no task");
    // Every region's offsets index data.text (UTF-16 units, past the emoji too).
    for (const p of floods.predictions) {
      for (const r of p.result) {
        if (r.type === "labels") {
          expect(floods.data.text.slice(r.value.start, r.value.end)).toBe(r.value.text);
        }
      }
    }
    const aliceRegions =
      floods.predictions.find((p) => p.model_version === `sourcelight:annotator:${alice.email}`)
        ?.result ?? [];
    expect(aliceRegions.map((r) => [r.type, r.value.labels ?? r.value.text])).toEqual([
      ["labels", ["SOURCED_FACT"]],
      ["textarea", ["Officials"]],
      ["labels", ["OPINION"]],
    ]);
    // Pseudonymous exports name nobody in model_version either.
    const hidden = tasksSchema.parse(
      JSON.parse(
        (
          await runExport(owner, project.slug, { format: "label-studio", identity: "pseudonyms" })
        ).toString("utf8"),
      ),
    );
    expect(JSON.stringify(hidden)).not.toContain(alice.email);
    expect(hidden[0]?.predictions[1]?.model_version).toMatch(/^sourcelight:annotator:annotator-/);
  });

  it("comes back in through the Label Studio import as the same labels", async () => {
    const { owner, alice, bob, project } = await annotatedProject();
    const tasks = tasksSchema.parse(
      JSON.parse(
        (
          await runExport(owner, project.slug, { format: "label-studio", identity: "emails" })
        ).toString("utf8"),
      ),
    );
    // What a Label Studio user does on accepting the predictions: each becomes an annotation.
    const accepted = tasks.map((t) => ({
      data: t.data,
      annotations: t.predictions
        .filter((p) => p.model_version !== GOLD_MODEL_VERSION)
        .map((p) => ({
          completed_by: { email: p.model_version.replace("sourcelight:annotator:", "") },
          result: p.result,
        })),
    }));
    const target = await createProject({
      members: [
        [owner, "OWNER"],
        [alice, "ANNOTATOR"],
        [bob, "ANNOTATOR"],
      ],
    });
    const result = await applyForeignImport({
      actor: owner,
      projectSlug: target.slug,
      fileName: "from-label-studio.json",
      bytes: new TextEncoder().encode(JSON.stringify(accepted)),
      mapping: {
        labels: {
          SOURCED_FACT: "SOURCED_FACT",
          UNVERIFIED_CLAIM: "UNVERIFIED_CLAIM",
          OPINION: "OPINION",
        },
        annotators: { [`email:${alice.email}`]: alice.id, [`email:${bob.email}`]: bob.id },
      },
    });
    expect(result).toMatchObject({ annotations: 3, conflicts: 0 });
    const labels = await db.annotation.findMany({
      where: { projectId: target.id },
      orderBy: [{ sentence: { index: "asc" } }, { annotator: { email: "asc" } }],
      select: { label: true, annotatorId: true, sentence: { select: { index: true } } },
    });
    expect(labels.map((l) => [l.sentence.index, l.annotatorId, l.label])).toEqual(
      expect.arrayContaining([
        [0, alice.id, "SOURCED_FACT"],
        [0, bob.id, "UNVERIFIED_CLAIM"],
        [1, alice.id, "OPINION"],
      ]),
    );
  });

  it("describes the tasks and the labelling interface in the dataset card", async () => {
    const { owner, project } = await annotatedProject();
    const files = await unzip(
      await runExport(owner, project.slug, { format: "label-studio", card: true }),
    );
    expect([...files.keys()].sort()).toEqual(["README.md", "data/all.label-studio.json"]);
    const card = files.get("README.md")?.toString("utf8") ?? "";
    expect(card).toContain("Format: Label Studio tasks (JSON array)");
    expect(card).toContain('<Labels name="label" toName="text">');
    expect(card).toContain("count UTF-16 code units, as Label Studio's text annotator does");
  });
});
