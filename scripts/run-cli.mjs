// `node scripts/run-cli.mjs scripts/user.ts …args`: runs a CLI entry point from its precompiled
// bundle (scripts/lib/cli-bundle.mjs), built first when missing or stale. Should the build fail
// (esbuild absent, a syntax error being edited), the entry runs under tsx as before, so the
// command still works and shows tsx's own error.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { buildBundle, freshBundle } from "./lib/cli-bundle.mjs";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("Usage: node scripts/run-cli.mjs <entry.ts> [arguments…]");
  process.exit(2);
}

let bundle = freshBundle(entry);
if (!bundle) {
  try {
    bundle = await buildBundle(entry);
  } catch (error) {
    if (process.env.SOURCELIGHT_DEBUG === "1") console.error(error);
  }
}

if (bundle) {
  // The entry reads its arguments from process.argv.slice(2), as when run directly.
  process.argv.splice(2, 1);
  await import(pathToFileURL(bundle).href);
} else {
  const result = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", entry, ...args],
    { stdio: "inherit" },
  );
  process.exit(result.status ?? 1);
}
