/** `npm run build`: the production build, recorded so that `npm start` does not build again. */
import { startBuild } from "./lib/build";
import { loadDotEnv, runMain } from "./lib/cli";

runMain(async () => {
  loadDotEnv();
  const build = startBuild(process.cwd());
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => build.stop());
  await build.done;
});
