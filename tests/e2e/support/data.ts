import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import type { Label } from "@/lib/domain/annotation";

/** The database of the app under test: the embedded PostgreSQL the webServer started in E2E_DATA_DIR. */
export function e2eDatabaseUrl(): string {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir)
    throw new Error("E2E_DATA_DIR is not set: run the specs through playwright.config.ts");
  const password = readFileSync(
    path.join(dataDir, "postgres", "sourcelight.password"),
    "utf8",
  ).trim();
  const port = process.env.E2E_PGPORT || "5499";
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/sourcelight`;
}

function seed<T>(command: Record<string, unknown>): T {
  const out = execFileSync(
    process.execPath,
    [
      "node_modules/tsx/dist/cli.mjs",
      "--conditions=react-server",
      "tests/e2e/support/seed-cli.ts",
      JSON.stringify(command),
    ],
    { env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() }, encoding: "utf8" },
  );
  return JSON.parse(out.trim().split("\n").at(-1) ?? "null") as T;
}

export interface E2EUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

export function createUser(options: { admin?: boolean; name?: string } = {}): E2EUser {
  return seed<E2EUser>({ op: "user", ...options });
}

export function createProject(options: {
  blind?: boolean;
  members?: Array<[E2EUser, "OWNER" | "REVIEWER" | "ANNOTATOR"]>;
  samples?: boolean;
  /** This many short documents besides the samples ("Generated report 001"…). */
  generated?: number;
  /** The attribution assistant (on unless false). */
  assistant?: boolean;
}): { id: string; slug: string; name: string; documents: Array<{ id: string; title: string }> } {
  return seed({
    op: "project",
    blind: options.blind,
    samples: options.samples,
    generated: options.generated,
    assistant: options.assistant,
    members: (options.members ?? []).map(([user, role]) => [user.email, role]),
  });
}

export async function signIn(page: Page, user: E2EUser): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/**
 * Tags consecutive sentences of a document, from sentence index `from`, as
 * `user`; a label given as [label, source name] also attributes it to that
 * registry source. With `submit`, marks the document submitted.
 */
export function annotateAs(
  user: E2EUser,
  documentId: string,
  labels: Array<Label | [Label, string]>,
  options: { from?: number; submit?: boolean } = {},
): void {
  const from = options.from ?? 0;
  const entries = labels.map((l, i) => (Array.isArray(l) ? [from + i, l[0], l[1]] : [from + i, l]));
  seed({ op: "annotate", documentId, email: user.email, labels: entries, submit: options.submit });
}
