import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseCsv } from "csv-parse/sync";
import { parquetReadObjects } from "hyparquet";
import { db, disconnectDb } from "@/lib/db";
import { AppError } from "@/lib/domain/errors";
import { ANNO_CONTEXT } from "@/lib/domain/export";
import type { Actor } from "@/lib/server/actor";
import { importDataset } from "@/lib/server/documents/dataset-import";
import { MAX_DATASET_BYTES } from "@/lib/domain/ingest";
import { importFile, openImport } from "@/lib/server/documents/import";
import {
  estimateExport,
  exportResponseStream,
  startExport,
  type ExportJob,
} from "@/lib/server/export/export";
import { annotate, createProject, createUser, importDocument } from "../support/factories";
import { arrayBuffer, unzip } from "../support/export-files";

afterAll(disconnectDb);

async function collect(job: ExportJob): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of job.body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

async function run(
  actor: Actor,
  projectSlug: string,
  input: Record<string, unknown>,
): Promise<Buffer> {
  return collect(await startExport({ actor, projectSlug, input, via: "api" }));
}

/** A JSONL export's lines without document ids, which differ between projects by design. */
function withoutDocumentIds(jsonl: string): unknown[] {
  return jsonl
    .trimEnd()
    .split("\n")
    .map((l) => {
      const v = JSON.parse(l) as { document: { id?: string } };
      delete v.document.id;
      return v;
    });
}

interface Line {
  document: { id: string; title: string; text: string | null; metadata: unknown };
  sentence: { index: number; start: number; end: number; text: string; is_boilerplate: boolean };
  gold_label: string | null;
  label_origin: string;
  adjudication: { status: string; source: unknown } | null;
  annotations: Array<{
    annotator: { name: string; email: string | null };
    label: string;
    source_text: string | null;
    source_start: number;
    source_end: number;
    source: { name: string } | null;
  }>;
  agreement: { annotators: number; observed: number | null };
}
type Item = {
  type: string;
  motivation: string;
  body: unknown[];
  target: {
    selector: [
      { type: string; exact: string; prefix: string; suffix: string },
      { type: string; start: number; end: number },
    ];
  };
};

const ARTICLE = [
  "Floods hit the valley",
  "",
  "The army said it had evacuated 300 people, according to a spokesman.",
  '=HYPERLINK("http://evil") is what one post claimed, without evidence.',
  'Critics called the response "slow, chaotic" and reckless.',
  "",
  "Subscribe to our newsletter for more.",
].join("\n");

describe("export", () => {
  let owner: Actor;
  let reviewer: Actor;
  let annotator: Actor;
  let alice: Actor;
  let bob: Actor;
  let project: { id: string; slug: string };
  let documentId: string;
  let sentences: Array<{
    id: string;
    index: number;
    start: number;
    end: number;
    text: string;
    isBoilerplate: boolean;
  }>;

  beforeAll(async () => {
    owner = await createUser();
    reviewer = await createUser();
    annotator = await createUser();
    alice = await createUser({ name: "Alice Analyst" });
    bob = await createUser({ name: "-Bob" });
    project = await createProject({
      members: [
        [owner, "OWNER"],
        [reviewer, "REVIEWER"],
        [annotator, "ANNOTATOR"],
        [alice, "ANNOTATOR"],
        [bob, "ANNOTATOR"],
      ],
    });
    const doc = await importDocument(project.id, {
      text: ARTICLE,
      metadata: { feed: "wire", tags: ["floods"] },
    });
    documentId = doc.id;
    await importDocument(project.id, {
      text: "Second story\n\nThe minister resigned on Monday, officials said.",
    });
    sentences = await db.sentence.findMany({
      where: { documentId },
      orderBy: { index: "asc" },
      select: { id: true, index: true, start: true, end: true, text: true, isBoilerplate: true },
    });
    const army = await db.source.create({
      data: {
        projectId: project.id,
        name: "The army",
        type: "OFFICIAL_BODY",
        aliases: ["military"],
        affiliation: "Government",
      },
    });
    const claim = sentences.find((s) => s.text.startsWith("The army"));
    const formula = sentences.find((s) => s.text.startsWith("=HYPERLINK"));
    const critics = sentences.find((s) => s.text.startsWith("Critics"));
    if (!claim || !formula || !critics) throw new Error("segmentation changed: fix the fixture");
    const spanStart = claim.start + claim.text.indexOf("a spokesman");
    await annotate(claim.id, alice.id, "SOURCED_FACT", {
      sourceText: "a spokesman",
      sourceStart: spanStart,
      sourceEnd: spanStart + 11,
      sourceId: army.id,
    });
    await annotate(claim.id, bob.id, "SOURCED_FACT", {
      sourceText: "the army",
      note: "=cmd|' /C calc'!A0",
    });
    await annotate(formula.id, alice.id, "UNVERIFIED_CLAIM", { unsure: true });
    await annotate(formula.id, bob.id, "OPINION");
    await annotate(critics.id, alice.id, "OPINION");
    await db.adjudication.create({
      data: {
        projectId: project.id,
        sentenceId: claim.id,
        label: "SOURCED_FACT",
        sourceId: army.id,
        sourceText: "a spokesman",
        reviewerId: reviewer.id,
        status: "RESOLVED",
      },
    });
    await db.adjudication.create({
      data: {
        projectId: project.id,
        sentenceId: formula.id,
        label: null,
        reviewerId: reviewer.id,
        status: "NEEDS_DISCUSSION",
      },
    });
  });

  it("writes JSONL a sentence per line with gold labels, annotations, registry entries and agreement", async () => {
    const text = (await run(owner, project.slug, { format: "jsonl", identity: "emails" })).toString(
      "utf8",
    );
    const lines = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Line);
    const nonBoilerplate = await db.sentence.count({
      where: { projectId: project.id, isBoilerplate: false },
    });
    expect(lines).toHaveLength(nonBoilerplate);
    const claim = lines.find((l) => l.sentence.text.startsWith("The army"));
    expect(claim?.document).toMatchObject({
      id: documentId,
      title: "Floods hit the valley",
      metadata: { feed: "wire", tags: ["floods"] },
    });
    expect(claim?.gold_label).toBe("SOURCED_FACT");
    expect(claim?.adjudication?.source).toEqual({
      name: "The army",
      type: "OFFICIAL_BODY",
      aliases: ["military"],
      affiliation: "Government",
      side: null,
      description: "",
      grade: null,
    });
    expect(claim?.annotations).toHaveLength(2);
    const byAlice = claim?.annotations.find(
      (a: Line["annotations"][number]) => a.annotator.email === alice.email,
    );
    expect(byAlice).toMatchObject({
      label: "SOURCED_FACT",
      source_text: "a spokesman",
      source: { name: "The army" },
    });
    const docText = lines.find((l) => l.document.id === documentId && l.document.text !== null)
      ?.document.text;
    expect(docText?.slice(byAlice?.source_start, byAlice?.source_end)).toBe("a spokesman");
    expect(claim?.agreement).toEqual({ annotators: 2, observed: 1 });
    const formula = lines.find((l) => l.sentence.text.startsWith("=HYPERLINK"));
    expect(formula?.gold_label).toBeNull();
    expect(formula?.adjudication?.status).toBe("NEEDS_DISCUSSION");
    expect(formula?.agreement).toEqual({ annotators: 2, observed: 0 });
    expect(formula?.label_origin).toBe("none");
    for (const l of lines)
      expect(l.sentence.text).toBe(
        lines
          .find((x) => x.document.id === l.document.id && x.document.text !== null)
          ?.document.text?.slice(l.sentence.start, l.sentence.end),
      );
  });

  it("writes each document's text on its first JSONL line only, the later lines carrying null", async () => {
    const stored = new Map(
      (
        await db.document.findMany({
          where: { projectId: project.id },
          select: { id: true, text: true },
        })
      ).map((d) => [d.id, d.text]),
    );
    const inputs: Array<Record<string, unknown>> = [
      { format: "jsonl" },
      { format: "jsonl", includeBoilerplate: true, split: "column" },
      // The only adjudicated sentence is not its document's first: its line is the first written.
      { format: "jsonl", adjudicatedOnly: true },
    ];
    for (const input of inputs) {
      const lines = (await run(owner, project.slug, input))
        .toString("utf8")
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as Line);
      const how = JSON.stringify(input);
      const seen: string[] = [];
      for (const l of lines) {
        if (seen.at(-1) === l.document.id) {
          expect(l.document.text, how).toBeNull();
        } else {
          // A document's lines are together: it does not come back after another one.
          expect(seen, how).not.toContain(l.document.id);
          seen.push(l.document.id);
          expect(l.document.text, how).toBe(stored.get(l.document.id));
        }
      }
      expect(seen.length, how).toBeGreaterThan(0);
      if (input.adjudicatedOnly) expect(lines[0]?.sentence.index, how).toBeGreaterThan(0);
      else expect(lines.length, how).toBeGreaterThan(seen.length);
    }
  });

  it("filters adjudicated sentences, boilerplate and documents, and hides identities as pseudonyms", async () => {
    const adjudicated = (
      await run(reviewer, project.slug, {
        format: "jsonl",
        adjudicatedOnly: "true",
        identity: "pseudonyms",
      })
    )
      .toString("utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Line);
    expect(adjudicated).toHaveLength(1);
    const names = adjudicated[0]?.annotations.map(
      (a: Line["annotations"][number]) => a.annotator.name,
    );
    expect(names?.every((n: string) => /^annotator-[0-9a-f]{12}$/.test(n))).toBe(true);
    expect(JSON.stringify(adjudicated)).not.toContain(alice.email);
    expect(JSON.stringify(adjudicated)).not.toContain("Alice");

    const withBoilerplate = (
      await run(owner, project.slug, {
        format: "jsonl",
        includeBoilerplate: true,
        documents: [documentId],
      })
    ).toString("utf8");
    const all = withBoilerplate
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Line);
    expect(all).toHaveLength(sentences.length);
    expect(all.some((l) => l.sentence.is_boilerplate)).toBe(true);
    expect(new Set(all.map((l) => l.document.id))).toEqual(new Set([documentId]));
  });

  it("writes CSV that a real parser reads, with formula cells neutralised and an optional BOM", async () => {
    const buffer = await run(owner, project.slug, { format: "csv", bom: "on" });
    expect(buffer.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const records = parseCsv<Record<string, string>>(buffer, { bom: true, columns: true });
    const dangerous = /^[=+\-@\t\r]/;
    for (const r of records)
      for (const cell of Object.values(r)) expect(dangerous.test(cell)).toBe(false);
    const formulaRows = records.filter((r) => r.sentence_text?.startsWith("'=HYPERLINK"));
    expect(formulaRows).toHaveLength(2);
    expect(formulaRows[0]?.sentence_text).toBe(
      "'" + sentences.find((s) => s.text.startsWith("=HYPERLINK"))?.text,
    );
    expect(records.find((r) => r.annotator === "'-Bob")?.note).toBe("'=cmd|' /C calc'!A0");
    const critics = records.find((r) => r.sentence_text?.startsWith("Critics"));
    expect(critics?.sentence_text).toContain('"slow, chaotic"');
    // One row per annotation, plus one for each sentence nobody annotated.
    const annotations = await db.annotation.count({ where: { projectId: project.id } });
    const bare = await db.sentence.count({
      where: { projectId: project.id, isBoilerplate: false, annotations: { none: {} } },
    });
    expect(records).toHaveLength(annotations + bare);
  });

  it("writes W3C Web Annotations whose selectors match the document text", async () => {
    const json = JSON.parse(
      (await run(owner, project.slug, { format: "w3c" })).toString("utf8"),
    ) as { "@context": unknown[]; type: string; first: { items: Item[] } };
    expect(json["@context"][0]).toBe(ANNO_CONTEXT);
    expect(json.type).toBe("AnnotationCollection");
    const items = json.first.items;
    expect(items).toHaveLength(5 + 1);
    const doc = await db.document.findUniqueOrThrow({
      where: { id: documentId },
      select: { text: true },
    });
    for (const item of items) {
      expect(item.type).toBe("Annotation");
      const [quote, position] = item.target.selector;
      expect(quote.type).toBe("TextQuoteSelector");
      expect(position.type).toBe("TextPositionSelector");
      expect(doc.text.slice(position.start, position.end)).toBe(quote.exact);
      expect(doc.text.slice(0, position.start).endsWith(quote.prefix)).toBe(true);
      expect(doc.text.slice(position.end).startsWith(quote.suffix)).toBe(true);
      expect(item.body[0]).toMatchObject({ type: "TextualBody", purpose: "classifying" });
    }
    expect(items.filter((i) => i.motivation === "assessing")).toHaveLength(1);
  });

  it("writes Parquet that hyparquet reads, with gold or majority labels and a deterministic split column", async () => {
    const options = {
      format: "parquet",
      split: "column",
      seed: 7,
      train: 50,
      validation: 25,
      test: 25,
    };
    const buffer = await run(owner, project.slug, options);
    const file = arrayBuffer(buffer);
    const rows = (await parquetReadObjects({ file })) as Array<Record<string, unknown>>;
    const nonBoilerplate = await db.sentence.count({
      where: { projectId: project.id, isBoilerplate: false },
    });
    expect(rows).toHaveLength(nonBoilerplate);
    const claim = rows.find((r) => String(r.text).startsWith("The army"));
    expect(claim).toMatchObject({
      label: "SOURCED_FACT",
      label_origin: "gold",
      gold_source: "The army",
      annotator_count: 2,
      agreement: 1,
    });
    const critics = rows.find((r) => String(r.text).startsWith("Critics"));
    expect(critics).toMatchObject({ label: "OPINION", label_origin: "majority", gold_label: null });
    const splitByDoc = new Map<unknown, Set<unknown>>();
    for (const r of rows)
      splitByDoc.set(r.document_id, (splitByDoc.get(r.document_id) ?? new Set()).add(r.split));
    for (const s of splitByDoc.values()) expect(s.size).toBe(1);
    const again = await run(owner, project.slug, options);
    const rowsAgain = (await parquetReadObjects({ file: arrayBuffer(again) })) as Array<
      Record<string, unknown>
    >;
    expect(rowsAgain.map((r) => r.split)).toEqual(rows.map((r) => r.split));
  });

  it("zips one Parquet file per split with a dataset card", async () => {
    const buffer = await run(owner, project.slug, { format: "parquet", split: "files", seed: 1 });
    const files = await unzip(buffer);
    expect([...files.keys()]).toEqual([
      "data/train.parquet",
      "data/validation.parquet",
      "data/test.parquet",
      "README.md",
    ]);
    let total = 0;
    for (const name of ["data/train.parquet", "data/validation.parquet", "data/test.parquet"]) {
      const b = files.get(name);
      if (!b) throw new Error(`missing ${name}`);
      total += ((await parquetReadObjects({ file: arrayBuffer(b) })) as unknown[]).length;
    }
    const nonBoilerplate = await db.sentence.count({
      where: { projectId: project.id, isBoilerplate: false },
    });
    expect(total).toBe(nonBoilerplate);
    const card = files.get("README.md")?.toString("utf8") ?? "";
    expect(card.startsWith("---\n")).toBe(true);
    expect(card).toContain("task_categories:");
    expect(card).toContain("license: other");
    expect(card).toContain("SOURCED_FACT");
    expect(card).toContain(`${nonBoilerplate} sentences, 5 annotations`);
    expect(card).toMatch(/Krippendorff's alpha \(nominal\) -?\d\.\d{3}/);
  });

  it("adds the dataset card to a single file on request: a zip of data/all.parquet and README.md", async () => {
    const job = await startExport({
      actor: owner,
      projectSlug: project.slug,
      input: { format: "parquet", card: true, split: "column", seed: 1 },
      via: "api",
    });
    expect(job.filename).toMatch(/-parquet\.zip$/);
    expect(job.contentType).toBe("application/zip");
    const files = await unzip(await collect(job));
    expect([...files.keys()]).toEqual(["data/all.parquet", "README.md"]);
    const data = files.get("data/all.parquet");
    if (!data) throw new Error("missing data/all.parquet");
    const rows = (await parquetReadObjects({ file: arrayBuffer(data) })) as Array<
      Record<string, unknown>
    >;
    const nonBoilerplate = await db.sentence.count({
      where: { projectId: project.id, isBoilerplate: false },
    });
    expect(rows).toHaveLength(nonBoilerplate);
    const card = files.get("README.md")?.toString("utf8") ?? "";
    // Hugging Face reads the one file as the "train" split holding every sentence.
    expect(card).toContain("- split: train\n        path: data/all.parquet");
    expect(card).toContain(`num_examples: ${nonBoilerplate}`);
    // The split column's parts are still counted per split.
    const splits = [...new Set(rows.map((r) => String(r.split)))].sort();
    const header = card.split("\n").find((l) => l.startsWith("| label |")) ?? "";
    for (const split of splits) expect(header).toContain(split);
  });

  it("refuses annotators, outsiders and bad options with clear messages, and audits every export", async () => {
    await expect(
      startExport({
        actor: annotator,
        projectSlug: project.slug,
        input: { format: "csv" },
        via: "api",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const outsider = await createUser();
    await expect(
      startExport({
        actor: outsider,
        projectSlug: project.slug,
        input: { format: "csv" },
        via: "api",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const bad = await startExport({
      actor: owner,
      projectSlug: project.slug,
      input: { format: "xlsx" },
      via: "api",
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AppError);
    expect((bad as AppError).fieldErrors.format?.[0]).toMatch(
      /jsonl, csv, w3c, parquet or label-studio/,
    );
    const other = await createProject({ members: [[owner, "OWNER"]] });
    const foreign = await importDocument(other.id);
    await expect(
      startExport({
        actor: owner,
        projectSlug: project.slug,
        input: { format: "csv", documents: [foreign.id] },
        via: "api",
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: "1 of the chosen documents are not in this project.",
    });
    const before = await db.auditEvent.count({
      where: { projectId: project.id, action: "export.run" },
    });
    await run(owner, project.slug, { format: "csv" });
    const events = await db.auditEvent.findMany({
      where: { projectId: project.id, action: "export.run" },
      orderBy: { id: "desc" },
      take: 1,
    });
    expect(events).toHaveLength(1);
    expect(
      await db.auditEvent.count({ where: { projectId: project.id, action: "export.run" } }),
    ).toBe(before + 1);
    expect(events[0]?.actorId).toBe(owner.id);
  });

  it("estimates the export's size", async () => {
    const estimate = await estimateExport({
      actor: owner,
      projectSlug: project.slug,
      input: { format: "jsonl" },
    });
    const exported = await run(owner, project.slug, { format: "jsonl" });
    expect(estimate.annotations).toBe(5);
    expect(estimate.documents).toBe(2);
    expect(estimate.bytes).toBeGreaterThan(exported.length / 3);
    expect(estimate.bytes).toBeLessThan(exported.length * 3);
  });

  it("stops the query when a download is cancelled", async () => {
    const job = await startExport({
      actor: owner,
      projectSlug: project.slug,
      input: { format: "jsonl" },
      via: "api",
    });
    const stream = exportResponseStream(job);
    const reader = stream.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
    const open = await db.$queryRaw<
      Array<{ n: bigint }>
    >`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'sourcelight-export'`;
    expect(Number(open[0]?.n)).toBe(0);
  });

  it("round-trips: a JSONL export re-imports into a new project and exports identically", async () => {
    const first = (
      await run(owner, project.slug, {
        format: "jsonl",
        identity: "emails",
        includeBoilerplate: true,
      })
    ).toString("utf8");
    const target = await createProject({ members: [[owner, "OWNER"]] });
    const placeholderEmail = alice.email;
    await db.user.update({ where: { id: bob.id }, data: { email: `renamed-${bob.email}` } });
    const result = await importDataset({ actor: owner, projectSlug: target.slug, jsonl: first });
    expect(result).toMatchObject({
      documents: 2,
      annotations: 5,
      adjudications: 2,
      placeholders: 1,
    });
    const placeholder = await db.user.findUniqueOrThrow({
      where: { email: bob.email },
      select: { isPlaceholder: true, disabledAt: true, name: true },
    });
    expect(placeholder).toMatchObject({ isPlaceholder: true, name: "-Bob" });
    expect(placeholder.disabledAt).not.toBeNull();
    expect(
      await db.annotation.count({ where: { projectId: target.id, annotatorId: alice.id } }),
    ).toBe(3);
    expect(placeholderEmail).toBe(alice.email);
    const second = (
      await run(owner, target.slug, {
        format: "jsonl",
        identity: "emails",
        includeBoilerplate: true,
      })
    ).toString("utf8");
    // Document ids are the only difference: each project has its own.
    expect(withoutDocumentIds(second)).toEqual(withoutDocumentIds(first));
    const gold = await db.adjudication.findFirstOrThrow({
      where: { projectId: target.id, status: "RESOLVED" },
      select: { reviewerId: true, source: { select: { name: true, type: true } } },
    });
    expect(gold.reviewerId).toBe(reviewer.id);
    expect(gold.source).toEqual({ name: "The army", type: "OFFICIAL_BODY" });
  });

  it("re-imports through the import door: an export uploaded as a file comes back whole, and a second time is refused whole", async () => {
    const first = (
      await run(owner, project.slug, {
        format: "jsonl",
        identity: "emails",
        includeBoilerplate: true,
      })
    ).toString("utf8");
    const target = await createProject({ members: [[owner, "OWNER"]] });
    const upload = () =>
      importFile({
        actor: owner,
        projectSlug: target.slug,
        fileName: "dataset.jsonl",
        bytes: new TextEncoder().encode(first),
        via: "upload",
      });
    const result = await upload();
    expect(result.ok).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.documents.map((d) => d.title).sort()).toEqual(
      (await db.document.findMany({ where: { projectId: project.id }, select: { title: true } }))
        .map((d) => d.title)
        .sort(),
    );
    expect(result.restored).toMatchObject({ annotations: 5, adjudications: 2 });
    const second = (
      await run(owner, target.slug, {
        format: "jsonl",
        identity: "emails",
        includeBoilerplate: true,
      })
    ).toString("utf8");
    expect(withoutDocumentIds(second)).toEqual(withoutDocumentIds(first));

    const annotations = await db.annotation.count({ where: { projectId: target.id } });
    const again = await upload();
    expect(again.ok).toBe(false);
    expect(again.documents).toEqual([]);
    expect(again.errors).toEqual([
      expect.stringMatching(
        /^This Sourcelight export was not imported: This text is already in the project as ".+"\.$/,
      ),
    ]);
    expect(await db.document.count({ where: { projectId: target.id } })).toBe(2);
    expect(await db.annotation.count({ where: { projectId: target.id } })).toBe(annotations);
  });

  it("restores an export over 5 MB from the shell (openImport with the CLI's dataset limit)", async () => {
    const lines = (await run(owner, project.slug, { format: "jsonl", identity: "emails" }))
      .toString("utf8")
      .trimEnd()
      .split("\n");
    const first = JSON.parse(lines[0] ?? "{}") as {
      document: { metadata: Record<string, unknown> };
    };
    first.document.metadata.notes = "n".repeat(5.5 * 1024 * 1024);
    const bytes = new TextEncoder().encode([JSON.stringify(first), ...lines.slice(1)].join("\n"));
    const target = await createProject({ members: [[owner, "OWNER"]] });
    const upload = await importFile({
      actor: owner,
      projectSlug: target.slug,
      fileName: "big.jsonl",
      bytes,
      via: "upload",
    });
    expect(upload.errors[0]).toMatch(/uploads take files up to 5 MB\. Import it from the shell/);
    const session = await openImport({
      actor: { cli: true },
      projectSlug: target.slug,
      maxDatasetBytes: MAX_DATASET_BYTES,
    });
    const result = await session.importFile({ fileName: "big.jsonl", bytes, via: "cli" });
    expect(result.errors).toEqual([]);
    expect(result.documents).toHaveLength(2);
    expect(result.restored?.annotations).toBe(5);
  });

  it("refuses a dataset with bad lines, naming them, and imports nothing", async () => {
    const target = await createProject({ members: [[owner, "OWNER"]] });
    const good = (await run(owner, project.slug, { format: "jsonl" }))
      .toString("utf8")
      .split("\n")[0];
    const error = await importDataset({
      actor: owner,
      projectSlug: target.slug,
      jsonl: `${good}\n{"document": 1}\nnot json\n`,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain("Line 2");
    expect((error as AppError).message).toContain("Line 3 is not valid JSON");
    expect(await db.document.count({ where: { projectId: target.id } })).toBe(0);

    const uploaded = await importFile({
      actor: owner,
      projectSlug: target.slug,
      fileName: "broken.jsonl",
      bytes: new TextEncoder().encode(`${good}\n{"document": 1}\n`),
      via: "upload",
    });
    expect(uploaded.ok).toBe(false);
    expect(uploaded.errors[0]).toMatch(/^This Sourcelight export was not imported: Line 2: /);
    expect(await db.document.count({ where: { projectId: target.id } })).toBe(0);
  });
});
