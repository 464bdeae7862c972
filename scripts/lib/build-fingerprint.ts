import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// What `next build` reads. A change to any of these makes the build stale.
const INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.js",
  "instrumentation.ts",
  "proxy.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "prisma/schema.prisma",
];
const SKIP = new Set(["node_modules", ".next", "generated"]);
const distDir = () => process.env.NEXT_DIST_DIR || ".next";
const stampFile = (root: string) => path.join(root, distDir(), "sourcelight-build-fingerprint");

function walk(entry: string, out: string[]): void {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (stat.isDirectory()) {
    for (const name of readdirSync(entry).sort())
      if (!SKIP.has(name)) walk(path.join(entry, name), out);
  } else {
    out.push(`${entry}\0${stat.size}\0${stat.mtimeMs}`);
  }
}

export function sourceFingerprint(root: string): string {
  const lines: string[] = [];
  for (const input of INPUTS) walk(path.join(root, input), lines);
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

/** True when .next holds a production build made from the sources as they are now. */
export function isBuildCurrent(root: string): boolean {
  const stamp = stampFile(root);
  if (!existsSync(path.join(root, distDir(), "BUILD_ID")) || !existsSync(stamp)) return false;
  return readFileSync(stamp, "utf8").trim() === sourceFingerprint(root);
}

export function recordBuild(root: string): void {
  writeFileSync(stampFile(root), `${sourceFingerprint(root)}\n`);
}
