import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderApiDocs } from "@/lib/domain/api/docs-page";
import { buildOpenApi } from "@/lib/domain/api/openapi";
import { API_OPERATIONS, API_VERSION } from "@/lib/server/api/catalogue";

const ROOT = path.resolve(__dirname, "../..");
const API_DIR = path.join(ROOT, "app/api");
// Auth.js answers its own protocol (sign-in pages, callbacks), not the JSON API.
const UNDESCRIBED = new Set(["/api/auth/{...nextauth}"]);

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return /^route\.tsx?$/.test(name) ? [full] : [];
  });
}

/** "GET /api/projects/{slug}" for every method each route file exports. */
function routedOperations(): string[] {
  const found: string[] = [];
  for (const file of routeFiles(API_DIR)) {
    const dir = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
    const apiPath = `/${dir.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
    if (UNDESCRIBED.has(apiPath)) continue;
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(
      /export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g,
    ))
      found.push(`${m[1]} ${apiPath}`);
  }
  return found.sort();
}

const described = () => API_OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort();

describe("the OpenAPI description", () => {
  it("describes every route handler, and every described operation has its handler", () => {
    const routed = routedOperations();
    expect(routed.length).toBeGreaterThan(30);
    expect(
      routed.filter((r) => !described().includes(r)),
      "route handlers without a description",
    ).toEqual([]);
    expect(
      described().filter((d) => !routed.includes(d)),
      "described operations without a route handler",
    ).toEqual([]);
    expect(new Set(described()).size, "an operation described twice").toBe(described().length);
  });

  it("has example requests that pass their own schemas", () => {
    let checked = 0;
    for (const op of API_OPERATIONS) {
      const name = `${op.method.toUpperCase()} ${op.path}`;
      if (op.body?.kind === "json") {
        const result = op.body.schema.safeParse(op.body.example);
        expect(result.success, `${name} body: ${JSON.stringify(result.error?.issues)}`).toBe(true);
        checked++;
      }
      if (op.query?.example !== undefined) {
        const params = new URLSearchParams(op.query.example);
        const input = op.query.fromParams
          ? op.query.fromParams(params)
          : Object.fromEntries(params);
        const result = op.query.schema.safeParse(input);
        expect(result.success, `${name} query: ${JSON.stringify(result.error?.issues)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it("refuses what the schemas refuse: a broken example would fail the check above", () => {
    const save = API_OPERATIONS.find((o) => o.method === "put" && o.path.endsWith("/annotations"));
    if (save?.body?.kind !== "json") throw new Error("no annotation save operation");
    expect(save.body.schema.safeParse({ label: "FACT" }).success).toBe(false);
  });

  it("is OpenAPI 3.1 with one unique operationId per operation and the request schemas from zod", () => {
    const doc = buildOpenApi(API_OPERATIONS, API_VERSION);
    expect(doc.openapi).toBe("3.1.0");
    const paths = doc.paths as Record<string, Record<string, { operationId: string }>>;
    const ids = Object.values(paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(ids).toHaveLength(API_OPERATIONS.length);
    expect(new Set(ids).size).toBe(ids.length);
    // The save schema's label enum comes through from lib/domain/annotation, not from a copy.
    const text = JSON.stringify(paths["/api/projects/{slug}/annotations"]);
    expect(text).toContain("UNVERIFIED_CLAIM");
    expect(text).toContain("expectedVersion");
    // Paging parameters on lists, If-None-Match on conditional reads.
    expect(JSON.stringify(paths["/api/projects/{slug}/documents"]?.get)).toContain('"pageSize"');
    expect(JSON.stringify(paths["/api/projects/{slug}/agreement"]?.get)).toContain("If-None-Match");
  });

  it("gives every JSON success response a schema from zod, and lists carry their pagination", () => {
    const doc = buildOpenApi(API_OPERATIONS, API_VERSION);
    const paths = doc.paths as Record<
      string,
      Record<
        string,
        { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }
      >
    >;
    for (const op of API_OPERATIONS) {
      const name = `${op.method.toUpperCase()} ${op.path}`;
      if (op.success.file) continue;
      expect(op.success.schema, `${name} has no response schema`).toBeDefined();
      const described =
        paths[op.path]?.[op.method]?.responses[String(op.success.status)]?.content?.[
          "application/json"
        ]?.schema;
      expect(JSON.stringify(described), name).toMatch(/"properties"|"anyOf"/);
      if (op.paginated)
        expect(JSON.stringify(described), `${name} lists its pagination`).toContain('"pageCount"');
    }
    // A JSON answer with a field nobody described is refused, so the API test sees the drift.
    const me = API_OPERATIONS.find((o) => o.path === "/api/me");
    const user = { id: "u", email: "a@example.org", name: "A", isAdmin: false };
    expect(me?.success.schema?.safeParse({ user }).success).toBe(true);
    expect(me?.success.schema?.safeParse({ user: { ...user, passwordHash: "x" } }).success).toBe(
      false,
    );
  });

  it("renders a readable page with every operation, and nothing a strict CSP would block", () => {
    const html = renderApiDocs(API_OPERATIONS, API_VERSION);
    for (const op of API_OPERATIONS)
      expect(html).toContain(`${op.method.toUpperCase()} ${op.path}`);
    expect(html).not.toMatch(/<script|<style|\sstyle=|<link|https?:\/\/(?!example\.org)/i);
  });
});
