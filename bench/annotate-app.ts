/**
 * Shared by the annotation benchmarks: starts the production app (as `npm
 * start` does, on a throwaway embedded PostgreSQL, loopback only) and seeds a
 * project with a 2,000-sentence document and N annotators, each with a
 * password and a read-write API token.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFile, chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { freePort } from "../scripts/lib/ports";

export interface BenchApp {
  baseUrl: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startApp(): Promise<BenchApp> {
  const dir = await mkdtemp(path.join(tmpdir(), "sourcelight-bench-app-"));
  await chmod(dir, 0o755);
  const [port, pgPort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/start.ts"],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        SOURCELIGHT_DATA_DIR: dir,
        PGPORT: String(pgPort),
        DATABASE_URL: "",
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error("the app exited while starting");
    const ok = await fetch(`${baseUrl}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error("the app did not start within 5 minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
  const password = (
    await readFile(path.join(dir, "postgres", "sourcelight.password"), "utf8")
  ).trim();
  return {
    baseUrl,
    databaseUrl: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/sourcelight`,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A long article: `count` sentences in paragraphs of five, attributions included. */
export function longArticle(count: number): string {
  const paragraphs: string[] = ["A long report on the front line"];
  for (let p = 0; p < count / 5; p++) {
    const s = [];
    for (let i = 0; i < 5; i++) {
      const n = p * 5 + i;
      s.push(
        n % 3 === 0
          ? `According to the Iraqi military, unit ${n} advanced ${n % 17} kilometres overnight.`
          : n % 3 === 1
            ? `Pro-government sources claimed that village ${n} was cleared of fighters.`
            : `The operation number ${n} is, in the view of many observers, a reckless gamble.`,
      );
    }
    paragraphs.push(s.join(" "));
  }
  return paragraphs.join("\n\n");
}

/** Seeds through lib/server with DATABASE_URL pointing at the app's database. */
export async function seed(databaseUrl: string, opts: { annotators: number; sentences: number }) {
  process.env.DATABASE_URL = databaseUrl;
  const { db } = await import("../lib/db");
  const { insertDocument } = await import("../lib/server/documents/store");
  const { hashPassword } = await import("../lib/server/accounts/passwords");
  const { createApiToken } = await import("../lib/server/accounts/tokens");
  const tag = Date.now().toString(36);
  const passwordHash = await hashPassword("bench password 123");
  const users = [];
  for (let i = 0; i < opts.annotators; i++) {
    users.push(
      await db.user.create({
        data: { email: `bench-${i}-${tag}@example.org`, name: `Bench ${i}`, passwordHash },
        select: { id: true, email: true, name: true },
      }),
    );
  }
  const project = await db.project.create({
    data: {
      name: `Bench ${tag}`,
      slug: `bench-${tag}`,
      memberships: { create: users.map((u) => ({ userId: u.id, role: "ANNOTATOR" as const })) },
    },
    select: { id: true, slug: true },
  });
  const doc = await db.$transaction(
    (tx) =>
      insertDocument(tx, {
        projectId: project.id,
        importedById: null,
        input: { text: longArticle(opts.sentences) },
      }),
    { timeout: 120_000 },
  );
  const sentences = await db.sentence.findMany({
    where: { documentId: doc.id, isBoilerplate: false },
    orderBy: { index: "asc" },
    select: { id: true },
  });
  const tokens = [];
  for (const u of users) {
    const actor = { ...u, isAdmin: false };
    tokens.push(
      (await createApiToken({ actor, input: { name: "bench", scope: "READ_WRITE" } })).token,
    );
  }
  return {
    db,
    users,
    tokens,
    project,
    documentId: doc.id,
    sentenceIds: sentences.map((s) => s.id),
    password: "bench password 123",
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Replaces this benchmark's section of BENCHMARKS.md, keeping everyone else's. */
export async function record(section: string) {
  const file = "BENCHMARKS.md";
  const existing = await readFile(file, "utf8").catch(() => "# Benchmarks\n");
  const heading = section.split("\n")[0] ?? "";
  const start = existing.indexOf(heading);
  if (start === -1) {
    await appendFile(file, `${existing.endsWith("\n") ? "" : "\n"}\n${section}`);
    return;
  }
  const next = existing.indexOf("\n## ", start + heading.length);
  await writeFile(
    file,
    existing.slice(0, start) + section + (next === -1 ? "" : existing.slice(next)),
  );
}

/** A browser page signed in as the given user, and its cookies for plain fetches of the same pages. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
): Promise<{ page: Page; cookies: string }> {
  const page = await (await browser.newContext({ baseURL: baseUrl })).newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  return { page, cookies };
}

/**
 * Opens `url` `opens` times after a warm-up. For each: the time to fetch its
 * HTML alone (the reference), and the time until the element matching
 * `focusTarget` is hydrated (carries React's props) and holds keyboard focus.
 * `after` runs once per open for extra measures (e.g. until every row is there).
 */
export async function timeOpens(
  page: Page,
  opts: {
    baseUrl: string;
    url: string;
    cookies: string;
    opens: number;
    focusTarget: string;
    after?: (start: number, warm: boolean) => Promise<void>;
  },
): Promise<{ html: number[]; interactive: number[] }> {
  const html: number[] = [];
  const interactive: number[] = [];
  for (let i = 0; i < opts.opens + 1; i++) {
    const t0 = Date.now();
    const r = await fetch(`${opts.baseUrl}${opts.url}`, { headers: { cookie: opts.cookies } });
    if (!r.ok) throw new Error(`${opts.url} answered ${r.status}`);
    await r.text();
    if (i > 0) html.push(Date.now() - t0);

    await page.goto("about:blank");
    const start = Date.now();
    await page.goto(opts.url, { waitUntil: "commit" });
    await page.waitForFunction(
      (selector) => {
        const el = document.querySelector<HTMLElement>(selector);
        if (!el || !Object.keys(el).some((k) => k.startsWith("__reactProps"))) return false;
        el.focus();
        return document.activeElement === el;
      },
      opts.focusTarget,
      { polling: "raf", timeout: 60_000 },
    );
    if (i > 0) interactive.push(Date.now() - start);
    await opts.after?.(start, i > 0);
  }
  return { html: html.sort((a, b) => a - b), interactive: interactive.sort((a, b) => a - b) };
}
