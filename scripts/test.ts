/**
 * `npm test`: format check, typecheck, lint, unit + integration tests (Vitest, real
 * PostgreSQL), then end-to-end tests (Playwright, Debian's Chromium, against
 * the production build) — in that order, stopping at the first failure.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const bin = (pkg: string, file: string) => path.join(root, "node_modules", pkg, file);

const steps: Array<{ name: string; args: string[]; before?: () => string | null }> = [
  {
    name: "format",
    args: [bin("prettier", "bin/prettier.cjs"), "--check", "--log-level=warn", "."],
  },
  { name: "typecheck", args: [bin("typescript", "bin/tsc"), "--noEmit"] },
  { name: "lint", args: [bin("eslint", "bin/eslint.js"), "--max-warnings=0", "."] },
  { name: "unit + integration tests", args: [bin("vitest", "vitest.mjs"), "run"] },
  {
    name: "end-to-end tests",
    args: [bin("@playwright/test", "cli.js"), "test"],
    before: () => {
      const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
      return existsSync(chromium)
        ? null
        : `Chromium was not found at ${chromium}. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`;
    },
  },
];

const only = process.argv.slice(2);
for (const step of steps) {
  if (only.length && !only.some((o) => step.name.includes(o))) continue;
  const problem = step.before?.();
  if (problem) {
    console.error(`\n✖ ${step.name}: ${problem}`);
    process.exit(1);
  }
  console.log(`\n▶ ${step.name}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, step.args, { stdio: "inherit", env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${step.name} failed (${seconds}s)`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${step.name} (${seconds}s)`);
}
