import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "@/scripts/lib/ports";
import { localAuthSecret } from "@/scripts/lib/secrets";

const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");

async function start(env: Record<string, string>) {
  const port = String(await freePort());
  const clean: NodeJS.ProcessEnv = { ...process.env };
  delete clean.AUTH_SECRET;
  delete clean.DATABASE_URL;
  return spawnSync(process.execPath, [tsx, "--conditions=react-server", "scripts/start.ts"], {
    env: { ...clean, PORT: port, HOST: "127.0.0.1", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("the session secret at start", () => {
  it("refuses to start a production server on DATABASE_URL without AUTH_SECRET, before building anything", async () => {
    const run = await start({
      DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://x@127.0.0.1:1/x",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("AUTH_SECRET is not set");
    expect(run.stdout).not.toContain("Building");
  });

  it('says "not set", not "too short", for an empty AUTH_SECRET', async () => {
    const run = await start({ DATABASE_URL: "postgresql://x@127.0.0.1:1/x", AUTH_SECRET: "" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("AUTH_SECRET is not set");
    expect(run.stderr).not.toContain("too short");
  });

  it("checks that DATABASE_URL is reachable before building", async () => {
    // A dist directory with no build in it: a start would have to build.
    const distDir = path.relative(process.cwd(), mkdtempSync(path.join(os.tmpdir(), "no-build-")));
    const run = await start({
      DATABASE_URL: "postgresql://x:y@127.0.0.1:1/x",
      AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
      NEXT_DIST_DIR: distDir,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Cannot reach the PostgreSQL of DATABASE_URL");
    expect(run.stdout).not.toContain("Building");
  });

  it("refuses a short AUTH_SECRET", async () => {
    const run = await start({ DATABASE_URL: "postgresql://x@127.0.0.1:1/x", AUTH_SECRET: "short" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("AUTH_SECRET is too short");
  });

  it("generates the embedded install's secret once, keeps it private, and reuses it", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "sourcelight-secret-"));
    const first = localAuthSecret(dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(localAuthSecret(dir)).toBe(first);
    expect(readFileSync(path.join(dir, "auth-secret"), "utf8").trim()).toBe(first);
    expect(statSync(path.join(dir, "auth-secret")).mode & 0o077).toBe(0);
    expect(localAuthSecret(mkdtempSync(path.join(os.tmpdir(), "sourcelight-secret-")))).not.toBe(
      first,
    );
  });
});
