/**
 * Keystrokes per sourced sentence in the workspace, in headless Chromium
 * against the production app: both sample articles are tagged with the
 * labels and sources of the answer key (bench/fixtures/sample-sources.json),
 * once with the attribution assistant (A accepts the shown suggestion,
 * Shift+A shows the next, a label key only when the suggested label is wrong,
 * and the manual way whenever no suggestion names the right source) and once
 * the way it is done today (label key, S, type until autocomplete offers the
 * registry entry and Enter, or type a new source and add it with its type).
 * Each way runs in its own project, so both start from an empty registry.
 *
 * Every key pressed on a sentence counts (label, S, each typed character,
 * arrows, Tab, Enter); the J presses that move between sentences do not.
 *
 *   npx tsx --conditions=react-server bench/keystrokes.ts
 */
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { chromium, type Page } from "@playwright/test";
import {
  LABEL_INFO,
  SOURCE_TYPE_NAMES,
  type Label,
  type SourceType,
} from "../lib/domain/annotation";
import { normaliseName } from "../lib/domain/attribution";
import { record, signedInPage, startApp } from "./annotate-app";
import { seedTexts } from "./seed-texts";

interface AnswerSentence {
  startsWith: string;
  label: Label;
  source: string;
  /** Other wordings the analyst takes for the same source (as the article words it). */
  aliases?: string[];
  type: SourceType;
}
interface AnswerKey {
  documents: Array<{ file: string; sentences: AnswerSentence[] }>;
}

type Mode = "assistant" | "manual";

interface Tally {
  keys: number;
  sentences: number;
  /** How each sentence was done: accepted as suggested, accepted then fixed, or by hand (registry hit / new). */
  ways: Record<string, number>;
  wrong: string[];
  /** With the assistant: sentences done by hand, and what the assistant had suggested. */
  missed: string[];
}

const focusedItem = (page: Page) => page.locator('li[aria-current="true"]');
const sourceBox = (page: Page) => page.getByRole("combobox", { name: "Source (S)", exact: true });
const panel = (page: Page) => page.getByRole("group", { name: "Assistant’s suggestion" });

/** The answer's source, by name or alias once case, articles and punctuation are set aside. */
const sameSource = (name: string, answer: AnswerSentence) =>
  [answer.source, ...(answer.aliases ?? [])].some((n) => normaliseName(n) === normaliseName(name));

async function seedProjects(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  const { db } = await import("../lib/db");
  const { insertDocument } = await import("../lib/server/documents/store");
  const { hashPassword } = await import("../lib/server/accounts/passwords");
  const tag = Date.now().toString(36);
  const password = "bench password 123";
  const passwordHash = await hashPassword(password);
  const out: Record<Mode, { email: string; slug: string; documents: Map<string, string> }> = {
    assistant: { email: "", slug: "", documents: new Map() },
    manual: { email: "", slug: "", documents: new Map() },
  };
  for (const mode of ["assistant", "manual"] as const) {
    const user = await db.user.create({
      data: { email: `keys-${mode}-${tag}@example.org`, name: `Keys ${mode}`, passwordHash },
      select: { id: true, email: true },
    });
    const project = await db.project.create({
      data: {
        name: `Keystrokes ${mode} ${tag}`,
        slug: `keys-${mode}-${tag}`,
        assistantEnabled: mode === "assistant",
        memberships: { create: [{ userId: user.id, role: "ANNOTATOR" }] },
      },
      select: { id: true, slug: true },
    });
    for (const { file, text } of seedTexts()) {
      const doc = await db.$transaction((tx) =>
        insertDocument(tx, { projectId: project.id, importedById: null, input: { text } }),
      );
      out[mode].documents.set(file, doc.id);
    }
    out[mode].email = user.email;
    out[mode].slug = project.slug;
  }
  await db.$disconnect();
  return { projects: out, password };
}

/** The key presses on a sentence, counted. */
function counter(page: Page, tally: Tally) {
  return async (key: string) => {
    tally.keys++;
    await page.keyboard.press(key);
  };
}

async function moveTo(page: Page, startsWith: string) {
  for (let i = 0; i < 120; i++) {
    const text = (await focusedItem(page).locator("[data-start]").allTextContents()).join("");
    if (text.startsWith(startsWith)) return;
    await page.keyboard.press("j");
  }
  throw new Error(`no sentence starting “${startsWith}”`);
}

/** Today's way: label, S, then autocomplete to a registry entry or a new entry with its type. */
async function byHand(
  page: Page,
  press: (key: string) => Promise<void>,
  answer: AnswerSentence,
  registry: Map<string, string>,
  tally: Tally,
  labelled: boolean,
) {
  if (!labelled) await press(LABEL_INFO[answer.label].key);
  // An annotator sees the source box come alive after the label and the caret in it after S.
  await page.waitForFunction(
    () => document.querySelector<HTMLInputElement>('input[role="combobox"]')?.disabled === false,
  );
  await press("s");
  await page.waitForFunction(() => document.activeElement?.getAttribute("role") === "combobox");
  const known = registry.get(answer.source);
  // Read without waiting: the option shown first, as the annotator sees it.
  const activeText = (part: "name" | "all") =>
    page.evaluate((which) => {
      const option = document.querySelector('[role="option"][aria-selected="true"]');
      const name = which === "name" ? option?.querySelector(".font-medium") : option;
      return (name?.textContent ?? "").trim();
    }, part);
  if (known) {
    for (const ch of answer.source) {
      await press(ch);
      if ((await activeText("name")) === known) break;
    }
    await press("Enter");
    tally.ways["by hand, registry entry"] = (tally.ways["by hand, registry entry"] ?? 0) + 1;
  } else {
    for (const ch of answer.source) await press(ch);
    for (let i = 0; i < 12 && !(await activeText("all")).startsWith("Add “"); i++)
      await press("ArrowDown");
    await press("Enter");
    await press("Tab");
    const select = page.getByRole("group", { name: "New source" }).locator("select");
    const letter = SOURCE_TYPE_NAMES[answer.type].charAt(0);
    for (let i = 0; i < 8 && (await select.inputValue()) !== answer.type; i++) await press(letter);
    await press("Tab");
    await press("Tab");
    await press("Enter");
    await page.getByRole("group", { name: "New source" }).waitFor({ state: "detached" });
    registry.set(answer.source, answer.source);
    tally.ways["by hand, new entry"] = (tally.ways["by hand, new entry"] ?? 0) + 1;
  }
}

async function assisted(
  page: Page,
  press: (key: string) => Promise<void>,
  answer: AnswerSentence,
  registry: Map<string, string>,
  tally: Tally,
) {
  const shownName = () =>
    page.evaluate(() => document.querySelector("[data-suggested-name]")?.textContent?.trim() ?? "");
  const countText = (await panel(page).textContent()) ?? "";
  const count = Number(/Suggestion \d+ of (\d+)/.exec(countText)?.[1] ?? 1);
  let found = false;
  for (let i = 0; i < count; i++) {
    const name = await shownName();
    if (name && sameSource(name, answer)) {
      found = true;
      break;
    }
    if (i < count - 1) {
      const before = (await panel(page).textContent()) ?? "";
      await press("Shift+A");
      await page.waitForFunction(
        (old) =>
          document.querySelector('[role="group"][aria-label="Assistant’s suggestion"]')
            ?.textContent !== old,
        before,
      );
    }
  }
  if (!found) {
    tally.missed.push(
      `“${answer.startsWith}…”: suggested “${await shownName()}”, wanted “${answer.source}”`,
    );
    await byHand(page, press, answer, registry, tally, false);
    return;
  }
  await press("a");
  await page.waitForFunction(() => {
    const box = document.querySelector<HTMLInputElement>('input[role="combobox"]');
    return !!box?.value;
  });
  registry.set(answer.source, await sourceBox(page).inputValue());
  let fixed = false;
  if ((await focusedItem(page).getAttribute("data-label")) !== answer.label) {
    await press(LABEL_INFO[answer.label].key);
    fixed = true;
  }
  const typeSelect = page.getByLabel("Source type");
  if ((await typeSelect.inputValue()) !== answer.type) {
    // S, Tab past "Remove span" to the type, letters to the right one, Shift+Tab ×3 back to the list.
    await press("s");
    await press("Tab");
    await press("Tab");
    const letter = SOURCE_TYPE_NAMES[answer.type].charAt(0);
    for (let i = 0; i < 8 && (await typeSelect.inputValue()) !== answer.type; i++)
      await press(letter);
    tally.keys += 1; // one more press to return to the sentences, done by focusing them below
    await page.locator('ol[aria-label="Sentences"] li[tabindex="0"]').focus();
    fixed = true;
  }
  const way = fixed ? "accepted, then label or type fixed" : "accepted as suggested";
  tally.ways[way] = (tally.ways[way] ?? 0) + 1;
}

async function run(
  page: Page,
  mode: Mode,
  slug: string,
  documents: Map<string, string>,
  key: AnswerKey,
): Promise<Tally> {
  const tally: Tally = { keys: 0, sentences: 0, ways: {}, wrong: [], missed: [] };
  const registry = new Map<string, string>();
  const press = counter(page, tally);
  for (const doc of key.documents) {
    await page.goto(`/projects/${slug}/documents/${documents.get(doc.file)}`);
    await page.locator('ol[aria-label="Sentences"] li[tabindex="0"]').focus();
    if (mode === "assistant")
      await panel(page).getByText("Looking for attributions…").waitFor({ state: "detached" });
    for (const answer of doc.sentences) {
      await moveTo(page, answer.startsWith);
      tally.sentences++;
      const before = tally.keys;
      if (mode === "assistant") await assisted(page, press, answer, registry, tally);
      else await byHand(page, press, answer, registry, tally, false);
      const saved = await sourceBox(page).inputValue();
      const label = await focusedItem(page).getAttribute("data-label");
      if (!sameSource(saved, answer) || label !== answer.label)
        tally.wrong.push(`${answer.startsWith}… → ${label} / ${saved}`);
      console.error(
        `${mode}: ${answer.startsWith}… ${tally.keys - before} keys → ${label} / ${saved}`,
      );
    }
    await page
      .getByRole("status")
      .filter({ hasText: "All changes saved" })
      .waitFor({ timeout: 60_000 });
  }
  return tally;
}

async function main() {
  const key = JSON.parse(await readFile("bench/fixtures/sample-sources.json", "utf8")) as AnswerKey;
  const app = await startApp();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  });
  try {
    const { projects, password } = await seedProjects(app.databaseUrl);
    const results: Record<Mode, Tally> = {} as Record<Mode, Tally>;
    for (const mode of ["manual", "assistant"] as const) {
      const { page } = await signedInPage(browser, app.baseUrl, projects[mode].email, password);
      // A step that cannot happen fails the run instead of hanging it.
      page.setDefaultTimeout(60_000);
      results[mode] = await run(page, mode, projects[mode].slug, projects[mode].documents, key);
      await page.context().close();
    }
    const per = (t: Tally) => (t.keys / t.sentences).toFixed(1);
    const ways = (t: Tally) =>
      Object.entries(t.ways)
        .map(([w, n]) => `${w}: ${n}`)
        .join(", ");
    const load = execFileSync("uptime", { encoding: "utf8" }).trim();
    const lines = [
      "## Keystrokes per sourced sentence (bench/keystrokes.ts)",
      "",
      `${new Date().toISOString().slice(0, 10)}, headless Chromium, production build; \`uptime\`: ${load}`,
      "",
      `Both sample articles, ${results.manual.sentences} sourced sentences (answer key: bench/fixtures/sample-sources.json), each way in its own project starting from an empty registry. Every key on a sentence counts (label, S, typed characters, arrows, Tab, Enter, A, Shift+A); the J presses between sentences do not.`,
      "",
      "| way | keystrokes per sourced sentence | total | how the sentences were done | wrong |",
      "|---|---|---|---|---|",
      `| with the assistant (A, Shift+A) | **${per(results.assistant)}** | ${results.assistant.keys} | ${ways(results.assistant)} | ${results.assistant.wrong.length} |`,
      `| today: label, S, autocomplete or add | ${per(results.manual)} | ${results.manual.keys} | ${ways(results.manual)} | ${results.manual.wrong.length} |`,
      "",
      "Target with the assistant: ≤ 3.",
      "",
    ];
    for (const m of results.assistant.missed)
      lines.push(`- with the assistant, done by hand: ${m}`);
    for (const mode of ["assistant", "manual"] as const)
      for (const w of results[mode].wrong) lines.push(`- ${mode}: not as in the answer key: ${w}`);
    const section = lines.join("\n") + "\n";
    console.log(section);
    await record(section);
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
