/**
 * The production build, shared by `npm run build` and `npm start` (which builds when the
 * build is stale): Prisma's client, `next build`, then the fingerprint that tells the next
 * start the build is current — so `npm run build` then `npm start` builds once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { recordBuild } from "./build-fingerprint";
import { UserFacingError } from "./cli";

export interface RunningBuild {
  done: Promise<void>;
  /** Stops the build (a SIGTERM while building); `done` then rejects. */
  stop(): void;
}

export function startBuild(root: string): RunningBuild {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const steps = [
    [path.join(root, "scripts", "prisma-generate.mjs")],
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"],
  ];
  let current: ChildProcess | undefined;
  let stopped = false;
  const done = (async () => {
    for (const args of steps) {
      if (stopped) break;
      const child = spawn(process.execPath, args, { stdio: "inherit", env });
      current = child;
      const code = await new Promise<number | null>((resolve, reject) => {
        child.once("error", reject);
        child.once("exit", (exitCode) => resolve(exitCode));
      });
      if (stopped) throw new UserFacingError("The build was stopped.");
      if (code !== 0) throw new UserFacingError("The build failed; see the output above.");
    }
    recordBuild(root);
  })();
  return {
    done,
    stop() {
      stopped = true;
      current?.kill("SIGTERM");
    },
  };
}
