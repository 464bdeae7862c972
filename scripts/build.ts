/**
 * `npm run build`: the production build, recorded so that `npm start` does not build again, and
 * the user CLI's bundle, so that the first `npm run user` on a built install (the image) does
 * not make it.
 */
import { startBuild } from "./lib/build";
import { buildBundle } from "./lib/cli-bundle.mjs";
import { loadDotEnv, runMain } from "./lib/cli";

runMain(async () => {
  loadDotEnv();
  const build = startBuild(process.cwd());
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => build.stop());
  await build.done;
  // A command makes its bundle itself when it is missing, or runs under tsx: never fail the build.
  await buildBundle("scripts/user.ts").catch((error: unknown) => {
    console.warn(
      `The user CLI was not precompiled: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
});
