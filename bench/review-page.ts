/**
 * Review page benchmark in headless Chromium against the production app: a
 * 2,000-sentence document annotated by 5 annotators, opened by a reviewer.
 * Measures open → the review list hydrated and holding keyboard focus; the
 * reference printed beside it is fetching the same page's HTML alone, in the
 * same run. Target: ≤ 1.5 s.
 *
 *   npx tsx --conditions=react-server bench/review-page.ts
 */
import { chromium } from "@playwright/test";
import { ms, percentile, record, seed, signedInPage, startApp, timeOpens } from "./annotate-app";

const SENTENCES = 2000;
const ANNOTATORS = 5;
const OPENS = 5;

async function main() {
  const app = await startApp();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  });
  try {
    const data = await seed(app.databaseUrl, { annotators: ANNOTATORS + 1, sentences: SENTENCES });
    const [reviewer, ...annotators] = data.users;
    if (!reviewer) throw new Error("no user seeded");
    await data.db.membership.update({
      where: { projectId_userId: { projectId: data.project.id, userId: reviewer.id } },
      data: { role: "REVIEWER" },
    });
    // Every annotator tags every sentence; labels vary so that many sentences disagree.
    await data.db.$executeRaw`
      INSERT INTO "Annotation" ("projectId", "documentId", "sentenceId", "annotatorId", label, "updatedAt")
      SELECT s."projectId", s."documentId", s.id, u.id,
             (ARRAY['SOURCED_FACT','UNVERIFIED_CLAIM','OPINION','NOT_A_CLAIM'])[1 + ((s.index * 7 + u.n * 3) % 11) % 4]::"Label", now()
      FROM "Sentence" s
      CROSS JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "User" WHERE id = ANY(${annotators.map((a) => a.id)}::uuid[])) u
      WHERE s."documentId" = ${data.documentId}::uuid`;
    await data.db.$disconnect();

    const { page, cookies } = await signedInPage(
      browser,
      app.baseUrl,
      reviewer.email,
      data.password,
    );
    const complete: number[] = [];
    const { html, interactive } = await timeOpens(page, {
      baseUrl: app.baseUrl,
      url: `/projects/${data.project.slug}/review/${data.documentId}`,
      cookies,
      opens: OPENS,
      focusTarget: 'ol[aria-label="Sentences to review"] li[tabindex="0"]',
      // Long documents render progressively: also time until every row is on the page.
      after: async (start, warm) => {
        await page.waitForFunction(
          (expected) =>
            document.querySelectorAll('ol[aria-label="Sentences to review"] > li').length >=
            expected,
          SENTENCES,
          { polling: "raf", timeout: 60_000 },
        );
        if (warm) complete.push(Date.now() - start);
      },
    });
    const rows = await page.locator('ol[aria-label="Sentences to review"] > li').count();
    complete.sort((a, b) => a - b);
    const table = [
      "| measure | n | median | p95 | target |",
      "|---|---:|---:|---:|---:|",
      `| page HTML fetched alone (reference) | ${html.length} | ${ms(percentile(html, 50))} | ${ms(percentile(html, 95))} | — |`,
      `| open → interactive (hydrated, focused) | ${interactive.length} | ${ms(percentile(interactive, 50))} | ${ms(percentile(interactive, 95))} | ≤ 1500 ms |`,
      `| open → every row rendered | ${complete.length} | ${ms(percentile(complete, 50))} | ${ms(percentile(complete, 95))} | — |`,
    ].join("\n");
    console.log(`${rows} sentences on the review page`);
    console.log(table);
    await record(
      `## Review page in Chromium (bench/review-page.ts)\n\nRun ${new Date().toISOString().slice(0, 10)} on this machine (2 shared cores; production build on loopback; headless Debian Chromium). A ${SENTENCES}-sentence document (${rows} non-boilerplate sentences on the page), every sentence tagged by ${ANNOTATORS} annotators, opened by a reviewer; ${OPENS} opens after a warm-up. Interactive = the review list is hydrated and its first row holds keyboard focus; the list renders its first 60 rows at once and adds the rest in batches of 200, so the last row appears later (second row of the table). Reference: fetching the page's HTML alone in the same run.\n\n${table}\n`,
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
