import { chmodSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// Debian's Chromium, never a downloaded browser (no network for that here).
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const port = Number(process.env.E2E_PORT || 3100);
// Each run gets its own data directory, so first-run setup starts from an empty database.
const dataDir = (process.env.E2E_DATA_DIR ||= freshDataDir());

function freshDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sourcelight-e2e-"));
  // Run as root, PostgreSQL drops to the "postgres" user, which must be able to enter it.
  chmodSync(dir, 0o755);
  return dir;
}

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: process.env.E2E_OUTPUT_DIR || "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  // Generous on purpose: these limits exist to end a hung test, not to measure speed. A loaded
  // two-core CI machine took over 30 s for the longest flows (sign-in, several pages, downloads);
  // nothing here waits for a fixed time, so a larger limit costs nothing when all is well.
  timeout: 240_000,
  expect: { timeout: 30_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      // Without these, Chromium keeps trying to reach Google's services, which this network refuses.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // First-run setup needs the empty database, so it runs before every other spec.
    { name: "first-run", testMatch: /first-run\.spec\.ts/, use: { browserName: "chromium" } },
    {
      name: "chromium",
      testIgnore: /first-run\.spec\.ts/,
      dependencies: ["first-run"],
      use: { browserName: "chromium" },
    },
  ],
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/start.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      SOURCELIGHT_DATA_DIR: dataDir,
      PGPORT: process.env.E2E_PGPORT || "5499",
    },
  },
});
