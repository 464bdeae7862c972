import { execFile } from "node:child_process";
import { utimes } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { buildBundle, freshBundle } from "@/scripts/lib/cli-bundle.mjs";

const run = promisify(execFile);
const ENTRY = "tests/fixtures/cli-bundle/entry.ts";
const HERE = path.resolve("tests/fixtures/cli-bundle/here.ts");

describe("the precompiled CLI bundle", () => {
  it("runs the entry with its arguments, server-only empty and import.meta.url of each source", async () => {
    const built = await buildBundle(ENTRY);
    expect(freshBundle(ENTRY)).toBe(built);
    const { stdout } = await run(process.execPath, ["scripts/run-cli.mjs", ENTRY, "list", "--x"]);
    expect(JSON.parse(stdout)).toEqual({ args: ["list", "--x"], here: HERE });
  });

  it("is stale once an input changes, and run-cli builds it again", async () => {
    const built = await buildBundle(ENTRY);
    const later = new Date(Date.now() + 5_000);
    await utimes(HERE, later, later);
    expect(freshBundle(ENTRY)).toBeUndefined();
    const { stdout } = await run(process.execPath, ["scripts/run-cli.mjs", ENTRY]);
    expect(JSON.parse(stdout)).toEqual({ args: [], here: HERE });
    const rebuilt = freshBundle(ENTRY);
    expect(rebuilt).toBeDefined();
    expect(rebuilt).not.toBe(built);
  });
});
