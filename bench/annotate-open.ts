/**
 * Workspace benchmark in headless Chromium against the production app: opens
 * a 2,000-sentence document and measures the time until it is interactive
 * (HTML received, the sentence list hydrated and holding keyboard focus), then
 * the latency of tag keystrokes (keydown → the sentence's label changed in the
 * DOM → the next frame painted). The reference printed beside it is the time
 * to fetch the same page's HTML alone, in the same run.
 *
 *   npx tsx --conditions=react-server bench/annotate-open.ts
 */
import { chromium } from "@playwright/test";
import { ms, percentile, record, seed, signedInPage, startApp, timeOpens } from "./annotate-app";

const SENTENCES = 2000;
const OPENS = 5;
const KEYSTROKES = 40;

async function main() {
  const app = await startApp();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  });
  try {
    const data = await seed(app.databaseUrl, { annotators: 1, sentences: SENTENCES });
    await data.db.$disconnect();
    const user = data.users[0];
    if (!user) throw new Error("no user seeded");
    const { page, cookies } = await signedInPage(browser, app.baseUrl, user.email, data.password);
    const url = `/projects/${data.project.slug}/documents/${data.documentId}`;
    // Interactive: the current sentence carries React's event wiring (hydrated) and takes focus.
    const { html, interactive } = await timeOpens(page, {
      baseUrl: app.baseUrl,
      url,
      cookies,
      opens: OPENS,
      focusTarget: 'ol[aria-label="Sentences"] li[tabindex="0"]',
    });
    const count = await page.locator("li[data-sentence-id]").count();

    // Keystroke latency, measured inside the page: keydown → label attribute changed → next frame.
    await page.evaluate(() => {
      const w = window as unknown as { __lat: number[] };
      w.__lat = [];
      const list = document.querySelector('ol[aria-label="Sentences"]');
      let t = 0;
      list?.addEventListener(
        "keydown",
        (e) => {
          if (/^[1-4]$/.test((e as KeyboardEvent).key)) t = performance.now();
        },
        { capture: true },
      );
      new MutationObserver(() => {
        if (!t) return;
        const began = t;
        t = 0;
        requestAnimationFrame(() => setTimeout(() => w.__lat.push(performance.now() - began), 0));
      }).observe(list ?? document.body, {
        subtree: true,
        attributes: true,
        attributeFilter: ["data-label"],
      });
    });
    for (let i = 0; i < KEYSTROKES; i++) {
      await page.keyboard.press(String((i % 4) + 1));
      await page.waitForTimeout(30);
      if (i % 2) await page.keyboard.press("j");
    }
    await page.waitForTimeout(500);
    const keys = (await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat)).sort(
      (a, b) => a - b,
    );
    await page
      .getByRole("status")
      .filter({ hasText: "All changes saved" })
      .waitFor({ timeout: 60_000 });

    const table = [
      "| measure | n | median | p95 | target |",
      "|---|---:|---:|---:|---:|",
      `| page HTML fetched alone (reference) | ${html.length} | ${ms(percentile(html, 50))} | ${ms(percentile(html, 95))} | — |`,
      `| open → interactive (hydrated, focused) | ${interactive.length} | ${ms(percentile(interactive, 50))} | ${ms(percentile(interactive, 95))} | ≤ 1500 ms |`,
      `| tag keystroke → label painted | ${keys.length} | ${ms(percentile(keys, 50))} | ${ms(percentile(keys, 95))} | ≤ 50 ms |`,
    ].join("\n");
    console.log(`${count} sentences rendered`);
    console.log(table);
    await record(
      `## Annotation workspace in Chromium (bench/annotate-open.ts)\n\nRun ${new Date().toISOString().slice(0, 10)} on this machine (2 shared cores; production build on loopback; headless Debian Chromium). A ${count}-sentence document; ${OPENS} opens after a warm-up, ${KEYSTROKES} tag keystrokes (1–4, moving with J between pairs). Interactive = the sentence list is hydrated and the current sentence holds keyboard focus; keystroke latency = keydown → the sentence's label changed in the DOM → the next frame. Reference: fetching the page's HTML alone in the same run.\n\n${table}\n`,
    );
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
