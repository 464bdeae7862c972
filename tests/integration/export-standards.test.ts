import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseCsv } from "csv-parse/sync";
import { parquetReadObjects } from "hyparquet";
import { GET as contextGet } from "@/app/ns/sourcelight-v1.jsonld/route";
import { GET as exportGet } from "@/app/api/projects/[slug]/export/route";
import { db, disconnectDb } from "@/lib/db";
import { SOURCELIGHT_CONTEXT } from "@/lib/domain/export";
import type { Actor } from "@/lib/server/actor";
import { createApiToken } from "@/lib/server/accounts/tokens";
import { annotate, createProject, createUser, importDocument } from "../support/factories";
import { arrayBuffer, runExport, unzip } from "../support/export-files";

afterAll(disconnectDb);

// Emoji and Arabic before the annotated sentence: UTF-16 and code-point offsets part.
const TEXT =
  "تقرير 😀 الفيضانات\n\nقال الجيش 😀😀 إنه أجلى 300 شخص.\n\nThe army 😀 said it advanced, a spokesman said.";

describe("export offsets, order, BOM and options", () => {
  let owner: Actor;
  let project: { id: string; slug: string };
  let text: string;

  beforeAll(async () => {
    owner = await createUser();
    project = await createProject({ members: [[owner, "OWNER"]] });
    const doc = await importDocument(project.id, { text: TEXT });
    text = (await db.document.findUniqueOrThrow({ where: { id: doc.id } })).text;
    const sentence = await db.sentence.findFirstOrThrow({
      where: { documentId: doc.id, text: { startsWith: "The army" } },
    });
    const at = text.indexOf("a spokesman");
    await annotate(sentence.id, owner.id, "SOURCED_FACT", {
      sourceText: "a spokesman",
      sourceStart: at,
      sourceEnd: at + 11,
    });
    // More documents, all created at the same instant: the id settles their order.
    const now = new Date("2024-01-01T00:00:00Z");
    for (let i = 0; i < 6; i++) {
      const d = await importDocument(project.id, { text: `Story ${i}\n\nOfficials said ${i}.` });
      await db.document.update({ where: { id: d.id }, data: { createdAt: now } });
    }
  });

  it("gives code-point offsets beside the UTF-16 ones in JSONL, CSV and Parquet, which slice like Python", async () => {
    const codePoints = [...text];
    const cpSlice = (a: number, b: number) => codePoints.slice(a, b).join("");
    const lines = (await runExport(owner, project.slug, { format: "jsonl", identity: "names" }))
      .toString("utf8")
      .trimEnd()
      .split("\n")
      .map(
        (l) =>
          JSON.parse(l) as {
            document: { text: string | null };
            sentence: {
              start: number;
              end: number;
              start_cp: number;
              end_cp: number;
              text: string;
            };
            annotations: Array<{ source_start_cp: number; source_end_cp: number }>;
          },
      )
      .map((l, i, all) => {
        // The text travels on a document's first line only.
        let k = i;
        while (k > 0 && all[k]?.document.text === null) k--;
        return { ...l, documentText: all[k]?.document.text };
      });
    const ours = lines.filter((l) => l.documentText === text);
    expect(ours.length).toBeGreaterThan(2);
    for (const l of ours)
      expect(cpSlice(l.sentence.start_cp, l.sentence.end_cp)).toBe(l.sentence.text);
    const annotated = ours.find((l) => l.annotations.length > 0);
    const a = annotated?.annotations[0];
    expect(a && cpSlice(a.source_start_cp, a.source_end_cp)).toBe("a spokesman");
    expect((annotated?.sentence.start ?? 0) - (annotated?.sentence.start_cp ?? 0)).toBe(3);

    const rows = parseCsv(
      (await runExport(owner, project.slug, { format: "csv" })).toString("utf8"),
      {
        columns: true,
      },
    ) as Array<Record<string, string>>;
    const row = rows.find((r) => r.label === "SOURCED_FACT");
    expect(cpSlice(Number(row?.sentence_start_cp), Number(row?.sentence_end_cp))).toBe(
      row?.sentence_text,
    );
    expect(cpSlice(Number(row?.source_start_cp), Number(row?.source_end_cp))).toBe("a spokesman");

    const parquet = (await parquetReadObjects({
      file: arrayBuffer(await runExport(owner, project.slug, { format: "parquet" })),
    })) as Array<{ text: string; start_cp: number; end_cp: number; document_title: string }>;
    const ourRows = parquet.filter((r) => text.includes(r.text));
    expect(ourRows.length).toBeGreaterThan(2);
    for (const r of ourRows) expect(cpSlice(r.start_cp, r.end_cp)).toBe(r.text);
  });

  it("counts W3C positions in code points and never cuts a surrogate pair in quote context", async () => {
    const w3c = JSON.parse(
      (await runExport(owner, project.slug, { format: "w3c" })).toString("utf8"),
    ) as {
      id: string;
      first: {
        id: string;
        items: Array<{
          target: {
            selector: [
              { exact: string; prefix: string; suffix: string },
              { start: number; end: number },
            ];
          };
        }>;
      };
    };
    expect(w3c.id).toMatch(/^urn:sourcelight:project:/);
    expect(w3c.first.id).toMatch(/:page:1$/);
    const codePoints = [...text];
    const [quote, position] = w3c.first.items[0]?.target.selector ?? [];
    expect(codePoints.slice(position?.start, position?.end).join("")).toBe(quote?.exact);
    expect(quote?.prefix).not.toMatch(/^[\udc00-\udfff]/);
    expect(quote?.suffix).not.toMatch(/[\ud800-\udbff]$/);
  });

  it("writes documents in import order, then id, the same on every run", async () => {
    const order = async () =>
      (await runExport(owner, project.slug, { format: "jsonl" }))
        .toString("utf8")
        .trimEnd()
        .split("\n")
        .map((l) => (JSON.parse(l) as { document: { id: string } }).document.id)
        .filter((id, i, all) => all.indexOf(id) === i);
    const expected = (
      await db.document.findMany({
        where: { projectId: project.id },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true },
      })
    ).map((d) => d.id);
    expect(await order()).toEqual(expected);
    expect(await order()).toEqual(expected);
  });

  it("starts every CSV split with the BOM when asked", async () => {
    const files = await unzip(
      await runExport(owner, project.slug, {
        format: "csv",
        split: "files",
        bom: true,
        train: 34,
        validation: 33,
        test: 33,
      }),
    );
    for (const split of ["train", "validation", "test"]) {
      const file = files.get(`data/${split}.csv`);
      expect(file?.subarray(0, 3).toString("hex"), split).toBe("efbbbf");
    }
    const card = files.get("README.md")?.toString("utf8") ?? "";
    expect(card).toContain("one file per split");
    expect(card).toContain("name: sentence_start_cp");
  });

  it("refuses unknown options with 422, naming the option and the accepted names", async () => {
    const { token } = await createApiToken({
      actor: owner,
      input: { name: "standards", scope: "READ" },
    });
    const response = await exportGet(
      new Request(
        `http://t/api/projects/${project.slug}/export?format=jsonl&adjudicated_only=true`,
        { headers: { authorization: `Bearer ${token}` } },
      ),
      { params: Promise.resolve({ slug: project.slug }) },
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('"adjudicated_only"');
    expect(body.error.message).toContain("adjudicatedOnly");
  });

  it("serves the JSON-LD context at its stable path, as JSON-LD", async () => {
    const response = contextGet();
    expect(response.headers.get("content-type")).toBe("application/ld+json; charset=utf-8");
    expect(await response.json()).toEqual(SOURCELIGHT_CONTEXT);
  });
});
