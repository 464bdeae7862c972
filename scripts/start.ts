/**
 * `npm start` / `npm run dev`: one command from a fresh clone to a running
 * Sourcelight. Builds when the build is stale, starts an embedded PostgreSQL
 * unless DATABASE_URL is set, migrates, seeds the sample project on an empty
 * database, then runs Next and shuts everything down cleanly on Ctrl-C/SIGTERM.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { isBuildCurrent, recordBuild } from "./lib/build-fingerprint";
import { openDatabase, type OpenDatabase } from "./lib/app-database";
import { isPortFree } from "./lib/ports";
import { localAuthSecret } from "./lib/secrets";
import { UserFacingError, loadDotEnv, runMain } from "./lib/cli";
import { EnvError, trustedProxies } from "../lib/env";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

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

function build(): void {
  console.log("Building Sourcelight (first start, or the sources changed)…");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  for (const args of [[path.join(root, "scripts", "prisma-generate.mjs")], [nextBin, "build"]]) {
    const result = spawnSync(process.execPath, args, { stdio: "inherit", env });
    if (result.status !== 0) throw new UserFacingError("The build failed; see the output above.");
  }
  recordBuild(root);
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
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
  if (secret !== undefined && secret.length < 32) {
    throw new UserFacingError(
      "AUTH_SECRET is too short: use a random string of at least 32 characters (for example: openssl rand -base64 32).",
    );
  }
  if (!secret && process.env.DATABASE_URL && !dev) {
    throw new UserFacingError(
      "AUTH_SECRET is not set. A production server on your own DATABASE_URL needs a secret to sign sessions: set AUTH_SECRET to a random string of at least 32 characters (for example: openssl rand -base64 32).",
    );
  }
}

async function main(): Promise<void> {
  loadDotEnv();
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
  if (!dev && !isBuildCurrent(root)) build();

  const database: OpenDatabase = await openDatabase();
  const web: { child?: ChildProcess } = {};
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const child = web.child;
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    await database.close();
    console.log(code === 0 ? "Sourcelight stopped." : "Sourcelight stopped after an error.");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    const applied = await database.migrate();
    if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
    const seeded = await database.seed();
    if (seeded.created)
      console.log(
        `Imported ${seeded.documents} sample articles into "Sample: South Front reports".`,
      );
  } catch (error) {
    await database.close();
    throw error;
  }

  const authSecret = process.env.AUTH_SECRET || localAuthSecret(database.dataDir);

  const child = spawn(
    process.execPath,
    [
      path.join(root, "scripts", "lib", "next-child.mjs"),
      dev ? "dev" : "start",
      "--port",
      String(port),
      "--hostname",
      host,
    ],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        NODE_ENV: dev ? "development" : "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: database.url,
        AUTH_SECRET: authSecret,
      },
    },
  );
  web.child = child;
  child.once("exit", (code, signal) => {
    if (stopping) return;
    console.error(`The web server stopped unexpectedly (${signal ?? `exit code ${code}`}).`);
    void shutdown(code || 1);
  });

  const publicUrl = `http://localhost:${port}`;
  if (await waitForHealth(`http://127.0.0.1:${port}/api/health`, child, 120_000)) {
    console.log(
      `\nSourcelight is ready at ${publicUrl}${database.embedded ? ` (embedded PostgreSQL, data in ${path.relative(root, database.dataDir) || database.dataDir})` : ""}. Press Ctrl-C to stop.\n`,
    );
  }
}

runMain(main);
