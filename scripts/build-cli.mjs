// Prebuilds the CLI bundles (scripts/lib/cli-bundle.mjs) at install, so that the first command
// is as quick as the next ones. Never fails the install: a command builds its bundle itself
// when it is missing, or runs under tsx.
import { buildBundle } from "./lib/cli-bundle.mjs";

try {
  await buildBundle("scripts/user.ts");
} catch (error) {
  console.warn(`The user CLI was not precompiled (it will run under tsx): ${error.message}`);
}
