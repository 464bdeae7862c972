import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as fromUrlPost } from "@/app/api/projects/[slug]/documents/from-url/route";
import { db, disconnectDb } from "@/lib/db";
import { createApiToken } from "@/lib/server/accounts/tokens";
import { importFromUrl } from "@/lib/server/documents/import";
import { createProject, createUser } from "../support/factories";

const ARTICLE = `<!DOCTYPE html><html lang="en"><head>
<title>Bridge to reopen in May - Harbour Herald</title>
<meta property="og:site_name" content="Harbour Herald">
<meta property="og:url" content="https://herald.example/bridge">
<meta property="article:author" content="Harbour Herald on Facebook">
</head><body><article>
<p class="byline">By Ana Ruiz</p>
<p>The minister said on Tuesday that the bridge would reopen in May. Residents told reporters they doubted it.</p>
<p>${"Engineers inspected the span for three weeks before the announcement. ".repeat(8)}</p>
</article></body></html>`;

let server: Server;
let port = 0;
const hits: string[] = [];

function route(req: IncomingMessage, res: ServerResponse) {
  hits.push(req.url ?? "");
  switch (req.url) {
    case "/article":
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(ARTICLE);
    case "/gzipped":
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
      return res.end(
        gzipSync(
          ARTICLE.replace("Bridge to reopen", "Gzipped bridge").replace("minister", "mayor"),
        ),
      );
    case "/moved":
      res.writeHead(301, { location: "/article" });
      return res.end();
    case "/to-loopback":
      res.writeHead(302, { location: `http://127.0.0.1:${port}/article` });
      return res.end();
    case "/to-metadata":
      res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/" });
      return res.end();
    case "/to-ftp":
      res.writeHead(302, { location: "ftp://files.example/a" });
      return res.end();
    case "/loop":
      res.writeHead(302, { location: "/loop" });
      return res.end();
    case "/pdf":
      res.writeHead(200, { "content-type": "application/pdf" });
      return res.end("%PDF-1.7");
    case "/missing":
      res.writeHead(404, { "content-type": "text/html" });
      return res.end("<p>Not here</p>");
    case "/huge":
      res.writeHead(200, { "content-type": "text/html" });
      return res.end(`<p>${"word ".repeat(50_000)}</p>`);
    case "/bomb":
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
      return res.end(gzipSync(Buffer.alloc(6 * 1024 * 1024, 0x61)));
    case "/slow":
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<p>Start");
      return; // never ends
    case "/legacy":
      res.writeHead(200, { "content-type": "text/html; charset=windows-1252" });
      return res.end(
        Buffer.concat([
          Buffer.from("<title>Legacy</title><p>Caf"),
          Buffer.from([0xe9, 0x20, 0x93]),
          Buffer.from("noir"),
          Buffer.from([0x94]),
          Buffer.from(" is served here every day of the week.</p>"),
        ]),
      );
    default:
      res.writeHead(404);
      return res.end();
  }
}

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await disconnectDb();
});

async function ownerProject() {
  const owner = await createUser();
  const project = await createProject({ members: [[owner, "OWNER"]] });
  return { owner, project };
}

/**
 * A resolver table standing in for DNS: "herald.test" is the local listener,
 * trusted by name for these tests only; "rebind.test" is an untrusted name that
 * resolves to loopback, as a rebinding attacker's DNS would answer.
 */
const testNetwork = {
  resolve: (host: string) =>
    Promise.resolve(
      host === "herald.test" || host === "rebind.test"
        ? ["127.0.0.1"]
        : host === "mixed.test"
          ? ["93.184.216.34", "10.0.0.5"]
          : [],
    ),
  trustedHostsForTests: ["herald.test"],
};

describe("importing from a URL", () => {
  it("imports an article page like an uploaded .html, the URL as its source", async () => {
    const { owner, project } = await ownerProject();
    const url = `http://herald.test:${port}/article`;
    const result = await importFromUrl({
      actor: owner,
      projectSlug: project.slug,
      input: { url },
      fetchOptions: testNetwork,
    });
    expect(result).toMatchObject({ ok: true, errors: [], fileName: url });
    const stored = await db.document.findUniqueOrThrow({
      where: { id: result.documents[0]?.id },
      select: {
        title: true,
        byline: true,
        publisher: true,
        sourceUrl: true,
        text: true,
        metadata: true,
      },
    });
    expect(stored).toMatchObject({
      title: "Bridge to reopen in May",
      byline: "Ana Ruiz",
      publisher: "Harbour Herald",
      sourceUrl: url,
      metadata: { importedFrom: url, canonicalUrl: "https://herald.example/bridge" },
    });
    expect(stored.text).toMatch(/The minister said on Tuesday/);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { entityId: result.documents[0]?.id, action: "document.import" },
      select: { after: true },
    });
    expect(audit.after).toMatchObject({ via: "url" });
  });

  it("follows a redirect, reads gzip and a declared Windows-1252 charset", async () => {
    const { owner, project } = await ownerProject();
    const run = (path: string) =>
      importFromUrl({
        actor: owner,
        projectSlug: project.slug,
        input: { url: `http://herald.test:${port}${path}` },
        fetchOptions: testNetwork,
      });
    const moved = await run("/moved");
    expect(moved.ok).toBe(true);
    const stored = await db.document.findUniqueOrThrow({
      where: { id: moved.documents[0]?.id },
      select: { sourceUrl: true },
    });
    expect(stored.sourceUrl).toBe(`http://herald.test:${port}/article`);
    expect((await run("/gzipped")).documents[0]?.title).toBe("Gzipped bridge in May");
    const legacy = await run("/legacy");
    expect(legacy.notices).toEqual([expect.stringMatching(/read as Windows-1252/)]);
    const text = await db.document.findUniqueOrThrow({
      where: { id: legacy.documents[0]?.id },
      select: { text: true },
    });
    // The page's headline comes first (the project keeps the headline as a unit), then the body.
    expect(text.text).toMatch(/^Legacy\n\nCafé \u201Cnoir\u201D is served/);
  });

  it("refuses loopback and metadata addresses with the production defaults, connecting to neither", async () => {
    const { owner, project } = await ownerProject();
    const before = hits.length;
    for (const [url, message] of [
      [`http://127.0.0.1:${port}/article`, /127\.0\.0\.1:\d+ is a loopback address/],
      [
        "http://169.254.169.254/latest/meta-data/",
        /169\.254\.169\.254 is a cloud metadata address/,
      ],
      [`http://[::1]:${port}/article`, /is a loopback address/],
      [`http://[::ffff:127.0.0.1]:${port}/article`, /IPv4-mapped IPv6/],
      [`http://2130706433:${port}/article`, /127\.0\.0\.1:\d+ is a loopback address/],
      [`http://localhost:${port}/article`, /localhost is a local host name/],
      ["http://10.0.0.1/", /private address/],
      ["http://100.64.1.1/", /carrier-grade NAT/],
      ["http://[fd00::1]/", /unique local/],
      ["http://[fe80::1]/", /link-local/],
      ["http://224.0.0.1/", /multicast/],
      ["ftp://herald.test/a", /Only http and https/],
    ] as const) {
      const result = await importFromUrl({
        actor: owner,
        projectSlug: project.slug,
        input: { url },
      });
      expect(result, url).toMatchObject({ ok: false, documents: [] });
      expect(result.errors.join(" "), url).toMatch(message);
    }
    expect(hits.length).toBe(before);
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("checks the addresses a name resolves to: all of them, for every redirect", async () => {
    const { owner, project } = await ownerProject();
    const run = (url: string) =>
      importFromUrl({
        actor: owner,
        projectSlug: project.slug,
        input: { url },
        fetchOptions: testNetwork,
      });
    expect((await run(`http://rebind.test:${port}/article`)).errors[0]).toBe(
      "rebind.test resolves to 127.0.0.1, a loopback address; only public web addresses can be imported.",
    );
    expect((await run("http://mixed.test/")).errors[0]).toMatch(
      /resolves to 10\.0\.0\.5, a private/,
    );
    expect((await run("http://nowhere.test/")).errors[0]).toBe(
      "The host nowhere.test was not found.",
    );

    const before = hits.length;
    const toLoopback = await run(`http://herald.test:${port}/to-loopback`);
    expect(toLoopback.errors[0]).toMatch(/^127\.0\.0\.1:\d+ is a loopback address/);
    expect((await run(`http://herald.test:${port}/to-metadata`)).errors[0]).toMatch(
      /169\.254\.169\.254 is a cloud metadata address/,
    );
    expect((await run(`http://herald.test:${port}/to-ftp`)).errors[0]).toMatch(
      /redirects to an address that cannot be imported: Only http and https/,
    );
    // Only the redirecting pages were asked for, never their targets.
    expect(hits.slice(before)).toEqual(["/to-loopback", "/to-metadata", "/to-ftp"]);
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("enforces the hop, size and time limits and refuses what is not a page", async () => {
    const { owner, project } = await ownerProject();
    const run = (path: string, limits: { timeoutMs?: number; maxBytes?: number } = {}) =>
      importFromUrl({
        actor: owner,
        projectSlug: project.slug,
        input: { url: `http://herald.test:${port}${path}` },
        fetchOptions: { ...testNetwork, ...limits },
      });
    expect((await run("/loop")).errors[0]).toBe(
      "The page redirects more than 5 times; give its final address.",
    );
    expect((await run("/huge", { maxBytes: 100_000 })).errors[0]).toMatch(/larger than 0\.1 MB/);
    expect((await run("/bomb")).errors[0]).toMatch(/larger than 5 MB/);
    expect((await run("/slow", { timeoutMs: 500 })).errors[0]).toBe(
      "The page did not arrive within 0.5 seconds.",
    );
    const slowDns = await importFromUrl({
      actor: owner,
      projectSlug: project.slug,
      input: { url: "http://slow-dns.test/" },
      fetchOptions: { resolve: () => new Promise<string[]>(() => undefined), timeoutMs: 300 },
    });
    expect(slowDns.errors[0]).toBe("The page did not arrive within 0.3 seconds.");
    expect((await run("/pdf")).errors[0]).toBe(
      "The address serves application/pdf, not a web page (HTML or plain text).",
    );
    expect((await run("/missing")).errors[0]).toBe("The page answered 404 Not Found.");
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("holds back a likely duplicate until confirmed, and refuses non-owners", async () => {
    const { owner, project } = await ownerProject();
    const url = `http://herald.test:${port}/article`;
    await importFromUrl({
      actor: owner,
      projectSlug: project.slug,
      input: { url },
      fetchOptions: testNetwork,
    });
    const again = await importFromUrl({
      actor: owner,
      projectSlug: project.slug,
      input: { url },
      fetchOptions: testNetwork,
    });
    expect(again.errors).toEqual([expect.stringMatching(/already in the project/)]);

    const annotator = await createUser();
    await db.membership.create({
      data: { userId: annotator.id, projectId: project.id, role: "ANNOTATOR" },
    });
    await expect(
      importFromUrl({
        actor: annotator,
        projectSlug: project.slug,
        input: { url },
        fetchOptions: testNetwork,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      importFromUrl({ actor: owner, projectSlug: project.slug, input: { url: 42 } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("answers the API with the result, 422 for a refused address or bad JSON, never a 500", async () => {
    const { owner, project } = await ownerProject();
    const { token } = await createApiToken({
      actor: owner,
      input: { name: "t", scope: "READ_WRITE" },
    });
    const post = (body: string) =>
      fromUrlPost(
        new Request(`http://t/api/projects/${project.slug}/documents/from-url`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body,
        }),
        { params: Promise.resolve({ slug: project.slug }) },
      );
    const refused = await post(JSON.stringify({ url: "http://169.254.169.254/" }));
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: string[] }).errors[0]).toMatch(/cloud metadata/);
    const notJson = await post("url=http://example.com");
    expect(notJson.status).toBe(422);
    const badConfirm = await post(JSON.stringify({ url: "https://example.com/", confirm: "yes" }));
    expect(badConfirm.status).toBe(422);
  });

  it("npm run import --url refuses a loopback address and exits non-zero", async () => {
    const { project } = await ownerProject();
    const run = promisify(execFile);
    const root = path.resolve(__dirname, "../..");
    const out = await run(
      process.execPath,
      [
        "node_modules/tsx/dist/cli.mjs",
        "--conditions=react-server",
        "scripts/import.ts",
        "--project",
        project.slug,
        "--url",
        `http://127.0.0.1:${port}/article`,
      ],
      { cwd: root, env: process.env },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/FAILED http:\/\/127\.0\.0\.1:\d+\/article: 0 documents/);
    expect(out.stdout).toMatch(/is a loopback address; only public web addresses can be imported/);
  }, 120_000);
});
