/**
 * The done-when, as a script would do it: starting from API tokens,
 * run a whole project — create it, add members, import a document, annotate,
 * adjudicate, comment, export — through the documented API only. Requests are
 * dispatched to the route modules under app/api by their path, as Next's router
 * does, and each must match an operation in /api/openapi.json.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { createApiToken } from "@/lib/server/accounts/tokens";
import { API_OPERATIONS } from "@/lib/server/api/catalogue";
import { createUser } from "../support/factories";

afterAll(disconnectDb);

const ROOT = path.resolve(__dirname, "../..");
type RouteModule = Record<
  string,
  | ((request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>)
  | undefined
>;

/** The route file for a URL path and the dynamic segments' values, as Next's App Router resolves them. */
function resolveRoute(pathname: string): { file: string; params: Record<string, string> } {
  let dir = path.join(ROOT, "app");
  const params: Record<string, string> = {};
  for (const segment of pathname.split("/").filter(Boolean)) {
    const literal = path.join(dir, segment);
    if (existsSync(literal)) {
      dir = literal;
      continue;
    }
    const dynamic = readdirSync(dir).find((name) => /^\[[^.\]]+\]$/.test(name));
    if (!dynamic) throw new Error(`No route for ${pathname}`);
    params[dynamic.slice(1, -1)] = decodeURIComponent(segment);
    dir = path.join(dir, dynamic);
  }
  return { file: path.join(dir, "route.ts"), params };
}

/** Matches a concrete path against the description's templates. */
function describedOperation(
  doc: { paths: Record<string, Record<string, unknown>> },
  method: string,
  pathname: string,
): string | undefined {
  return Object.keys(doc.paths).find((template) => {
    const pattern = new RegExp(
      `^${template.replace(/\{[^}]+\}/g, "[^/]+").replace(/\./g, "\\.")}$`,
    );
    return pattern.test(pathname) && method.toLowerCase() in (doc.paths[template] ?? {});
  });
}

interface Client {
  call(
    method: string,
    url: string,
    opts?: { json?: unknown; form?: FormData; headers?: Record<string, string> },
  ): Promise<Response>;
}

let openapi: { paths: Record<string, Record<string, unknown>> } | undefined;
const used = new Set<string>();
/** Operations whose real JSON answer was checked against the response schema they describe. */
const checked = new Set<string>();

/**
 * Every JSON answer on success must match the response schema of its operation: the same zod
 * schema /api/openapi.json describes the body with (lib/domain/api/responses.ts).
 */
async function expectDescribedBody(method: string, template: string, res: Response) {
  const op = API_OPERATIONS.find((o) => o.method === method.toLowerCase() && o.path === template);
  if (!op || res.status >= 300 || op.success.file) return;
  if (!(res.headers.get("content-type") ?? "").includes("application/json")) return;
  const schema = op.success.schema;
  expect(schema, `${method} ${template} describes its response body`).toBeDefined();
  const parsed = schema?.safeParse(await res.clone().json());
  expect(
    parsed?.success,
    `${method} ${template} answered what its description says: ${JSON.stringify(parsed?.error?.issues)}`,
  ).toBe(true);
  checked.add(`${method} ${template}`);
}

function client(token: string | null): Client {
  return {
    async call(method, url, opts = {}) {
      const target = new URL(url, "http://sourcelight.test");
      const { file, params } = resolveRoute(target.pathname);
      const mod = (await import(/* @vite-ignore */ file)) as RouteModule;
      const handler = mod[method];
      if (!handler) throw new Error(`${method} ${target.pathname}: no such method`);
      const op = openapi ? describedOperation(openapi, method, target.pathname) : undefined;
      if (openapi) {
        expect(op, `${method} ${target.pathname} is described in /api/openapi.json`).toBeDefined();
        used.add(`${method} ${op}`);
      }
      const headers: Record<string, string> = { host: "sourcelight.test", ...opts.headers };
      if (token) headers.authorization = `Bearer ${token}`;
      let body: BodyInit | undefined;
      if (opts.json !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(opts.json);
      } else if (opts.form) body = opts.form;
      const res = await handler(new Request(target, { method, headers, body }), {
        params: Promise.resolve(params),
      });
      if (op) await expectDescribedBody(method, op, res);
      return res;
    },
  };
}

async function ok<T>(response: Promise<Response>, status = 200): Promise<T> {
  const res = await response;
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function tokenFor(actor: Actor, scope: "READ" | "READ_WRITE" = "READ_WRITE") {
  return (await createApiToken({ actor, input: { name: "script", scope } })).token;
}

let admin: Actor;
let ana: Actor;
let ben: Actor;
let rita: Actor;
let visitor: Actor;

beforeAll(async () => {
  admin = await createUser({ admin: true, name: "Admin" });
  ana = await createUser({ name: "Ana" });
  ben = await createUser({ name: "Ben" });
  rita = await createUser({ name: "Rita" });
  visitor = await createUser({ name: "Visitor" });
});

const ARTICLE = [
  "Ministry denies report 😀",
  "",
  "The ministry said the convoy reached the town on Monday.",
  "Residents claimed that shelling continued overnight.",
  "قال المتحدث إن الوضع هادئ.",
  "The plan is a disgrace.",
].join("\n");

describe("a whole project through the documented API, with tokens", () => {
  it("creates, staffs, imports, annotates, adjudicates, comments and exports", async () => {
    const adminApi = client(await tokenFor(admin));
    openapi = await ok(adminApi.call("GET", "/api/openapi.json"));
    expect(await ok(adminApi.call("GET", "/api/me"))).toMatchObject({ user: { id: admin.id } });

    // ---- create the project
    const slug = `api-${Date.now().toString(36)}`;
    const created = await ok<{ project: { slug: string } }>(
      adminApi.call("POST", "/api/projects", {
        json: {
          name: "Script project",
          slug,
          description: "Made by a script",
          guidelines: "Tag every sentence.",
          blindAnnotation: false,
          annotatorsPerDocument: 2,
        },
      }),
      201,
    );
    expect(created.project.slug).toBe(slug);
    const P = `/api/projects/${slug}`;
    const updated = await ok<{ project: { name: string; annotatorsPerDocument: number } }>(
      adminApi.call("PUT", P, {
        json: {
          name: "Script project",
          slug,
          blindAnnotation: false,
          annotatorsPerDocument: 2,
          guidelines: "Tag every sentence; name the source.",
        },
      }),
    );
    expect(updated.project).toMatchObject({ name: "Script project", annotatorsPerDocument: 2 });

    // ---- members
    for (const [user, role] of [
      [ana, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
      [rita, "ANNOTATOR"],
      [visitor, "ANNOTATOR"],
    ] as const)
      await ok(adminApi.call("POST", `${P}/members`, { json: { email: user.email, role } }), 201);
    await ok(adminApi.call("PATCH", `${P}/members/${rita.id}`, { json: { role: "REVIEWER" } }));
    await ok(adminApi.call("DELETE", `${P}/members/${visitor.id}`));
    const members = await ok<{
      members: Array<{ userId: string; role: string }>;
      pagination: { total: number; pageCount: number };
    }>(adminApi.call("GET", `${P}/members?pageSize=2`));
    expect(members.pagination).toMatchObject({ total: 4, pageCount: 2 });
    expect(members.members).toHaveLength(2);
    const page2 = await ok<{ members: Array<{ userId: string; role: string }> }>(
      adminApi.call("GET", `${P}/members?pageSize=2&page=2`),
    );
    expect(
      Object.fromEntries([...members.members, ...page2.members].map((m) => [m.userId, m.role])),
    ).toEqual({
      [admin.id]: "OWNER",
      [ana.id]: "ANNOTATOR",
      [ben.id]: "ANNOTATOR",
      [rita.id]: "REVIEWER",
    });

    // ---- import
    const form = new FormData();
    form.append("file", new File([ARTICLE], "report.txt", { type: "text/plain" }));
    const imported = await ok<{ documents: Array<{ id: string }> }>(
      adminApi.call("POST", `${P}/documents`, { form }),
      201,
    );
    const documentId = imported.documents[0]?.id ?? "";
    const list = await ok<{
      documents: Array<{ id: string; status: string }>;
      pagination: { total: number };
    }>(adminApi.call("GET", `${P}/documents?status=new&sort=title&page=1&pageSize=10`));
    expect(list.pagination.total).toBe(1);
    expect(list.documents.map((d) => d.id)).toEqual([documentId]);

    // ---- assign it to both annotators; the list is paged, the workload counts every assignment
    await ok(
      adminApi.call("PUT", `${P}/assignments`, {
        json: {
          action: "assign",
          documents: { documentIds: [documentId] },
          annotatorIds: [ana.id, ben.id],
        },
      }),
    );
    type AssignmentsPage = {
      assignments: Array<{ documentId: string; annotatorId: string }>;
      annotators: Array<{ userId: string; assigned: number }>;
      pagination: { page: number; pageSize: number; total: number; pageCount: number };
    };
    const assigned = await ok<AssignmentsPage>(adminApi.call("GET", `${P}/assignments?pageSize=1`));
    expect(assigned.pagination).toEqual({ page: 1, pageSize: 1, total: 2, pageCount: 2 });
    expect(assigned.assignments).toHaveLength(1);
    expect(assigned).not.toHaveProperty("documents");
    expect(
      Object.fromEntries(assigned.annotators.map((a) => [a.userId, a.assigned])),
    ).toMatchObject({ [ana.id]: 1, [ben.id]: 1 });
    const secondPage = await ok<AssignmentsPage>(
      adminApi.call("GET", `${P}/assignments?pageSize=1&page=2`),
    );
    expect(
      [...assigned.assignments, ...secondPage.assignments].map((a) => a.annotatorId).sort(),
    ).toEqual([ana.id, ben.id].sort());
    const beyond = await ok<AssignmentsPage>(
      adminApi.call("GET", `${P}/assignments?page=3&pageSize=1`),
    );
    expect(beyond).toMatchObject({ assignments: [], pagination: { total: 2, pageCount: 2 } });
    const badPage = await adminApi.call("GET", `${P}/assignments?page=0`);
    expect(badPage.status).toBe(422);
    expect(await badPage.json()).toMatchObject({
      error: { code: "VALIDATION", fields: { page: [expect.stringMatching(/start at 1/)] } },
    });

    // ---- annotate, as each annotator with their own token
    const anaApi = client(await tokenFor(ana));
    const benApi = client(await tokenFor(ben));
    const read = await anaApi.call("GET", `${P}/documents/${documentId}`);
    expect(read.status).toBe(200);
    const etag = read.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const { document } = (await read.json()) as {
      document: { sentences: Array<{ id: string; text: string; isBoilerplate: boolean }> };
    };
    const unchanged = await anaApi.call("GET", `${P}/documents/${documentId}`, {
      headers: { "if-none-match": etag },
    });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe("");

    const content = document.sentences.filter((s) => !s.isBoilerplate);
    expect(content.length).toBeGreaterThanOrEqual(4);
    const labelFor = (text: string, who: "ana" | "ben") =>
      text.includes("ministry said")
        ? "SOURCED_FACT"
        : text.includes("claimed")
          ? who === "ana"
            ? "UNVERIFIED_CLAIM"
            : "OPINION"
          : text.includes("disgrace")
            ? "OPINION"
            : "NOT_A_CLAIM";
    for (const [api, who] of [
      [anaApi, "ana"],
      [benApi, "ben"],
    ] as const)
      for (const s of content)
        await ok(
          api.call("PUT", `${P}/annotations`, {
            json: { sentenceId: s.id, label: labelFor(s.text, who), expectedVersion: 0 },
          }),
        );
    // A stale save is a 409 carrying the server's value, not an overwrite.
    const first = content[0];
    if (!first) throw new Error("no content sentence");
    const stale = await anaApi.call("PUT", `${P}/annotations`, {
      json: { sentenceId: first.id, label: "OPINION", expectedVersion: 0 },
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      error: { code: "CONFLICT" },
      current: { sentenceId: first.id, version: 1 },
    });
    const mine = await ok<{
      annotations: Array<{ id: string; sentenceId: string; version: number }>;
    }>(anaApi.call("GET", `${P}/documents/${documentId}/annotations/me`));
    expect(mine.annotations).toHaveLength(content.length);
    // Clear one and put it back: the clear is guarded by the version too.
    const again = mine.annotations.find((a) => a.sentenceId === first.id);
    if (!again) throw new Error("own annotation missing");
    await ok(
      anaApi.call("DELETE", `${P}/annotations/${again.id}?expectedVersion=${again.version}`),
    );
    await ok(
      anaApi.call("PUT", `${P}/annotations`, {
        json: { sentenceId: first.id, label: labelFor(first.text, "ana"), expectedVersion: 0 },
      }),
    );
    // An annotator may not adjudicate: the same 403 as the review page's action.
    const refused = await anaApi.call("PUT", `${P}/adjudications`, {
      json: { sentenceId: first.id, choice: { kind: "majority" }, version: 0 },
    });
    expect(refused.status).toBe(403);

    // ---- adjudicate, as the reviewer
    const ritaApi = client(await tokenFor(rita));
    const review = await ok<{
      sentences: Array<{
        sentenceId: string;
        majority: { label: string | null };
        adjudication: unknown;
      }>;
    }>(ritaApi.call("GET", `${P}/documents/${documentId}/adjudications`));
    const gold = new Map<string, string>();
    for (const s of review.sentences) {
      const text = content.find((c) => c.id === s.sentenceId)?.text;
      if (text === undefined) continue;
      const choice = s.majority.label
        ? { kind: "majority" }
        : { kind: "own", label: "UNVERIFIED_CLAIM", sourceText: "residents" };
      const { adjudication } = await ok<{ adjudication: { label: string; version: number } }>(
        ritaApi.call("PUT", `${P}/adjudications`, {
          json: { sentenceId: s.sentenceId, choice, note: "settled by script", version: 0 },
        }),
      );
      gold.set(s.sentenceId, adjudication.label);
    }
    expect([...gold.values()]).toContain("UNVERIFIED_CLAIM");
    // Clear one gold label and set it again.
    const [someSentence, someLabel] = [...gold.entries()][0] ?? ["", ""];
    await ok(ritaApi.call("DELETE", `${P}/adjudications/${someSentence}?version=1`));
    await ok(
      ritaApi.call("PUT", `${P}/adjudications`, {
        json: { sentenceId: someSentence, choice: { kind: "own", label: someLabel }, version: 0 },
      }),
    );

    // ---- discuss
    await ok(
      ritaApi.call("POST", `${P}/sentences/${someSentence}/comments`, {
        json: { body: "Agreed." },
      }),
      201,
    );
    const thread = await ok<{ comments: Array<{ body: string }>; pagination: { total: number } }>(
      anaApi.call("GET", `${P}/sentences/${someSentence}/comments`),
    );
    expect(thread).toMatchObject({ comments: [{ body: "Agreed." }], pagination: { total: 1 } });

    // ---- agreement, conditionally
    const agreement = await ritaApi.call("GET", `${P}/agreement`);
    expect(agreement.status).toBe(200);
    const tag = agreement.headers.get("etag") ?? "";
    expect(
      (await ritaApi.call("GET", `${P}/agreement`, { headers: { "if-none-match": tag } })).status,
    ).toBe(304);

    // ---- export: the gold labels come out as set
    const exported = await ritaApi.call("GET", `${P}/export?format=jsonl&adjudicatedOnly=true`);
    expect(exported.status).toBe(200);
    const lines = (await exported.text())
      .trim()
      .split("\n")
      .map(
        (l) =>
          JSON.parse(l) as {
            sentence: { text: string };
            gold_label: string;
            annotations: unknown[];
          },
      );
    expect(lines).toHaveLength(gold.size);
    for (const line of lines) {
      const s = content.find((c) => c.text === line.sentence.text);
      expect(line.gold_label).toBe(gold.get(s?.id ?? ""));
      expect(line.annotations).toHaveLength(2);
    }

    // ---- the rest of the API, so that every JSON answer is checked against its description
    const exampleOf = (method: string, template: string) => {
      const body = API_OPERATIONS.find((o) => o.method === method && o.path === template)?.body;
      return body?.kind === "json" ? body.example : undefined;
    };
    await ok(adminApi.call("GET", "/api/health"));
    await ok(adminApi.call("GET", "/api/projects?pageSize=5"));
    await ok(adminApi.call("GET", "/api/openapi.json"));
    await ok(adminApi.call("GET", `${P}/documents/${documentId}/suggestions`));
    await ok(ritaApi.call("GET", `${P}/documents/${documentId}/annotations`));
    const sourceOf = async (json: unknown) =>
      (await ok<{ source: { id: string } }>(adminApi.call("POST", `${P}/sources`, { json }), 201))
        .source.id;
    const ministry = await sourceOf(exampleOf("post", "/api/projects/{slug}/sources"));
    const twin = await sourceOf({ name: "Defence Ministry", type: "OFFICIAL_BODY" });
    const stray = await sourceOf({ name: "Stray account", type: "SOCIAL_MEDIA" });
    await ok(adminApi.call("GET", `${P}/sources?sort=citations&dir=desc&pageSize=2`));
    await ok(adminApi.call("PATCH", `${P}/sources/${ministry}`, { json: { side: "neutral" } }));
    await ok(
      ritaApi.call("PUT", `${P}/sources/${ministry}/grade`, {
        json: exampleOf("put", "/api/projects/{slug}/sources/{id}/grade"),
      }),
    );
    await ok(
      anaApi.call("PUT", `${P}/sources/${ministry}/grades/me`, {
        json: exampleOf("put", "/api/projects/{slug}/sources/{id}/grades/me"),
      }),
    );
    await ok(adminApi.call("GET", `${P}/sources/${ministry}`));
    await ok(anaApi.call("GET", `${P}/sources/${ministry}`));
    await ok(
      adminApi.call("POST", `${P}/sources/merge`, { json: { fromId: twin, intoId: ministry } }),
    );
    await ok(adminApi.call("DELETE", `${P}/sources/${stray}`));
    const registry = new FormData();
    registry.append(
      "file",
      new File(["name,type\nRegional water authority,OFFICIAL_BODY\n"], "registry.csv", {
        type: "text/csv",
      }),
    );
    await ok(adminApi.call("POST", `${P}/sources/import`, { form: registry }));

    const labelStudio = readFileSync(
      path.join(ROOT, "tests/fixtures/interop/label-studio-export.json"),
    );
    const foreign = () => {
      const f = new FormData();
      f.append("file", new File([labelStudio], "export.json", { type: "application/json" }));
      return f;
    };
    const preview = await ok<{
      labels: Array<{ name: string; proposed: string | null }>;
      annotators: Array<{ key: string }>;
    }>(adminApi.call("POST", `${P}/import/foreign`, { form: foreign() }));
    const withMapping = foreign();
    withMapping.append(
      "mapping",
      JSON.stringify({
        labels: Object.fromEntries(preview.labels.map((l) => [l.name, l.proposed ?? "SKIP"])),
        annotators: Object.fromEntries(
          preview.annotators.map((a, i) => [a.key, i === 0 ? admin.id : "SKIP"]),
        ),
      }),
    );
    await ok(adminApi.call("POST", `${P}/import/foreign`, { form: withMapping }), 201);

    await ok(
      adminApi.call("PUT", `${P}/documents/${documentId}`, {
        json: exampleOf("put", "/api/projects/{slug}/documents/{id}"),
      }),
    );
    await ok(adminApi.call("GET", P));
    await ok(adminApi.call("DELETE", `${P}/documents/${documentId}`));

    // Every JSON route answered, and matched its description; fetching a web page needs the
    // network, which tests do not have (tests/integration/url-import.test.ts covers that route).
    const jsonOperations = API_OPERATIONS.filter((o) => !o.success.file).map(
      (o) => `${o.method.toUpperCase()} ${o.path}`,
    );
    expect(
      jsonOperations.filter((o) => !checked.has(o)),
      "JSON operations whose answer no test checked against its description",
    ).toEqual(["POST /api/projects/{slug}/documents/from-url"]);

    // Every operation the script used is described, and it used the product's whole loop.
    expect(used.size).toBeGreaterThanOrEqual(18);
    expect(await db.auditEvent.count({ where: { action: "adjudication.clear" } })).toBe(1);
  });

  it("answers errors in one shape, with fields, and pages refuse bad paging", async () => {
    const adminApi = client(await tokenFor(admin));
    const bad = await adminApi.call("POST", "/api/projects", {
      json: { name: "", slug: "Not A Slug", annotatorsPerDocument: 0 },
    });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as {
      error: { code: string; message: string; fields: Record<string, string[]> };
    };
    expect(body.error.code).toBe("VALIDATION");
    expect(Object.keys(body.error.fields).sort()).toEqual([
      "annotatorsPerDocument",
      "name",
      "slug",
    ]);
    expect(await db.project.count({ where: { slug: "not a slug" } })).toBe(0);

    const notJson = await adminApi.call("POST", "/api/projects", {
      headers: { "content-type": "application/json" },
    });
    expect(notJson.status).toBe(422);
    expect(await notJson.json()).toEqual({
      error: { code: "VALIDATION", message: expect.stringMatching(/JSON body/) },
    });

    const paging = await adminApi.call("GET", "/api/projects?pageSize=1000");
    expect(paging.status).toBe(422);
    expect(await paging.json()).toMatchObject({
      error: { code: "VALIDATION", fields: { pageSize: [expect.stringMatching(/at most 200/)] } },
    });

    const readOnly = client(await tokenFor(admin, "READ"));
    const write = await readOnly.call("POST", "/api/projects", { json: {} });
    expect(write.status).toBe(403);
    expect(await write.json()).toEqual({
      error: { code: "FORBIDDEN", message: expect.any(String) },
    });

    const anonymous = await client(null).call("GET", "/api/projects");
    expect(anonymous.status).toBe(401);
  });

  it("answers forged or malformed ids and versions in paths with 404 or 422, never a 500", async () => {
    const adminApi = client(await tokenFor(admin));
    const slug = `odd-${Date.now().toString(36)}`;
    await ok(
      adminApi.call("POST", "/api/projects", {
        json: { name: "Odd", slug, blindAnnotation: true, annotatorsPerDocument: 1 },
      }),
      201,
    );
    const P = `/api/projects/${slug}`;
    const uuid = "3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f";
    const cases: Array<[string, string, number]> = [
      ["GET", `${P}/documents/not-an-id`, 404],
      ["GET", `${P}/documents/${uuid}`, 404],
      ["DELETE", `${P}/documents/${uuid}`, 404],
      ["PATCH", `${P}/members/not-an-id`, 404],
      ["DELETE", `${P}/annotations/${uuid}?expectedVersion=abc`, 422],
      ["DELETE", `${P}/annotations/${uuid}`, 422],
      ["DELETE", `${P}/adjudications/${uuid}?version=1`, 404],
      ["DELETE", `${P}/adjudications/nope?version=1`, 422],
      ["GET", `${P}/sentences/nope/comments`, 404],
      ["GET", `${P}/documents?status=done`, 422],
      ["GET", `/api/projects/${encodeURIComponent("a\u0000b")}`, 404],
    ];
    for (const [method, url, status] of cases) {
      const res = await adminApi.call(method, url, {
        json: method === "PATCH" ? { role: "REVIEWER" } : undefined,
      });
      expect(res.status, `${method} ${url}`).toBe(status);
      expect(await res.json(), `${method} ${url}`).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    }
  });
});
