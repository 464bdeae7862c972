import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb, sqlPool } from "@/lib/db";
import {
  DOCUMENT_COLUMNS,
  EXPORT_COLUMNS,
  decodeAnnotation,
  decodeDocument,
  decodeSentence,
  documentTextOf,
  type RawRow,
} from "@/lib/server/export/rows";
import { DOCUMENT_SQL, EXPORT_CHUNK_SQL, EXPORT_ROWS_SQL } from "@/lib/server/export/sql";
import { annotate, createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

/**
 * The export reads its rows in array mode, by position; the positions come
 * from the same column table that writes the SELECT list. Run that SELECT on
 * PostgreSQL and check each column's position against the name PostgreSQL
 * reports for it, and each decoder against a value written on purpose.
 */
describe("the export's SELECT list and its row decoder", () => {
  it("agree on every column: the name PostgreSQL returns at each position is the column read there", async () => {
    const owner = await createUser({ name: "Rita Reviewer" });
    const alice = await createUser({ name: "Alice Analyst" });
    const project = await createProject({
      members: [
        [owner, "OWNER"],
        [alice, "ANNOTATOR"],
      ],
    });
    const doc = await importDocument(project.id, {
      text: "Floods hit the valley\n\nThe army said it evacuated 300 people, a spokesman said.",
      byline: "By A. Writer",
      publisher: "Wire",
      sourceUrl: "https://example.org/floods",
      metadata: { feed: "wire" },
    });
    const sentence = await db.sentence.findFirstOrThrow({
      where: { documentId: doc.id, text: { startsWith: "The army" } },
    });
    const army = await db.source.create({
      data: {
        projectId: project.id,
        name: "The army",
        type: "OFFICIAL_BODY",
        aliases: ["military"],
        affiliation: "Government",
        side: "pro-government",
        description: "The ministry's forces",
      },
    });
    // Two assessments: the settled grade is the later one.
    await db.sourceAssessment.create({
      data: {
        projectId: project.id,
        sourceId: army.id,
        grade: "D",
        rationale: "first look",
        reviewerId: owner.id,
        createdAt: new Date("2024-01-01T00:00:00Z"),
      },
    });
    await db.sourceAssessment.create({
      data: {
        projectId: project.id,
        sourceId: army.id,
        grade: "B",
        rationale: "usually right",
        reviewerId: owner.id,
        createdAt: new Date("2024-02-01T00:00:00Z"),
      },
    });
    const spokesman = await db.source.create({
      data: { projectId: project.id, name: "A spokesman", type: "ANONYMOUS", aliases: [] },
    });
    const at = sentence.start + sentence.text.indexOf("a spokesman");
    await annotate(sentence.id, alice.id, "UNVERIFIED_CLAIM", {
      sourceText: "a spokesman",
      sourceStart: at,
      sourceEnd: at + 11,
      sourceId: spokesman.id,
      note: "check the number",
      unsure: true,
    });
    await db.annotation.updateMany({
      where: { sentenceId: sentence.id },
      data: { credibility: 6 },
    });
    await db.sourceGrade.create({
      data: {
        projectId: project.id,
        sourceId: spokesman.id,
        annotatorId: alice.id,
        grade: "E",
        rationale: "anonymous",
      },
    });
    await db.adjudication.create({
      data: {
        projectId: project.id,
        sentenceId: sentence.id,
        label: "SOURCED_FACT",
        sourceId: army.id,
        sourceText: "The army",
        note: "settled",
        reviewerId: owner.id,
        status: "RESOLVED",
        goldCredibility: 2,
      },
    });

    // The whole document as one chunk: its sentence indexes from 0 to far past the last.
    const params = [project.id, [doc.id], true, false, [0], [1_000_000]];
    const asArrays = await sqlPool().query<RawRow>({
      text: EXPORT_CHUNK_SQL,
      values: params,
      rowMode: "array",
    });
    const asObjects = await sqlPool().query<Record<string, unknown>>(EXPORT_CHUNK_SQL, params);
    // The benchmark's flat reference holds the same rows, each with its document's columns after them.
    const flat = await sqlPool().query<RawRow>({
      text: EXPORT_ROWS_SQL,
      values: params.slice(0, 4),
      rowMode: "array",
    });
    expect(flat.rows.map((r) => r.slice(0, asArrays.fields.length))).toEqual(asArrays.rows);
    expect(flat.fields.map((f) => f.name)).toEqual([
      ...Object.keys(EXPORT_COLUMNS),
      ...Object.keys(DOCUMENT_COLUMNS).filter((name) => name !== "id"),
    ]);

    const names = Object.keys(EXPORT_COLUMNS);
    expect(asArrays.fields.map((f) => f.name)).toEqual(names);
    expect(Object.values(EXPORT_COLUMNS).map((c) => c.position)).toEqual(names.map((_, i) => i));
    expect(asArrays.rows).toHaveLength(asObjects.rows.length);
    expect(asArrays.rows.length).toBeGreaterThan(1);
    asArrays.rows.forEach((row, i) => {
      const named = asObjects.rows[i] ?? {};
      for (const [name, column] of Object.entries(EXPORT_COLUMNS)) {
        expect(column.read(row), name).toEqual(column.decode(named[name]));
      }
    });

    const row = asArrays.rows.find((r) => EXPORT_COLUMNS.sentenceId.read(r) === sentence.id);
    if (!row) throw new Error("the annotated sentence is missing from the export's rows");
    const documentRows = await sqlPool().query<RawRow>({
      text: DOCUMENT_SQL,
      values: [[doc.id], project.id, [doc.id]],
      rowMode: "array",
    });
    expect(documentRows.fields.map((f) => f.name)).toEqual([
      ...Object.keys(DOCUMENT_COLUMNS),
      "text",
    ]);
    const documentRow = documentRows.rows[0];
    if (!documentRow) throw new Error("the document is missing from its own query");
    expect(documentTextOf(documentRow)).toBe(
      "Floods hit the valley\n\nThe army said it evacuated 300 people, a spokesman said.",
    );
    const document = decodeDocument(documentRow);
    expect(document).toEqual({
      id: doc.id,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      title: "Floods hit the valley",
      byline: "By A. Writer",
      publisher: "Wire",
      publishedAt: null,
      sourceUrl: "https://example.org/floods",
      metadataJson: '{"feed": "wire"}',
      codePoints: expect.anything(),
    });
    expect(decodeSentence(row, document)).toEqual({
      document,
      id: sentence.id,
      index: sentence.index,
      start: sentence.start,
      end: sentence.end,
      text: sentence.text,
      isBoilerplate: false,
      adjudication: {
        status: "RESOLVED",
        label: "SOURCED_FACT",
        credibility: 2,
        sourceText: "The army",
        source: {
          name: "The army",
          type: "OFFICIAL_BODY",
          aliases: ["military"],
          affiliation: "Government",
          side: "pro-government",
          description: "The ministry's forces",
          grade: {
            value: "B",
            rationale: "usually right",
            by: { id: owner.id, name: "Rita Reviewer", email: owner.email },
            at: "2024-02-01T00:00:00.000Z",
          },
        },
        note: "settled",
        reviewer: { id: owner.id, name: "Rita Reviewer", email: owner.email },
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
      annotations: [],
    });
    expect(decodeAnnotation(row)).toEqual({
      id: expect.any(String),
      annotator: { id: alice.id, name: "Alice Analyst", email: alice.email },
      label: "UNVERIFIED_CLAIM",
      credibility: 6,
      sourceText: "a spokesman",
      sourceStart: at,
      sourceEnd: at + 11,
      source: {
        name: "A spokesman",
        type: "ANONYMOUS",
        aliases: [],
        affiliation: null,
        side: null,
        description: "",
        grade: null,
      },
      sourceGrade: { value: "E", rationale: "anonymous" },
      sourceType: null,
      note: "check the number",
      unsure: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });

    // A sentence nobody annotated or adjudicated comes as one row with the LEFT JOINs empty.
    const title = asArrays.rows.find((r) => EXPORT_COLUMNS.sentenceIndex.read(r) === 0);
    if (!title) throw new Error("the title sentence is missing from the export's rows");
    expect(decodeAnnotation(title)).toBeNull();
    expect(decodeSentence(title, document).adjudication).toBeNull();
  });
});
