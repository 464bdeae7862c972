/**
 * The container image cannot be built here (no Docker), so its recipe is checked two ways
 * (issue 18, item 5): its structure is linted, and its entry point — the exact CMD — is
 * run outside a container, on the test database, until it is healthy and then stopped
 * with the SIGTERM `docker stop` sends.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { freePort } from "@/scripts/lib/ports";
import {
  ROOT,
  ensureBuild,
  freshDataDir,
  health,
  startEnv,
  startProcess,
  waitFor,
} from "@/tests/support/processes";

interface Instruction {
  keyword: string;
  args: string;
  stage: number;
}

/** The Dockerfile as instructions: continuation lines joined, comments dropped, stage numbered. */
function instructions(file: string): Instruction[] {
  const text = readFileSync(file, "utf8").replace(/\\\r?\n/g, " ");
  let stage = -1;
  const out: Instruction[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const [keyword = "", ...rest] = line.split(/\s+/);
    const upper = keyword.toUpperCase();
    if (upper === "FROM") stage++;
    out.push({ keyword: upper, args: rest.join(" "), stage });
  }
  return out;
}

/** An exec-form argument list (`["node", "x"]`), or null for the shell form. */
function execForm(args: string): string[] | null {
  try {
    const value: unknown = JSON.parse(args);
    return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : null;
  } catch {
    return null;
  }
}

/** ENV lines in the KEY=value form, backslash-continued lines already joined. */
function envOf(list: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of list.filter((i) => i.keyword === "ENV")) {
    for (const [, key = "", value = ""] of args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S*)/g))
      env[key] = value;
  }
  return env;
}

const dockerfile = instructions(path.join(ROOT, "Dockerfile"));
const lastStage = Math.max(...dockerfile.map((i) => i.stage));
const runtime = dockerfile.filter((i) => i.stage === lastStage);
const cmd = execForm(runtime.find((i) => i.keyword === "CMD")?.args ?? "");

describe("the Dockerfile", () => {
  it("is multi-stage, and copies only from stages it defines", () => {
    const names = dockerfile
      .filter((i) => i.keyword === "FROM")
      .map((i) => /\bAS\s+(\S+)/i.exec(i.args)?.[1]);
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const { args } of dockerfile.filter((i) => i.keyword === "COPY")) {
      const from = /--from=(\S+)/.exec(args)?.[1];
      if (from) expect(names).toContain(from);
    }
  });

  it("builds Next's standalone output and ships it", () => {
    const build = dockerfile.filter((i) => i.stage < lastStage);
    expect(envOf(build).NEXT_OUTPUT_STANDALONE).toBe("1");
    expect(readFileSync(path.join(ROOT, "next.config.js"), "utf8")).toMatch(
      /NEXT_OUTPUT_STANDALONE === "1" \? "standalone"/,
    );
    expect(runtime.some((i) => i.keyword === "COPY" && i.args.includes(".next/standalone"))).toBe(
      true,
    );
  });

  it("runs as an unprivileged user, with a health check and an exec-form entry point", () => {
    const user = runtime.filter((i) => i.keyword === "USER").at(-1)?.args;
    expect(user).toBeDefined();
    expect(["root", "0", "0:0"]).not.toContain(user);
    const healthcheck = runtime.find((i) => i.keyword === "HEALTHCHECK")?.args ?? "";
    const probe = execForm(healthcheck.slice(healthcheck.indexOf("CMD") + 3).trim());
    expect(probe?.[0]).toBe("node");
    expect(existsSync(path.join(ROOT, probe?.[1] ?? "missing"))).toBe(true);
    // Exec form: the entry point is PID 1 and gets docker stop's SIGTERM itself.
    expect(cmd?.[0]).toBe("node");
    expect(cmd).not.toContain("npm");
    expect(existsSync(path.join(ROOT, cmd?.at(-1) ?? "missing"))).toBe(true);
  });

  it("has a compose file that runs it beside PostgreSQL", () => {
    const compose: unknown = parse(readFileSync(path.join(ROOT, "compose.yaml"), "utf8"));
    expect(compose).toMatchObject({
      services: {
        db: { image: expect.stringMatching(/^postgres:/) },
        app: {
          build: ".",
          depends_on: { db: { condition: "service_healthy" } },
          environment: { DATABASE_URL: expect.stringContaining("@db:5432/") },
        },
      },
    });
  });
});

describe("the image's entry point, outside a container", () => {
  const dataDir = freshDataDir();
  beforeAll(() => ensureBuild(), 1_800_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("serves, logs each request as one JSON line, and stops cleanly on SIGTERM", async () => {
    expect(cmd).not.toBeNull();
    const { createUser } = await import("@/tests/support/factories");
    const { createApiToken } = await import("@/lib/server/accounts/tokens");
    const user = await createUser();
    const { token } = await createApiToken({
      actor: user,
      input: { name: "log test", scope: "READ" },
    });
    const [program, ...args] = cmd ?? [];
    const port = await freePort();
    const run = startProcess(
      program === "node" ? process.execPath : (program ?? ""),
      args,
      startEnv({
        ...envOf(runtime),
        HOST: "127.0.0.1",
        PORT: String(port),
        SOURCELIGHT_DATA_DIR: dataDir,
        DATABASE_URL: process.env.DATABASE_URL ?? "",
        AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
        LOG_FORMAT: "json",
      }),
    );
    await waitFor("the entry point to serve", async () => (await health(port)) === 200);
    const me = await fetch(`http://127.0.0.1:${port}/api/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    run.child.kill("SIGTERM");
    const exit = await run.exited;
    expect(exit.code).toBe(0);
    const lines = run
      .output()
      .split("\n")
      .filter((l) => l.trim() !== "");
    // LOG_FORMAT=json: every line is one JSON record with a timestamp.
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const records: unknown[] = lines.map((l) => JSON.parse(l));
    for (const record of records) expect(record).toMatchObject({ time: expect.any(String) });
    expect(records).toContainEqual(
      expect.objectContaining({
        msg: "request",
        method: "GET",
        route: "/api/health",
        status: 200,
        durationMs: expect.any(Number),
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({ msg: "request", route: "/api/me", status: 200, userId: user.id }),
    );
  }, 600_000);
});
