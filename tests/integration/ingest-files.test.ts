import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { POST as documentsPost } from "@/app/api/projects/[slug]/documents/route";
import { db, disconnectDb, sqlPool } from "@/lib/db";
import { looseTextKey } from "@/lib/domain/ingest/near-duplicates";
import { MAX_UNIT_LENGTH } from "@/lib/domain/text/long-units";
import { createApiToken } from "@/lib/server/accounts/tokens";
import { sha256Hex } from "@/lib/server/hash";
import { importFile, importPastedText } from "@/lib/server/documents/import";
import { createProject, createUser } from "../support/factories";

afterAll(disconnectDb);

const ROOT = path.resolve(__dirname, "../..");
const bytes = (s: string) => new TextEncoder().encode(s);

async function ownerProject() {
  const owner = await createUser();
  const project = await createProject({ members: [[owner, "OWNER"]] });
  return { owner, project };
}

function utf16(text: string, order: "le" | "be"): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(order === "le" ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 + i * 2] = order === "le" ? unit & 0xff : unit >> 8;
    out[3 + i * 2] = order === "le" ? unit >> 8 : unit & 0xff;
  }
  return out;
}

const ARTICLE =
  "The minister said on Tuesday that the bridge would reopen in May.\n" +
  "Residents told reporters they doubted it. \u201CWe have heard this before,\u201D one said.";

describe("encodings", () => {
  it.each(["le", "be"] as const)("imports a UTF-16 %s file with its text intact", async (order) => {
    const { owner, project } = await ownerProject();
    const result = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "utf16.txt",
      bytes: utf16(`${ARTICLE} Café, 東京, 😀.`, order),
      via: "upload",
    });
    expect(result).toMatchObject({ ok: true, errors: [], notices: [] });
    const stored = await db.document.findUniqueOrThrow({
      where: { id: result.documents[0]?.id },
      select: { text: true },
    });
    expect(stored.text).toBe(`${ARTICLE} Café, 東京, 😀.`);
  });

  it("imports a Windows-1252 file as Windows-1252 and says so in the result", async () => {
    const { owner, project } = await ownerProject();
    // “Café” — 5 €, in Windows-1252 bytes.
    const raw = new Uint8Array([
      ...bytes("The sign read "),
      0x93,
      ...bytes("Caf"),
      0xe9,
      0x94,
      ...bytes(" "),
      0x96,
      ...bytes(" 5 "),
      0x80,
      ...bytes(". Nobody disputed it."),
    ]);
    const result = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "legacy.txt",
      bytes: raw,
      via: "upload",
    });
    expect(result.ok).toBe(true);
    expect(result.notices).toEqual([expect.stringMatching(/it was read as Windows-1252/)]);
    const stored = await db.document.findUniqueOrThrow({
      where: { id: result.documents[0]?.id },
      select: { text: true },
    });
    expect(stored.text).toBe("The sign read \u201CCafé\u201D \u2013 5 €. Nobody disputed it.");
  });

  it("refuses bytes that are neither, storing nothing, through the API with a 422", async () => {
    const { owner, project } = await ownerProject();
    const { token } = await createApiToken({
      actor: owner,
      input: { name: "t", scope: "READ_WRITE" },
    });
    const form = new FormData();
    form.append("file", new File([new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x81])], "odd.txt"));
    const response = await documentsPost(
      new Request(`http://t/api/projects/${project.slug}/documents`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: form,
      }),
      { params: Promise.resolve({ slug: project.slug }) },
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: string[] };
    expect(body.errors[0]).toMatch(/nor Windows-1252 \(line 1 has the byte 0x81/);
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("likely duplicates", () => {
  const rewrapped = ARTICLE.replace(/ /g, (_, i: number) => (i % 3 === 0 ? "\n" : "  "));

  it("holds back a re-wrapped copy naming the original, and stores it once confirmed", async () => {
    const { owner, project } = await ownerProject();
    const first = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "bridge.txt",
      bytes: bytes(ARTICLE),
      via: "upload",
    });
    const original = first.documents[0];
    expect(original).toBeDefined();

    const again = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "bridge-wrapped.txt",
      bytes: bytes(rewrapped),
      via: "upload",
    });
    expect(again).toMatchObject({ ok: false, documents: [], errors: [] });
    expect(again.likelyDuplicates).toEqual([
      {
        record: 1,
        title: "bridge-wrapped.txt",
        duplicateOf: { id: original?.id, title: original?.title },
        message: expect.stringMatching(/likely a duplicate of ".*": it differs only in whitespace/),
      },
    ]);
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(1);

    const confirmed = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "bridge-wrapped.txt",
      bytes: bytes(rewrapped),
      via: "upload",
      confirmed: [1],
    });
    expect(confirmed).toMatchObject({ ok: true, likelyDuplicates: [] });
    expect(confirmed.documents).toHaveLength(1);
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(2);
  });

  it("still refuses an exact duplicate, confirmed or not", async () => {
    const { owner, project } = await ownerProject();
    const args = {
      actor: owner,
      projectSlug: project.slug,
      fileName: "a.txt",
      bytes: bytes(ARTICLE),
      via: "upload" as const,
    };
    await importFile(args);
    for (const confirmed of [undefined, "all" as const]) {
      const result = await importFile({ ...args, confirmed });
      expect(result.likelyDuplicates).toEqual([]);
      expect(result.errors).toEqual([expect.stringMatching(/already in the project/)]);
    }
  });

  it("holds back JSONL lines that re-wrap a stored document or an earlier line", async () => {
    const { owner, project } = await ownerProject();
    await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "a.txt",
      bytes: bytes(ARTICLE),
      via: "upload",
    });
    const other = "A different story. It has two sentences.";
    const lines = [
      { title: "Re-wrapped", text: rewrapped },
      { title: "Other", text: other },
      { title: "Other again", text: other.replace(". ", ".\n\n") },
      { title: "Fresh", text: "Something else entirely. Said nobody." },
    ];
    const file = {
      fileName: "lines.jsonl",
      bytes: bytes(lines.map((l) => JSON.stringify(l)).join("\n")),
      via: "api" as const,
    };
    const result = await importFile({ actor: owner, projectSlug: project.slug, ...file });
    expect(result.documents.map((d) => d.title).sort()).toEqual(["Fresh", "Other"]);
    expect(result.likelyDuplicates.map((d) => [d.record, d.duplicateOf.title])).toEqual([
      // The stored article had no title line: it is named after its file.
      [1, "a"],
      [3, "Other"],
    ]);
    expect(result.likelyDuplicates[1]?.message).toMatch(
      /^record 3 \("Other again"\): likely a duplicate of record 2/,
    );

    // Confirming record 3 only stores record 3: the others were dealt with the first time.
    const retry = await importFile({
      actor: owner,
      projectSlug: project.slug,
      ...file,
      confirmed: [3],
    });
    expect(retry).toMatchObject({ ok: true, errors: [], likelyDuplicates: [] });
    expect(retry.documents.map((d) => d.title)).toEqual(["Other again"]);
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(4);
  });

  it("answers the API with 409 and stores the file when it is sent again with confirm", async () => {
    const { owner, project } = await ownerProject();
    const { token } = await createApiToken({
      actor: owner,
      input: { name: "t", scope: "READ_WRITE" },
    });
    const post = (text: string, confirm?: string) => {
      const form = new FormData();
      form.append("file", new File([text], "a.txt"));
      if (confirm !== undefined) form.append("confirm", confirm);
      return documentsPost(
        new Request(`http://t/api/projects/${project.slug}/documents`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
          body: form,
        }),
        { params: Promise.resolve({ slug: project.slug }) },
      );
    };
    expect((await post(ARTICLE)).status).toBe(201);
    const held = await post(rewrapped);
    expect(held.status).toBe(409);
    expect(((await held.json()) as { likelyDuplicates: unknown[] }).likelyDuplicates).toHaveLength(
      1,
    );
    const bad = await post(rewrapped, "first one");
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /record numbers separated by commas/,
    );
    expect((await post(rewrapped, "1")).status).toBe(201);
  });

  it("asks a paste to be confirmed, then stores it", async () => {
    const { owner, project } = await ownerProject();
    await importPastedText({
      actor: owner,
      projectSlug: project.slug,
      input: { title: "One", text: ARTICLE },
    });
    const refused = importPastedText({
      actor: owner,
      projectSlug: project.slug,
      input: { title: "Two", text: rewrapped },
    });
    await expect(refused).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { confirmDuplicate: [expect.stringMatching(/looks like "One"/)] },
    });
    const stored = await importPastedText({
      actor: owner,
      projectSlug: project.slug,
      input: { title: "Two", text: rewrapped, confirmDuplicate: "on" },
    });
    expect(stored.title).toBe("Two");
  });

  it("the migration's backfill computes the same key as new imports", async () => {
    const { owner, project } = await ownerProject();
    const text = "Tabs\tand\u00A0no-break\u2003em\u3000ideographic\n\nparagraphs  end. ";
    const result = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "spaces.txt",
      bytes: bytes(text),
      via: "upload",
    });
    const id = result.documents[0]?.id ?? "";
    const stored = await db.document.findUniqueOrThrow({
      where: { id },
      select: { text: true, looseHash: true },
    });
    expect(stored.looseHash).toBe(sha256Hex(looseTextKey(stored.text)));

    const migrations = path.join(ROOT, "prisma/migrations");
    const sql = await readFile(
      path.join(migrations, "20261201103744_document_loose_hash/migration.sql"),
      "utf8",
    );
    const update = /^UPDATE "Document" SET .*;$/m.exec(sql)?.[0];
    expect(update).toBeDefined();
    const client = await sqlPool().connect();
    try {
      await client.query("BEGIN");
      await client.query(`UPDATE "Document" SET "looseHash" = NULL WHERE id = $1`, [id]);
      await client.query(update ?? "");
      const { rows } = await client.query<{ looseHash: string }>(
        `SELECT "looseHash" FROM "Document" WHERE id = $1`,
        [id],
      );
      expect(rows[0]?.looseHash).toBe(stored.looseHash);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});

describe("long lines", () => {
  it("cuts a 2 MB line without punctuation into units at word boundaries and says so", async () => {
    const { owner, project } = await ownerProject();
    const words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];
    let line = "";
    for (let i = 0; line.length < 2 * 1024 * 1024; i++) line += `${words[i % words.length]} `;
    const result = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "transcript.txt",
      bytes: bytes(line),
      via: "upload",
    });
    expect(result).toMatchObject({ ok: true, errors: [] });
    const sentences = await db.sentence.findMany({
      where: { documentId: result.documents[0]?.id },
      select: { text: true },
      orderBy: { index: "asc" },
    });
    expect(result.notices).toEqual([
      `Text without sentence punctuation was cut at word boundaries into ${sentences.length.toLocaleString("en")} units of at most ${MAX_UNIT_LENGTH.toLocaleString("en")} characters.`,
    ]);
    expect(sentences.length).toBeGreaterThan(1000);
    for (const s of sentences) {
      expect(s.text.length).toBeLessThanOrEqual(MAX_UNIT_LENGTH);
      expect(s.text.split(" ").every((w) => words.includes(w))).toBe(true);
    }
    expect(sentences.map((s) => s.text).join(" ")).toBe(line.trimEnd());
  });
});
