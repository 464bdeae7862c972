/**
 * User CLI benchmark: `npx tsx --conditions=react-server bench/cli.ts`.
 *
 * On a migrated PostgreSQL that is already up (the case of a running server),
 * times `npm run user -- list` and `create --password-stdin` as a person
 * types them (the precompiled bundle, scripts/lib/cli-bundle.mjs; `list` also
 * under tsx, as it ran before), then seven `create`s at once (all must succeed). References in
 * the same run: `node -e 0`, `tsx -e 0` (the TypeScript loader's start-up)
 * and a node process that runs one raw pg query. Then where a command's time
 * goes, measured in this process: the migration check by one query against
 * the schema engine's no-op applyMigrations, argon2id hashing, and the query
 * engine's first query (WASM compiler start-up). Target: a command ≤ 3 s. Each command gets its
 * wall time and its CPU time: on a loaded machine the first is mostly waiting for a core.
 */
import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { benchDatabase, median } from "./agreement-db";

const run = promisify(execFile);
const RUNS = 5;
const CONCURRENT = 7;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function medianOf(runs: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(() => fn(i)));
  return median(times);
}

/**
 * CPU time (user + system) of every finished child process and its own children, from
 * /proc/self/stat (Linux; 0 elsewhere). On a shared 2-core machine a command's wall time is
 * mostly waiting for a core; its CPU time is what it would take on an idle one.
 */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
    // cutime and cstime, fields 16 and 17 of proc(5), in clock ticks of 10 ms.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

/** Median wall time and median CPU time of `runs` runs of a command. */
async function commandMedians(
  runs: number,
  fn: (i: number) => Promise<unknown>,
): Promise<{ wall: number; cpu: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = childrenCpuMs();
    walls.push(await timed(() => fn(i)));
    cpus.push(childrenCpuMs() - before);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

/** Runs a command with `input` on stdin; resolves with its exit code and output. */
function withStdin(
  command: string,
  args: string[],
  input: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
    child.stdin.end(input);
  });
}

const ms = (n: number) => `${Math.round(n).toLocaleString("en")} ms`;

const db = await benchDatabase();
try {
  const env = { ...process.env, DATABASE_URL: db.url, SOURCELIGHT_DEBUG: "1" };
  const create = (email: string) =>
    withStdin(
      "npm",
      [
        "run",
        "-s",
        "user",
        "--",
        "create",
        "--email",
        email,
        "--name",
        "Bench",
        "--password-stdin",
      ],
      "a-long-enough-bench-password",
      env,
    );

  const nodeStart = await commandMedians(RUNS, () => run("node", ["-e", "0"]));
  const tsxStart = await commandMedians(RUNS, () => run("npx", ["tsx", "-e", "0"]));
  const rawQuery = await commandMedians(RUNS, () =>
    run(
      "node",
      [
        "-e",
        "const pg=require('pg');const c=new pg.Client({connectionString:process.env.DATABASE_URL});c.connect().then(()=>c.query('SELECT count(*) FROM \"User\"')).then(()=>c.end())",
      ],
      { env },
    ),
  );
  const list = await commandMedians(RUNS, () =>
    run("npm", ["run", "-s", "user", "--", "list"], { env }),
  );
  // The same command as it ran before the precompiled bundle: tsx transforming its imports.
  const listTsx = await commandMedians(RUNS, () =>
    run("node", ["--conditions=react-server", "--import", "tsx", "scripts/user.ts", "list"], {
      env,
    }),
  );
  const created = await commandMedians(RUNS, async (i) => {
    const r = await create(`bench-${i}@example.org`);
    if (r.code !== 0) throw new Error(`create failed: ${r.output}`);
  });
  const t = performance.now();
  const together = await Promise.all(
    Array.from({ length: CONCURRENT }, (_, i) => create(`together-${i}@example.org`)),
  );
  const concurrentWall = performance.now() - t;
  const failures = together.filter((r) => r.code !== 0);

  // Where the time goes, in this process.
  process.env.DATABASE_URL = db.url;
  const { pendingMigrations } = await import("../prisma/engine/pending");
  const check = await medianOf(RUNS, () => pendingMigrations(db.url));
  const engine = await timed(async () => {
    const { applyMigrations } = await import("../prisma/engine");
    await applyMigrations(db.url);
  });
  const { hashPassword } = await import("../lib/server/accounts/passwords");
  const hash = await medianOf(RUNS, () => hashPassword("a-long-enough-bench-password"));
  const { warmUpDb, disconnectDb } = await import("../lib/db");
  const firstQuery = await timed(() => warmUpDb());
  const nextQuery = await medianOf(RUNS, () => warmUpDb());
  await disconnectDb();

  const both = (m: { wall: number; cpu: number }) =>
    `${ms(m.wall).padStart(9)}   CPU ${ms(m.cpu).padStart(9)}`;
  console.log("                                            wall (median)   CPU (user + system)");
  console.log(`node -e 0 (reference)                    ${both(nodeStart)}`);
  console.log(`npx tsx -e 0 (reference)                 ${both(tsxStart)}`);
  console.log(`node + one raw pg query (reference)      ${both(rawQuery)}`);
  console.log(`npm run user -- list                     ${both(list)}   (target ≤ 3,000 ms)`);
  console.log(`  the same, under tsx (the old path)     ${both(listTsx)}`);
  console.log(`npm run user -- create --password-stdin  ${both(created)}   (target ≤ 3,000 ms)`);
  console.log(
    `${CONCURRENT} creates at once                        ${ms(concurrentWall)} wall, ${CONCURRENT - failures.length}/${CONCURRENT} succeeded`,
  );
  console.log("where a command's time goes:");
  console.log(`  migration check (one query)            ${ms(check)}`);
  console.log(`  schema engine, nothing to apply        ${ms(engine)}   (no longer on the path)`);
  console.log(`  argon2id hash (create only)            ${ms(hash)}`);
  console.log(
    `  query engine's first query             ${ms(firstQuery)}   (then ${ms(nextQuery)})`,
  );
  for (const f of failures.slice(0, 2)) console.log(`failed: ${f.output.trim().split("\n")[0]}`);
  if (failures.length > 0) process.exitCode = 1;
} finally {
  await db.stop();
}
