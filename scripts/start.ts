/**
 * `npm start` / `npm run dev`: one command from a fresh clone to a running
 * Sourcelight. Starts an embedded PostgreSQL unless DATABASE_URL is set (checking that
 * one is reachable), builds when the build is stale, migrates, seeds the sample project
 * on an empty database, then runs Next and supervises it.
 *
 * Supervision: when the web server or the embedded PostgreSQL dies, the other is stopped
 * and this process exits with status 1, for systemd, Docker or a shell loop to restart it
 * (README "Running in production"). SIGTERM, SIGINT or SIGHUP to this process — or to the
 * npm, sh or tsx that started it (launch-chain.ts) — stops everything gracefully: the
 * web server answers its requests in flight, then PostgreSQL shuts down cleanly; exit 0.
 *
 * In production run it without npm and tsx's CLI as well: `node --conditions=react-server
 * --import tsx scripts/start.ts` is one process (the container's entry point).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { isBuildCurrent } from "./lib/build-fingerprint";
import { startBuild, type RunningBuild } from "./lib/build";
import { openDatabase, type OpenDatabase } from "./lib/app-database";
import { isPortFree } from "./lib/ports";
import { localAuthSecret } from "./lib/secrets";
import { UserFacingError, loadDotEnv, runMain } from "./lib/cli";
import { watchLaunchChain } from "./lib/launch-chain";
import { installConsole } from "./lib/log-format.mjs";
import { EnvError, trustedProxies } from "../lib/env";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const distDir = () => path.join(root, process.env.NEXT_DIST_DIR || ".next");
/** How long the web server may take to answer its requests in flight when stopping. */
const STOP_TIMEOUT_MS = 30_000;

function parsePort(value: string | undefined, fallback: number, variable: string): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new UserFacingError(
      `${variable} must be a port number between 1 and 65535, not "${value}".`,
    );
  }
  return port;
}

async function waitForHealth(url: string, alive: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && alive()) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/**
 * A production server on its own database must be given its session secret;
 * only a self-contained install (embedded database) or the dev server makes
 * and keeps one in the data directory. Checked before anything is built or started.
 */
function requireAuthSecret(): void {
  const secret = process.env.AUTH_SECRET;
  if (!secret && process.env.DATABASE_URL && !dev) {
    throw new UserFacingError(
      "AUTH_SECRET is not set. A production server on your own DATABASE_URL needs a secret to sign sessions: set AUTH_SECRET to a random string of at least 32 characters (for example: openssl rand -base64 32).",
    );
  }
  if (secret && secret.length < 32) {
    throw new UserFacingError(
      "AUTH_SECRET is too short: use a random string of at least 32 characters (for example: openssl rand -base64 32).",
    );
  }
}

/** The web server to run: Next's CLI, or a container image's standalone server.js. */
function webServerArgs(port: number, host: string): string[] {
  const child = path.join(root, "scripts", "lib", "next-child.mjs");
  const standalone = path.join(distDir(), "standalone", "server.js");
  if (!dev && existsSync(standalone)) return [child, "standalone", standalone];
  return [child, dev ? "dev" : "start", "--port", String(port), "--hostname", host];
}

/** SOURCELIGHT_NO_BUILD=1 (the container image): the build is part of the image; never make one. */
function needsBuild(): boolean {
  if (dev) return false;
  if (process.env.SOURCELIGHT_NO_BUILD === "1") {
    if (existsSync(path.join(distDir(), "BUILD_ID"))) return false;
    throw new UserFacingError(
      `SOURCELIGHT_NO_BUILD is set but ${distDir()} holds no build: run npm run build first.`,
    );
  }
  return !isBuildCurrent(root);
}

async function main(): Promise<void> {
  loadDotEnv();
  installConsole();
  const port = parsePort(process.env.PORT, 3000, "PORT");
  const host = process.env.HOST || "0.0.0.0";
  if (!(await isPortFree(port, host))) {
    throw new UserFacingError(
      `Port ${port} is already in use — is Sourcelight already running? Stop the other program, or start on another port: PORT=3001 npm start`,
    );
  }
  requireAuthSecret();
  try {
    trustedProxies();
  } catch (error) {
    // Refused at start, not at the first sign-in.
    if (error instanceof EnvError) throw new UserFacingError(error.message);
    throw error;
  }

  let database: OpenDatabase | undefined;
  let build: RunningBuild | undefined;
  const web: { child?: ChildProcess; running: boolean } = { running: false };
  let stopping: Promise<void> | undefined;
  const stop = (code: number, why?: string) => {
    stopping ??= (async () => {
      if (why) (code === 0 ? console.log : console.error)(why);
      build?.stop();
      const child = web.child;
      if (child && web.running) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      await database?.close();
      console.log(code === 0 ? "Sourcelight stopped." : "Sourcelight stopped after an error.");
      process.exit(code);
    })();
    return stopping;
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => void stop(0, `Stopping Sourcelight (${signal})…`));
  }
  watchLaunchChain((reason) => void stop(0, `Stopping Sourcelight: ${reason}.`));

  try {
    // Before the build: a wrong DATABASE_URL is reported in seconds, not after minutes.
    database = await openDatabase();
    database.onServerLost(
      () => void stop(1, "PostgreSQL stopped unexpectedly; stopping the web server too."),
    );
    if (needsBuild()) {
      console.log("Building Sourcelight (first start, or the sources changed)…");
      build = startBuild(root);
      await build.done;
      build = undefined;
    }
    const applied = await database.migrate();
    if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
    const seeded = await database.seed();
    if (seeded.created)
      console.log(
        `Imported ${seeded.documents} sample articles into "Sample: South Front reports".`,
      );
  } catch (error) {
    if (stopping) return;
    await database?.close();
    throw error;
  }
  if (stopping) return;

  const authSecret = process.env.AUTH_SECRET || localAuthSecret(database.dataDir);
  const child = spawn(process.execPath, webServerArgs(port, host), {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: dev ? "development" : "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: database.url,
      AUTH_SECRET: authSecret,
      PORT: String(port),
      HOSTNAME: host,
    },
  });
  web.child = child;
  web.running = true;
  // After a death by signal (kill -9, the OOM killer) exitCode stays null: the event is the truth.
  child.once("exit", (code, signal) => {
    web.running = false;
    void stop(
      1,
      `The web server stopped unexpectedly (${signal ? `killed by ${signal}` : `exit code ${code}`}); stopping PostgreSQL too.`,
    );
  });

  const publicUrl = `http://localhost:${port}`;
  if (await waitForHealth(`http://127.0.0.1:${port}/api/health`, () => web.running, 120_000)) {
    console.log(
      `\nSourcelight is ready at ${publicUrl}${database.embedded ? ` (embedded PostgreSQL, data in ${path.relative(root, database.dataDir) || database.dataDir})` : ""}. Press Ctrl-C to stop.\n`,
    );
  }
}

runMain(main);
