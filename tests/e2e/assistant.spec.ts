import { expect, test, type Page } from "@playwright/test";
import { createProject, createUser, signIn } from "./support/data";

const sourceBox = (page: Page) => page.getByRole("combobox", { name: "Source (S)", exact: true });
const suggestion = (page: Page) => page.getByRole("group", { name: "Assistant’s suggestion" });
const focusedItem = (page: Page) => page.locator('li[aria-current="true"]');
const credibility = (page: Page, meaning: RegExp) =>
  page.getByRole("group", { name: /^Credibility/ }).getByRole("button", { name: meaning });
const saved = (page: Page) =>
  expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible({
    timeout: 30_000,
  });

async function focusSentences(page: Page) {
  await page.locator('ol[aria-label="Sentences"] li[tabindex="0"]').focus();
}

/**
 * Moves with J, then back with K, until the focused sentence contains `text`
 * (a reopened document starts after the sentence worked on last, so the
 * target may lie behind).
 */
async function moveTo(page: Page, text: string) {
  for (const key of ["j", "k"]) {
    for (let i = 0; i < 80; i++) {
      if (((await focusedItem(page).textContent()) ?? "").includes(text)) return;
      await page.keyboard.press(key);
    }
  }
  throw new Error(`no sentence with “${text}”`);
}

/** The sample article about Mosul, the PMU and the Syrian border, in a new project. */
function setup(options: { assistant: boolean }) {
  const ann = createUser({ name: "Ann Annotator" });
  const project = createProject({
    members: [[ann, "ANNOTATOR"]],
    samples: true,
    assistant: options.assistant,
  });
  const doc = project.documents.find((d) => !/Western Iraq/i.test(d.title));
  if (!doc) throw new Error("the sample project lacks the Mosul article");
  return { ann, url: `/projects/${project.slug}/documents/${doc.id}` };
}

test("the assistant underlines the suggested source, A accepts it, C grades credibility, and a reload keeps both", async ({
  page,
}) => {
  const { ann, url } = setup({ assistant: true });
  await signIn(page, ann);
  await page.goto(url);
  await focusSentences(page);

  await moveTo(page, "According to the Iraqi military");
  await expect(focusedItem(page).locator('u[data-suggested="source"]')).toHaveText(
    "the Iraqi military",
  );
  await expect(focusedItem(page).locator('u[data-suggested="cue"]')).toHaveText("According to");
  // Only the focused sentence is underlined.
  await expect(page.locator("u[data-suggested]")).toHaveCount(2);
  await expect(suggestion(page)).toContainText("new: the Iraqi military (Official body)");
  await expect(suggestion(page)).toContainText("Suggested label:");
  await expect(suggestion(page)).toContainText("A also sets the suggested label");

  // One key: the new registry entry, its span, and (the sentence being untagged) the suggested label.
  await page.keyboard.press("a");
  await expect(sourceBox(page)).toHaveValue("the Iraqi military");
  await expect(focusedItem(page)).toHaveAttribute("data-label", /.+/);
  await expect(focusedItem(page).locator("mark")).toHaveText("the Iraqi military");
  await expect(suggestion(page)).toContainText("Suggested source accepted");
  await expect(page.getByLabel("Source type")).toHaveValue("OFFICIAL_BODY");
  await saved(page);

  // Credibility by keyboard: C then a digit; Esc cancels without changing anything.
  await expect(credibility(page, /Not graded/)).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("c");
  await page.keyboard.press("Escape");
  await page.keyboard.press("3");
  await expect(focusedItem(page)).toHaveAttribute("data-label", "OPINION");
  await expect(credibility(page, /Not graded/)).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("1");
  await page.keyboard.press("c");
  await page.keyboard.press("2");
  await expect(credibility(page, /Probably true/)).toHaveAttribute("aria-pressed", "true");
  await expect(focusedItem(page)).toHaveAttribute("data-label", "SOURCED_FACT");
  await saved(page);

  await moveTo(page, "Al-Muhandis pointed out");
  await expect(suggestion(page)).toContainText("“Al-Muhandis” is Abu Mahdi al-Muhandis");
  await expect(suggestion(page)).toContainText("new: Abu Mahdi al-Muhandis (Named person)");
  await expect(suggestion(page)).toContainText("Suggestion 1 of 2");
  await page.keyboard.press("Shift+A");
  await expect(suggestion(page)).toContainText("Suggestion 2 of 2");
  await expect(focusedItem(page).locator('u[data-suggested="cue"]')).toHaveText("confirmed");
  // The label keys work as before; A then keeps the label and sets the source.
  await page.keyboard.press("2");
  await page.keyboard.press("a");
  await expect(sourceBox(page)).toHaveValue("Abu Mahdi al-Muhandis");
  await expect(focusedItem(page)).toHaveAttribute("data-label", "UNVERIFIED_CLAIM");
  await saved(page);

  await moveTo(page, "Some sources indicate");
  await expect(focusedItem(page).locator('u[data-suggested="source"]')).toHaveText("Some sources");
  await expect(suggestion(page)).toContainText("new: Some sources (Unnamed / anonymous source)");

  // The help lists the assistant's keys.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Accept the suggested source");
  await expect(help).toContainText("Shift + A");
  await expect(help).toContainText("C, then 1–6");
  await page.keyboard.press("Escape");

  await page.reload();
  await focusSentences(page);
  await moveTo(page, "According to the Iraqi military");
  await expect(sourceBox(page)).toHaveValue("the Iraqi military");
  await expect(focusedItem(page).locator("mark")).toHaveText("the Iraqi military");
  await expect(suggestion(page)).toContainText("Suggested source accepted");
  await expect(suggestion(page)).toContainText("the Iraqi military (registry, Official body)");
  await expect(credibility(page, /Probably true/)).toHaveAttribute("aria-pressed", "true");
  await expect(focusedItem(page)).toHaveAttribute("data-label", "SOURCED_FACT");
  await moveTo(page, "Al-Muhandis pointed out");
  await expect(sourceBox(page)).toHaveValue("Abu Mahdi al-Muhandis");
  await expect(focusedItem(page)).toHaveAttribute("data-label", "UNVERIFIED_CLAIM");
});

test("with the assistant off nothing is suggested, underlined or accepted", async ({ page }) => {
  const { ann, url } = setup({ assistant: false });
  await signIn(page, ann);
  await page.goto(url);
  await focusSentences(page);
  await moveTo(page, "According to the Iraqi military");
  await page.keyboard.press("a");
  await expect(page.locator("u[data-suggested]")).toHaveCount(0);
  await expect(suggestion(page)).toHaveCount(0);
  await expect(focusedItem(page)).not.toHaveAttribute("data-label", /.+/);
  await page.keyboard.press("1");
  await page.keyboard.press("a");
  await expect(sourceBox(page)).toHaveValue("");
  await saved(page);
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).not.toContainText("Accept the suggested source");
});
