import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile, copyFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { POST as documentsPost } from "@/app/api/projects/[slug]/documents/route";
import { db, disconnectDb } from "@/lib/db";
import { createApiToken } from "@/lib/server/accounts/tokens";
import { importFile, importPastedText } from "@/lib/server/documents/import";
import { searchDocuments } from "@/lib/server/documents/store";
import { createProject, createUser, submitDocument, annotate } from "../support/factories";

afterAll(disconnectDb);

const ROOT = path.resolve(__dirname, "../..");
const SAMPLE_A = path.join(ROOT, "seeds/southfront-2017-06-08-western-iraq.md");
const SAMPLE_B = path.join(ROOT, "seeds/southfront-2017-mosul-pmu-syrian-border.md");
const HTML = path.join(ROOT, "tests/fixtures/ingest/news-article.html");
const bytes = (s: string) => new TextEncoder().encode(s);
const file = async (p: string) => new Uint8Array(await readFile(p));

async function ownerProject() {
  const owner = await createUser();
  const project = await createProject({ members: [[owner, "OWNER"]] });
  return { owner, project };
}

/** A JSONL file of `n` distinct articles. */
function jsonl(n: number, prefix = "Article"): string {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      text: `${prefix} ${i} opens here. The governor said ${i} roads were closed. Critics disagreed.`,
      title: `${prefix} ${i}`,
      publisher: "Wire",
      published_at: "2021-11-08",
      desk: "metro",
    }),
  ).join("\n");
}

describe("importing files", () => {
  it("imports the sample articles, a web page and JSONL with their metadata", async () => {
    const { owner, project } = await ownerProject();
    const a = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "a.md",
      bytes: await file(SAMPLE_A),
      via: "upload",
    });
    const b = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "b.md",
      bytes: await file(SAMPLE_B),
      via: "upload",
    });
    const html = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "page.html",
      bytes: await file(HTML),
      via: "upload",
    });
    const lines = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "dump.jsonl",
      bytes: bytes(jsonl(500)),
      via: "upload",
    });
    for (const r of [a, b, html, lines]) expect(r).toMatchObject({ ok: true, errors: [] });
    expect(lines.documents).toHaveLength(500);

    const stored = await db.document.findFirstOrThrow({
      where: { id: a.documents[0]?.id },
      select: { title: true, byline: true, publisher: true, publishedAt: true },
    });
    expect(stored.title).toMatch(/^Video: Pressure on Terrorists/);
    expect(stored.byline).toBe("South Front");
    expect(stored.publisher).toBe("Global Research");
    expect(stored.publishedAt?.toISOString().slice(0, 10)).toBe("2017-06-09");

    const page = await db.document.findFirstOrThrow({
      where: { id: html.documents[0]?.id },
      select: { title: true, publisher: true, text: true, publishedAt: true },
    });
    expect(page.title).toBe("Floods force 12,000 from homes in northern Italy");
    expect(page.publisher).toBe("The Meridian Post");
    expect(page.publishedAt?.toISOString().slice(0, 10)).toBe("2024-05-16");
    expect(page.text).not.toMatch(/<[a-z]/i);

    const one = await db.document.findFirstOrThrow({
      where: { id: lines.documents[7]?.id },
      select: { title: true, publisher: true, metadata: true },
    });
    expect(one).toMatchObject({
      title: "Article 7",
      publisher: "Wire",
      metadata: { desk: "metro", importedFrom: "dump.jsonl" },
    });
    expect(
      await db.auditEvent.count({ where: { projectId: project.id, action: "document.import" } }),
    ).toBe(503);
  });

  it("names a .txt with no title line after its file name, and keeps a stated title", async () => {
    const { owner, project } = await ownerProject();
    const untitled = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "mosul_front-report.txt",
      bytes: bytes(
        `The army said on Tuesday (${Math.random()}) that its units had advanced several kilometres along the river road. Critics disagreed.`,
      ),
      via: "upload",
    });
    expect(untitled.documents.map((d) => d.title)).toEqual(["mosul front-report"]);
    const titled = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "notes.txt",
      bytes: bytes(
        `Mosul offensive enters its second week\n\nThe army said it advanced. ${Math.random()}`,
      ),
      via: "upload",
    });
    expect(titled.documents.map((d) => d.title)).toEqual([
      "Mosul offensive enters its second week",
    ]);
  });

  it("gives every bad file a clear error of its own", async () => {
    const { owner, project } = await ownerProject();
    const run = (fileName: string, data: Uint8Array) =>
      importFile({ actor: owner, projectSlug: project.slug, fileName, bytes: data, via: "upload" });
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ["empty.txt", new Uint8Array(), /empty/i],
      ["blank.txt", bytes("   \n\n  "), /empty/i],
      [
        "binary.txt",
        Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256),
        /binary|UTF-8|text/i,
      ],
      [
        // Neither UTF-8 nor Windows-1252, which leaves 0x81 undefined.
        "unknown-encoding.txt",
        Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x81, 0x6f, 0x69, 0x72, 0x2e]),
        /not valid UTF-8 text .* nor Windows-1252/,
      ],
      ["huge.txt", new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61), /5 MB/],
      ["slides.pdf", bytes("%PDF-1.4"), /\.pdf files are not supported/],
      ["noextension", bytes("Some text."), /extension/],
      ["array.jsonl", bytes('[{"text": "a"},\n{"text": "b"}]'), /JSON/],
    ];
    for (const [name, data, message] of cases) {
      const result = await run(name, data);
      expect(result.ok, name).toBe(false);
      expect(result.documents, name).toEqual([]);
      expect(result.errors.join(" "), name).toMatch(message);
    }
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("reports a malformed JSONL line by number and stores the good lines", async () => {
    const { owner, project } = await ownerProject();
    const text = [
      JSON.stringify({ text: "Line one is fine. Really." }),
      "{not json",
      JSON.stringify({ title: "no text" }),
      JSON.stringify({ text: "Line four is fine too." }),
    ].join("\n");
    const result = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "mixed.jsonl",
      bytes: bytes(text),
      via: "upload",
    });
    expect(result.ok).toBe(false);
    expect(result.documents).toHaveLength(2);
    expect(result.errors.some((e) => e.startsWith("line 2:"))).toBe(true);
    expect(result.errors.some((e) => e.startsWith("line 3:") && /text/.test(e))).toBe(true);
  });

  it("refuses a duplicate naming the existing document, without blocking the rest of the batch", async () => {
    const { owner, project } = await ownerProject();
    await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "a.md",
      bytes: await file(SAMPLE_A),
      via: "upload",
    });
    const again = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "copy.md",
      bytes: await file(SAMPLE_A),
      via: "upload",
    });
    expect(again.ok).toBe(false);
    expect(again.errors[0]).toMatch(/already in the project as "Video: Pressure on Terrorists/);
    // In a JSONL batch the duplicate record fails alone.
    // The sample's text as stored (its Markdown read into plain text), as a JSONL record carries it.
    const stored = await db.document.findFirstOrThrow({
      where: { projectId: project.id },
      select: { text: true },
    });
    const batch = [
      JSON.stringify({ text: "Fresh one. Yes." }),
      JSON.stringify({ text: stored.text }),
      JSON.stringify({ text: "Fresh two. Yes." }),
    ].join("\n");
    const mixed = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "batch.jsonl",
      bytes: bytes(batch),
      via: "upload",
    });
    expect(mixed.documents).toHaveLength(2);
    expect(mixed.errors).toHaveLength(1);
    expect(mixed.errors[0]).toMatch(/^record 2: This text is already in the project/);
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(3);

    // The same record twice in one file: stored concurrently, settled by the unique index.
    const twice = [
      JSON.stringify({ text: "Twice told. Yes." }),
      JSON.stringify({ text: "Twice told. Yes." }),
    ].join("\n");
    const raced = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "twice.jsonl",
      bytes: bytes(twice),
      via: "upload",
    });
    expect(raced.documents).toHaveLength(1);
    expect(raced.errors).toEqual([
      expect.stringMatching(/^record [12]: This text is already in the project as "Twice told\."/),
    ]);
  });

  it("refuses the same article again when it differs only in bytes that normalise away", async () => {
    const { owner, project } = await ownerProject();
    // NFC throughout: "é" is one code point (U+00E9).
    const article = [
      "Café owners protest",
      "",
      "The mayor said the café tax would rise, officials said.",
      "Critics called the plan reckless.",
    ].join("\n");
    const first = await importPastedText({
      actor: owner,
      projectSlug: project.slug,
      input: { title: "Café owners protest", text: article },
    });
    const stored = await db.document.findUniqueOrThrow({
      where: { id: first.id },
      select: { text: true, contentHash: true },
    });
    const again: Array<[string, string]> = [
      ["Windows line endings", article.replaceAll("\n", "\r\n")],
      ["old Mac line endings", article.replaceAll("\n", "\r")],
      ["trailing spaces and tabs", article.replaceAll("\n", " \t\n")],
      [
        "extra blank lines around it and between paragraphs",
        `\n\n${article.replace("\n\n", "\n\n\n\n")}\n\n\n`,
      ],
      ["decomposed Unicode (NFD)", article.normalize("NFD")],
      ["a byte-order mark inside the text", article.replace("The mayor", "\uFEFFThe mayor")],
    ];
    for (const [how, text] of again) {
      expect(text, how).not.toBe(article);
      await expect(
        importPastedText({ actor: owner, projectSlug: project.slug, input: { title: how, text } }),
        how,
      ).rejects.toMatchObject({
        code: "CONFLICT",
        message: 'This text is already in the project as "Café owners protest".',
      });
      // The upload door too, where the file's bytes are decoded first.
      const upload = await importFile({
        actor: owner,
        projectSlug: project.slug,
        fileName: "again.txt",
        bytes: bytes(text),
        via: "upload",
      });
      expect(upload.ok, how).toBe(false);
      expect(upload.errors, how).toEqual([
        expect.stringContaining('already in the project as "Café owners protest"'),
      ]);
    }
    expect(
      await db.document.findMany({
        where: { projectId: project.id },
        select: { text: true, contentHash: true },
      }),
    ).toEqual([stored]);
    // A real change of text is a different document.
    const edited = await importPastedText({
      actor: owner,
      projectSlug: project.slug,
      input: { title: "Edited", text: article.replace("reckless", "careless") },
    });
    expect(edited.id).not.toBe(first.id);
  });

  it("leaves nothing behind when a document fails (over 20,000 sentences)", async () => {
    const { owner, project } = await ownerProject();
    const long = Array.from({ length: 20_001 }, (_, i) => `Item ${i} fell.`).join("\n\n");
    const result = await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "long.txt",
      bytes: bytes(long),
      via: "upload",
    });
    expect(result).toMatchObject({ ok: false, documents: [] });
    expect(result.errors[0]).toMatch(/20,001 sentences; the limit is 20,000/);
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.sentence.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("lets only owners and admins import; non-members learn nothing", async () => {
    const { project } = await ownerProject();
    const [annotator, reviewer, outsider, admin] = [
      await createUser(),
      await createUser(),
      await createUser(),
      await createUser({ admin: true }),
    ];
    await db.membership.createMany({
      data: [
        { projectId: project.id, userId: annotator.id, role: "ANNOTATOR" },
        { projectId: project.id, userId: reviewer.id, role: "REVIEWER" },
      ],
    });
    const args = {
      projectSlug: project.slug,
      fileName: "a.txt",
      bytes: bytes("One. Two."),
      via: "upload" as const,
    };
    await expect(importFile({ ...args, actor: annotator })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(importFile({ ...args, actor: reviewer })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(importFile({ ...args, actor: outsider })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await importFile({ ...args, actor: admin })).ok).toBe(true);
  });
});

describe("POST /api/projects/{slug}/documents", () => {
  it("imports one multipart file per request and explains a request without one", async () => {
    const { owner, project } = await ownerProject();
    const { token } = await createApiToken({
      actor: owner,
      input: { name: "upload", scope: "READ_WRITE" },
    });
    const post = (body: FormData) =>
      documentsPost(
        new Request(`http://t/api/projects/${project.slug}/documents`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
          body,
        }),
        {
          params: Promise.resolve({ slug: project.slug }),
        },
      );
    const good = new FormData();
    good.append("file", new File([await readFile(HTML)], "page.html", { type: "text/html" }));
    const ok = await post(good);
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({
      fileName: "page.html",
      ok: true,
      documents: [{ title: "Floods force 12,000 from homes in northern Italy" }],
    });

    const bad = new FormData();
    bad.append("file", new File([new Uint8Array([0xff, 0xfe, 0, 1, 2])], "bad.txt"));
    const refused = await post(bad);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      ok: false,
      documents: [],
      errors: [expect.stringMatching(/UTF-8|binary/i)],
    });

    const empty = new FormData();
    empty.append("note", "no file here");
    const missing = await post(empty);
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({
      error: { message: 'Send the file as multipart/form-data in a field named "file".' },
    });
  });
});

describe("pasting text", () => {
  it("imports pasted text under its title and explains what is missing", async () => {
    const { owner, project } = await ownerProject();
    const doc = await importPastedText({
      actor: owner,
      projectSlug: project.slug,
      input: { title: "  Pasted  ", text: "The mayor said so. Others did not." },
    });
    expect(doc).toMatchObject({ title: "Pasted", sentenceCount: 2 });
    await expect(
      importPastedText({
        actor: owner,
        projectSlug: project.slug,
        input: { title: "", text: "Body." },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { title: ["Give the document a title."] },
    });
    await expect(
      importPastedText({
        actor: owner,
        projectSlug: project.slug,
        input: { title: "T", text: "  " },
      }),
    ).rejects.toMatchObject({
      fieldErrors: { text: ["Paste the text of the article."] },
    });
    await expect(
      importPastedText({
        actor: owner,
        projectSlug: project.slug,
        input: { title: "Again", text: "The mayor said so. Others did not." },
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining('"Pasted"'),
    });
  });
});

describe("the document list", () => {
  it("searches title and text, filters by status, sorts and pages", async () => {
    const { owner, project } = await ownerProject();
    await importFile({
      actor: owner,
      projectSlug: project.slug,
      fileName: "many.jsonl",
      bytes: bytes(jsonl(120)),
      via: "upload",
    });
    await importPastedText({
      actor: owner,
      projectSlug: project.slug,
      input: { title: "Zebra crossing", text: "A rare 100% match_here. Indeed." },
    });
    const list = (query: Record<string, string | undefined>) =>
      searchDocuments({ actor: owner, projectSlug: project.slug, query });

    const first = await list({});
    expect(first).toMatchObject({ total: 121, pageCount: 3 });
    expect(first.documents).toHaveLength(50);
    expect(first.documents[0]?.title).toBe("Zebra crossing");
    expect((await list({ page: "3" })).documents).toHaveLength(21);
    expect((await list({ sort: "title" })).documents[0]?.title).toBe("Article 0");
    expect((await list({ q: "zebra" })).documents.map((d) => d.title)).toEqual(["Zebra crossing"]);
    expect((await list({ q: "100% match_" })).total).toBe(1);
    expect((await list({ q: "100%" })).total).toBe(1);
    expect((await list({ q: "governor said 17 roads" })).documents.map((d) => d.title)).toEqual([
      "Article 17",
    ]);
    // Under three characters only titles are searched (the text's trigram index needs three).
    expect((await list({ q: "go" })).total).toBe(0);
    expect((await list({ q: "gov" })).total).toBe(120);
    expect((await list({ q: "Ze" })).documents.map((d) => d.title)).toEqual(["Zebra crossing"]);

    const annotator = await createUser();
    await db.membership.create({
      data: { projectId: project.id, userId: annotator.id, role: "ANNOTATOR" },
    });
    const target = first.documents[1];
    const started = first.documents[2];
    if (!target || !started) throw new Error("the list is shorter than expected");
    await db.project.update({ where: { id: project.id }, data: { annotatorsPerDocument: 1 } });
    await submitDocument(target.id, annotator.id);
    const sentence = await db.sentence.findFirstOrThrow({ where: { documentId: started.id } });
    await annotate(sentence.id, annotator.id, "OPINION");

    expect((await list({ status: "complete" })).documents.map((d) => d.id)).toEqual([target.id]);
    expect((await list({ status: "in_progress" })).documents.map((d) => d.id)).toEqual([
      started.id,
    ]);
    expect((await list({ status: "new" })).total).toBe(119);
    expect((await list({ status: "bogus", sort: "nope", page: "-3" })).total).toBe(121);
    const row = (await list({ q: target.title })).documents.find((d) => d.id === target.id);
    expect(row).toMatchObject({ status: "complete", submitted: 1, required: 1, sentenceCount: 3 });
  });
});

describe("npm run import", () => {
  it("imports a folder, prints a line per file and exits non-zero when a file failed", async () => {
    const { project } = await ownerProject();
    const dir = await mkdtemp(path.join(os.tmpdir(), "sourcelight-import-"));
    await mkdir(path.join(dir, "web"));
    await copyFile(SAMPLE_A, path.join(dir, "a.md"));
    await copyFile(SAMPLE_B, path.join(dir, "b.md"));
    await copyFile(HTML, path.join(dir, "web", "page.html"));
    await writeFile(path.join(dir, "dump.jsonl"), jsonl(20, "Cli"));
    await writeFile(
      path.join(dir, "broken.txt"),
      // A UTF-16 byte order mark and an odd number of bytes.
      Uint8Array.from([0xff, 0xfe, 0x00, 0x01, 0x02]),
    );
    const run = promisify(execFile);
    const cli = (args: string[]) =>
      run(
        process.execPath,
        [
          "node_modules/tsx/dist/cli.mjs",
          "--conditions=react-server",
          "scripts/import.ts",
          ...args,
        ],
        { cwd: ROOT, env: process.env },
      ).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );

    const first = await cli(["--project", project.slug, dir]);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/ok {5}.*a\.md: "Video: Pressure on Terrorists/);
    expect(first.stdout).toMatch(/FAILED .*broken\.txt/);
    expect(first.stdout).toMatch(/ok {5}.*dump\.jsonl: 20 documents/);
    expect(first.stdout).toMatch(/5 files, 23 documents imported, 1 with problems\./);
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(23);

    const again = await cli(["--project", project.slug, path.join(dir, "a.md")]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/already in the project/);
    const unknown = await cli(["--project", "no-such-project", path.join(dir, "a.md")]);
    expect(unknown.code).toBe(1);
  }, 120_000);
});
