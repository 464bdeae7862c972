// Runs `prisma generate` on a machine that cannot download Prisma's native
// engines. Generating the `prisma-client` (WASM query compiler) never runs the
// schema engine, but the CLI insists on resolving one first; pointing it at any
// existing executable satisfies that check without a download.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};

const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
if (result.status !== 0) {
  console.error("prisma generate failed; see the output above.");
  process.exit(result.status ?? 1);
}
