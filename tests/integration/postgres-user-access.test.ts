/**
 * As root, PostgreSQL runs as the `postgres` user; a folder that user cannot enter is
 * reported with what to do, before anything is spawned (issue 18, item 11) — it used to
 * crash with a raw `spawn …/initdb EACCES` stack.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/scripts/lib/embedded-postgres";
import { blockingDirectory } from "@/scripts/lib/embedded-postgres/package";
import { freePort } from "@/scripts/lib/ports";

const root = process.getuid?.() === 0;
const base = mkdtempSync(path.join(os.tmpdir(), "sourcelight-access-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("a folder the postgres user cannot enter", () => {
  it("is found on the way to a path", () => {
    const closed = path.join(base, "closed");
    mkdirSync(path.join(closed, "inner"), { recursive: true });
    chmodSync(base, 0o755);
    chmodSync(closed, 0o700);
    const stranger = { uid: 54_321, gid: 54_321 };
    expect(blockingDirectory(path.join(closed, "inner"), stranger)).toBe(closed);
    chmodSync(closed, 0o711);
    expect(blockingDirectory(path.join(closed, "inner"), stranger)).toBeNull();
  });

  it.runIf(root)("stops the start with a message that says what to do, as root", async () => {
    const closed = path.join(base, "private");
    mkdirSync(closed);
    chmodSync(base, 0o755);
    chmodSync(closed, 0o700);
    const started = startEmbeddedPostgres({
      dataDir: path.join(closed, "postgres"),
      port: await freePort(),
    });
    await expect(started).rejects.toThrow(/user "postgres".*cannot enter .*private.*chmod o\+x/s);
  });
});
