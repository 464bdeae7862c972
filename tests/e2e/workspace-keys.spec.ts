import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createProject, createUser, signIn } from "./support/data";

const current = (page: Page) => page.locator('ol[aria-label="Sentences"] li[aria-current="true"]');
const sourceBox = (page: Page) => page.getByRole("combobox", { name: "Source (S)", exact: true });
const saved = (page: Page) =>
  expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();

function setup() {
  const ann = createUser({ name: "Kim Keys" });
  const project = createProject({ samples: true, members: [[ann, "ANNOTATOR"]] });
  const [first, second] = project.documents;
  if (!first || !second) throw new Error("the sample project needs two documents");
  return { ann, project, first, second, url: `/projects/${project.slug}/documents/${first.id}` };
}

test("keyboard only: Esc leaves the note keeping it, the keys resume after the last sentence, Shift+Enter submits and Shift+N moves on", async ({
  page,
}) => {
  const { ann, project, second, url } = setup();
  await signIn(page, ann);
  await page.goto(url);
  // No mouse: the first untagged sentence has the keys on arrival.
  await expect(current(page)).toBeFocused();
  const start = await current(page).getAttribute("data-index");

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Submit the document");
  await expect(help).toContainText("Next document that needs you");
  await expect(help).toContainText("Esc (in a field)");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.keyboard.press("1");
  await page.keyboard.press("n");
  const note = page.getByLabel(/^Note/);
  await expect(note).toBeFocused();
  await page.keyboard.type("check the date line");
  await page.keyboard.press("Escape");
  await expect(current(page)).toBeFocused();
  await expect(note).toHaveValue("check the date line");
  await page.keyboard.press("j");
  await page.keyboard.press("2");
  await saved(page);

  // Reloading resumes on the sentence after the last one worked on, not on sentence 1.
  await page.reload();
  await expect(current(page)).toBeFocused();
  expect(Number(await current(page).getAttribute("data-index"))).toBeGreaterThan(Number(start) + 1);
  await page.keyboard.press("k");
  await page.keyboard.press("k");
  await expect(note).toHaveValue("check the date line");

  await page.keyboard.press("Shift+Enter");
  const progress = page.getByRole("region", { name: "Document progress" });
  await expect(progress.getByRole("status")).toHaveText(
    "Document submitted. It is read-only until you reopen it.",
  );
  await expect(progress.getByRole("button", { name: "Reopen document" })).toBeVisible();
  await current(page).focus();
  await page.keyboard.press("Shift+N");
  await page.waitForURL(`**/projects/${project.slug}/documents/${second.id}`);
});

test("the source field loses nothing typed right after moving, and S replaces what is there", async ({
  page,
}) => {
  const { ann, url } = setup();
  await signIn(page, ann);
  await page.goto(url);
  await expect(current(page)).toBeFocused();
  await page.keyboard.press("1");
  await page.keyboard.press("j");
  await page.keyboard.press("1");
  await page.keyboard.press("k");

  // Enter, J, S and typing follow each other far inside the field's 150 ms close delay.
  await page.keyboard.press("s");
  await page.keyboard.type("Alpha Command");
  await page.keyboard.press("Enter");
  await page.keyboard.press("j");
  await page.keyboard.press("s");
  await page.keyboard.type("Beta Ministry");
  await expect(sourceBox(page)).toHaveValue("Beta Ministry");
  await page.keyboard.press("Enter");
  await expect(current(page)).toBeFocused();
  await expect(sourceBox(page)).toHaveValue("Beta Ministry");
  await page.keyboard.press("k");
  await expect(sourceBox(page)).toHaveValue("Alpha Command");

  // S on a sentence with a source selects it: typing replaces it instead of appending.
  await page.keyboard.press("s");
  await page.keyboard.type("Gamma Office");
  await expect(sourceBox(page)).toHaveValue("Gamma Office");
  // Esc goes back to the sentences and keeps what was typed.
  await page.keyboard.press("Escape");
  await expect(current(page)).toBeFocused();
  await expect(sourceBox(page)).toHaveValue("Gamma Office");
  await saved(page);
  await page.reload();
  await expect(current(page)).toBeFocused();
  await page.keyboard.press("k");
  await expect(sourceBox(page)).toHaveValue("Beta Ministry");
  await page.keyboard.press("k");
  await expect(sourceBox(page)).toHaveValue("Gamma Office");
});

test("at 390 px the label bar sits at the bottom of the screen, there is no horizontal scroll, and axe is clean", async ({
  browser,
}) => {
  const { ann, url } = setup();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, ann);
  await page.goto(url);
  // The keys land on the first sentence once the page is interactive.
  await expect(current(page)).toBeFocused();
  const bar = page.getByRole("group", { name: "Label bar" });
  await expect(bar).toBeInViewport();

  const target = page.locator("li[data-sentence-id]").nth(9);
  await target.click();
  await expect(bar).toBeInViewport();
  await expect(target).toBeInViewport();
  await bar.getByRole("button", { name: "Opinion" }).click();
  await expect(target).toHaveAttribute("data-label", "OPINION");
  await expect(bar.getByRole("button", { name: "Opinion" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await bar.getByRole("button", { name: "Source", exact: true }).click();
  await expect(sourceBox(page)).toBeFocused();
  await saved(page);

  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    view: window.innerWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.view);

  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );
  await context.close();
});
