/**
 * The production entry point answers the annotation save itself, in front of Next's
 * router (scripts/lib/fast-route.mjs). Each request here goes both ways — to the plain
 * path, which the entry point serves, and with the slug percent-encoded, which it leaves
 * to Next (Next decodes it to the same project) — and must get the same answer: status,
 * body and headers, for every check the save makes.
 */
import { readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createApiToken, revokeApiToken } from "@/lib/server/accounts/tokens";
import { freePort } from "@/scripts/lib/ports";
import { createProject, createUser, importDocument } from "@/tests/support/factories";
import {
  ensureBuild,
  freshDataDir,
  health,
  startEnv,
  startProcess,
  waitFor,
  type Started,
} from "@/tests/support/processes";

const dataDir = freshDataDir();
let run: Started | undefined;
let base = "";

beforeAll(async () => {
  ensureBuild();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // The container's entry point: one process, no npm or tsx CLI.
  run = startProcess(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"],
    startEnv({
      PORT: String(port),
      SOURCELIGHT_DATA_DIR: dataDir,
      DATABASE_URL: process.env.DATABASE_URL ?? "",
      AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
      LOG_FORMAT: "json",
    }),
  );
  await waitFor("the server to be healthy", async () => (await health(port)) === 200);
}, 1_800_000);

afterAll(async () => {
  if (run) {
    run.child.kill("SIGTERM");
    await run.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Headers of the connection and the transfer, which may differ between the two ways. */
const TRANSPORT = ["date", "connection", "keep-alive", "transfer-encoding", "content-length"];

async function put(path: string, token: string | null, body: string): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method: "PUT",
    headers: {
      "content-type": "application/json",
      "accept-encoding": "identity",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  return {
    status: res.status,
    headers: Object.fromEntries(res.headers),
    body: JSON.parse(await res.text()) as unknown,
  };
}

function comparable(answer: Answer) {
  const headers = Object.fromEntries(
    Object.entries(answer.headers).filter(
      // Next's Vary names its router's headers and its compression, neither of which
      // changes a no-store API answer.
      ([name]) => !TRANSPORT.includes(name) && name !== "vary",
    ),
  );
  return { status: answer.status, headers, body: answer.body };
}

const direct = (slug: string) => `/api/projects/${slug}/annotations`;
/** The same route with the slug's first character percent-encoded: served by Next. */
const throughNext = (slug: string) =>
  `/api/projects/%${slug.charCodeAt(0).toString(16)}${slug.slice(1)}/annotations`;

async function scenario() {
  const ann = await createUser();
  const outsider = await createUser();
  const project = await createProject({ members: [[ann, "ANNOTATOR"]] });
  const doc = await importDocument(project.id);
  const sentences = await db.sentence.findMany({
    where: { documentId: doc.id, isBoilerplate: false },
    orderBy: { index: "asc" },
    select: { id: true },
  });
  const token = async (actor: typeof ann, scope: "READ" | "READ_WRITE") =>
    createApiToken({ actor, input: { name: "t", scope } });
  return {
    ann,
    project,
    sentences: sentences.map((s) => s.id),
    write: (await token(ann, "READ_WRITE")).token,
    read: (await token(ann, "READ")).token,
    outsider: (await token(outsider, "READ_WRITE")).token,
    revoked: await token(ann, "READ_WRITE"),
  };
}

describe("the annotation save in front of Next", () => {
  it("is answered by the entry point, in one piece, and logged with the user", async () => {
    const s = await scenario();
    const body = JSON.stringify({
      sentenceId: s.sentences[0],
      label: "OPINION",
      expectedVersion: 0,
    });
    const fast = await put(direct(s.project.slug), s.write, body);
    expect(fast.status).toBe(200);
    expect(fast.body).toMatchObject({ annotation: { version: 1, fields: { label: "OPINION" } } });
    // Next streams a route handler's answer (chunked); the entry point writes it whole.
    expect(fast.headers["content-length"]).toBeDefined();
    expect(fast.headers["transfer-encoding"]).toBeUndefined();
    const viaNext = await put(throughNext(s.project.slug), s.write, body);
    expect(viaNext.headers["transfer-encoding"]).toBe("chunked");

    const update = JSON.stringify({
      sentenceId: s.sentences[0],
      label: "NOT_A_CLAIM",
      expectedVersion: 1,
    });
    expect((await put(direct(s.project.slug), s.write, update)).body).toMatchObject({
      annotation: { version: 2, fields: { label: "NOT_A_CLAIM" } },
    });
    // A body of undeclared length (chunked) is left to Next, which answers it as before.
    const chunked = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const req = request(`${base}${direct(s.project.slug)}`, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${s.write}` },
      });
      req.on("response", (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.on("error", reject);
      const again = update.replace('"expectedVersion":1', '"expectedVersion":2');
      req.write(again.slice(0, 10));
      req.end(again.slice(10));
    });
    expect(chunked).toMatchObject({ status: 200, body: { annotation: { version: 3 } } });
    await waitFor("the request's log line", () =>
      (run?.output() ?? "").split("\n").some((line) => line.includes(s.ann.id)),
    );
    const records = (run?.output() ?? "")
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as unknown);
    expect(records).toContainEqual(
      expect.objectContaining({
        msg: "request",
        method: "PUT",
        route: direct(s.project.slug),
        status: 200,
        userId: s.ann.id,
      }),
    );
  });

  it("saves as Next does: same status, headers and body", async () => {
    const s = await scenario();
    const [first = "", second = ""] = s.sentences;
    const save = (sentenceId: string) =>
      JSON.stringify({
        sentenceId,
        label: "SOURCED_FACT",
        sourceText: "the army",
        expectedVersion: 0,
      });
    const fast = comparable(await put(direct(s.project.slug), s.write, save(first)));
    const viaNext = comparable(await put(throughNext(s.project.slug), s.write, save(second)));
    const withoutIds = (a: ReturnType<typeof comparable>) => ({
      ...a,
      body: JSON.parse(
        JSON.stringify(a.body).replace(/"(id|sentenceId)":"[^"]+"/g, '"$1":""'),
      ) as unknown,
    });
    expect(fast.status).toBe(200);
    expect(withoutIds(fast)).toEqual(withoutIds(viaNext));
  });

  it("refuses exactly as Next does, check by check", async () => {
    const s = await scenario();
    const [first = ""] = s.sentences;
    await revokeApiToken({ actor: s.ann, tokenId: s.revoked.summary.id });
    const valid = { sentenceId: first, label: "OPINION", expectedVersion: 0 };
    // A save to conflict with.
    expect((await put(direct(s.project.slug), s.write, JSON.stringify(valid))).status).toBe(200);
    const cases: {
      name: string;
      slug?: string;
      token: string | null;
      body: string;
      status: number;
    }[] = [
      { name: "no credentials", token: null, body: JSON.stringify(valid), status: 401 },
      { name: "not one of our tokens", token: "nope", body: JSON.stringify(valid), status: 401 },
      { name: "a revoked token", token: s.revoked.token, body: JSON.stringify(valid), status: 401 },
      { name: "a read-only token", token: s.read, body: JSON.stringify(valid), status: 403 },
      { name: "not a member", token: s.outsider, body: JSON.stringify(valid), status: 404 },
      {
        name: "no such project",
        slug: `${s.project.slug}-gone`,
        token: s.write,
        body: JSON.stringify(valid),
        status: 404,
      },
      { name: "not JSON", token: s.write, body: "{label:", status: 422 },
      {
        name: "an unknown label",
        token: s.write,
        body: JSON.stringify({ ...valid, label: "MAYBE" }),
        status: 422,
      },
      {
        name: "a sentence of no project",
        token: s.write,
        body: JSON.stringify({ ...valid, sentenceId: "00000000-0000-4000-8000-000000000000" }),
        status: 404,
      },
      { name: "a stale version", token: s.write, body: JSON.stringify(valid), status: 409 },
    ];
    for (const c of cases) {
      const slug = c.slug ?? s.project.slug;
      const fast = comparable(await put(direct(slug), c.token, c.body));
      const viaNext = comparable(await put(throughNext(slug), c.token, c.body));
      expect({ case: c.name, status: fast.status }).toEqual({ case: c.name, status: c.status });
      expect({ case: c.name, ...fast }).toEqual({ case: c.name, ...viaNext });
    }
    // Nothing refused was written: the one save stands, at version 1.
    const rows = await db.annotation.findMany({ where: { projectId: s.project.id } });
    expect(rows.map((r) => [r.sentenceId, r.version, r.label])).toEqual([[first, 1, "OPINION"]]);
  });
});

describe("in a container image", () => {
  // The image runs Next's standalone output (Dockerfile), which carries only the build
  // files Next lists in required-server-files.json. Without the header rules or the
  // instrumentation hook that registers the handler, every save there would silently go
  // through Next. (Checked once by hand on a standalone build laid out as the image is:
  // the save came back with content-length, from the entry point.)
  it("ships what the entry point's save needs", () => {
    ensureBuild();
    const dist = process.env.NEXT_DIST_DIR || ".next";
    const required = JSON.parse(readFileSync(`${dist}/required-server-files.json`, "utf8")) as {
      files: string[];
    };
    expect(required.files).toEqual(
      expect.arrayContaining([`${dist}/routes-manifest.json`, `${dist}/server/instrumentation.js`]),
    );
  });
});
