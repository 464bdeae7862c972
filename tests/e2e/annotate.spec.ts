import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createProject, createUser, signIn } from "./support/data";

const sentence = (page: Page, text: string) =>
  page.locator("li[data-sentence-id]", { hasText: text });
const sourceBox = (page: Page) => page.getByRole("combobox", { name: "Source (S)", exact: true });
const saved = (page: Page) =>
  expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible({
    timeout: 30_000,
  });

/** Puts keyboard focus on the workspace's current sentence, as Tab would. */
async function focusSentences(page: Page) {
  await page.locator('ol[aria-label="Sentences"] li[tabindex="0"]').focus();
}

/** Moves with J until the focused sentence contains `text`. */
async function moveTo(page: Page, text: string) {
  for (let i = 0; i < 80; i++) {
    if (((await page.locator('li[aria-current="true"]').textContent()) ?? "").includes(text))
      return;
    await page.keyboard.press("j");
  }
  throw new Error(`no sentence with “${text}”`);
}

/** Selects words in a sentence the way a mouse drag does, then releases the button. */
async function selectWords(page: Page, sentenceText: string, words: string) {
  await page.evaluate(
    ([needle, w]) => {
      const item = [...document.querySelectorAll("li[data-sentence-id]")].find((el) =>
        el.textContent?.includes(needle),
      );
      const node = [...(item?.querySelectorAll("[data-start]") ?? [])]
        .map((el) => el.firstChild)
        .find((n) => n?.textContent?.includes(w));
      if (!item || !node) throw new Error("words not found");
      const at = node.textContent?.indexOf(w) ?? 0;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + w.length);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      item.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    },
    [sentenceText, words] as const,
  );
}

function setup() {
  const ann = createUser({ name: "Ann Annotator" });
  const ben = createUser({ name: "Ben Annotator" });
  const project = createProject({
    members: [
      [ann, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
    ],
    samples: true,
  });
  const doc = project.documents.find((d) => /Western Iraq/i.test(d.title)) ?? project.documents[0];
  if (!doc) throw new Error("the sample project has no documents");
  return { ann, ben, project, url: `/projects/${project.slug}/documents/${doc.id}` };
}

test("two annotators tag by keyboard, with sources from selected words and autocomplete; a reload shows everything", async ({
  browser,
}) => {
  const { ann, ben, project, url } = setup();
  const page = await (await browser.newContext()).newPage();
  await signIn(page, ann);
  await page.goto(url);
  await focusSentences(page);

  // Help overlay.
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();

  // The headline is not a claim.
  await page.keyboard.press("4");
  await expect(page.locator('li[aria-current="true"]')).toHaveAttribute(
    "data-label",
    "NOT_A_CLAIM",
  );

  // A new source, added inline by keyboard: one Enter on "Add", with the type used last.
  await moveTo(page, "The Iraqi Popular Mobilization Units");
  await page.keyboard.press("2");
  await page.keyboard.press("s");
  await page.keyboard.type("the PMU");
  await expect(
    page.getByRole("option", { name: "Add “the PMU” to the registry as named organisation" }),
  ).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(sourceBox(page)).toHaveValue("the PMU");
  await expect(page.getByRole("group", { name: "New source" })).toHaveCount(0);

  // The next sentence: autocomplete from the registry by an alias-free prefix.
  await focusSentences(page);
  await page.keyboard.press("j");
  await page.keyboard.press("1");
  await page.keyboard.press("s");
  await page.keyboard.type("PMU");
  await expect(page.getByRole("option", { name: /the PMU/ })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(sourceBox(page)).toHaveValue("the PMU");

  // Source words chosen by selecting them, then tagged.
  await selectWords(page, "Now, the PMU is clearing", "the PMU");
  await page.keyboard.press("3");
  await expect(sentence(page, "Now, the PMU is clearing")).toHaveAttribute("data-label", "OPINION");
  await expect(sentence(page, "Now, the PMU is clearing").locator("mark")).toHaveText("the PMU");

  // A range by Shift+J, tagged at once; then repeat the previous source with R.
  await focusSentences(page);
  await moveTo(page, "Iraqi security forces have been putting pressure");
  await page.keyboard.press("Shift+J");
  await page.keyboard.press("1");
  await expect(sentence(page, "Iraqi security forces have been putting pressure")).toHaveAttribute(
    "data-label",
    "SOURCED_FACT",
  );
  await expect(sentence(page, "However, ISIS keeps a fierce resistance")).toHaveAttribute(
    "data-label",
    "SOURCED_FACT",
  );
  await page.keyboard.press("Escape");
  await page.keyboard.press("u");
  await saved(page);
  await expect(page.getByRole("progressbar", { name: "Tagged sentences" })).toHaveAttribute(
    "aria-valuenow",
    "6",
  );

  await page.reload();
  await expect(sentence(page, "The Iraqi Popular Mobilization Units")).toHaveAttribute(
    "data-label",
    "UNVERIFIED_CLAIM",
  );
  await expect(sentence(page, "Now, the PMU is clearing").locator("mark")).toHaveText("the PMU");
  await expect(sentence(page, "However, ISIS keeps a fierce resistance")).toContainText("(unsure)");
  await sentence(page, "Since the start of the Operation").click();
  await expect(sourceBox(page)).toHaveValue("the PMU");

  // The project's queue shows Ann's progress; the registry lists the source she added.
  await page.goto(`/projects/${project.slug}/queue`);
  await expect(page.getByRole("region", { name: "Ann Annotator (you)" })).toContainText(
    "6 sentences tagged",
  );
  await page.goto(`/projects/${project.slug}/sources`);
  await expect(page.getByRole("table", { name: "Sources" })).toContainText("the PMU");

  // The second annotator, in a blind project, sees none of Ann's tags and makes their own.
  const other = await (await browser.newContext()).newPage();
  await signIn(other, ben);
  await other.goto(url);
  await expect(other.locator("li[data-label]")).toHaveCount(0);
  await focusSentences(other);
  await moveTo(other, "The Iraqi Popular Mobilization Units");
  await other.keyboard.press("1");
  await other.keyboard.press("s");
  await other.keyboard.type("the p");
  // Blind: the registry entry Ann (an annotator) added is not offered to Ben.
  await expect(other.getByRole("option", { name: "Use “the p” as typed" })).toBeVisible();
  await expect(other.getByRole("option", { name: /the PMU/ })).toHaveCount(0);
  await other.keyboard.press("Enter");
  await saved(other);
  await other.reload();
  await expect(sentence(other, "The Iraqi Popular Mobilization Units")).toHaveAttribute(
    "data-label",
    "SOURCED_FACT",
  );
  await expect(other.locator("li[data-label]")).toHaveCount(1);
});

test("with the network cut, edits queue up, survive a reload and are saved when it returns", async ({
  browser,
}) => {
  const { ann, url } = setup();
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, ann);
  await page.goto(url);
  await focusSentences(page);
  await moveTo(page, "The Iraqi Popular Mobilization Units");

  // Saves are POSTs (server actions); page loads still work, like a flaky uplink.
  await page.route("**/*", (route) =>
    route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue(),
  );
  await page.keyboard.press("1");
  await page.keyboard.press("j");
  await page.keyboard.press("3");
  await expect(page.getByRole("status").filter({ hasText: /not saved yet/ })).toBeVisible();
  await page.reload();
  await expect(sentence(page, "The Iraqi Popular Mobilization Units")).toHaveAttribute(
    "data-label",
    "SOURCED_FACT",
  );
  await expect(sentence(page, "Since the start of the Operation")).toHaveAttribute(
    "data-label",
    "OPINION",
  );
  await page.unroute("**/*");
  await saved(page);

  const fresh = await (await browser.newContext()).newPage();
  await signIn(fresh, ann);
  await fresh.goto(url);
  await expect(sentence(fresh, "The Iraqi Popular Mobilization Units")).toHaveAttribute(
    "data-label",
    "SOURCED_FACT",
  );
  await expect(sentence(fresh, "Since the start of the Operation")).toHaveAttribute(
    "data-label",
    "OPINION",
  );
});

test("an edit from a second tab raises the conflict prompt, and the annotator chooses", async ({
  browser,
}) => {
  const { ann, url } = setup();
  const context = await browser.newContext();
  const first = await context.newPage();
  await signIn(first, ann);
  await first.goto(url);
  const second = await context.newPage();
  await second.goto(url);

  await focusSentences(first);
  await moveTo(first, "The Iraqi Popular Mobilization Units");
  await first.keyboard.press("1");
  await saved(first);

  await focusSentences(second);
  await moveTo(second, "The Iraqi Popular Mobilization Units");
  await second.keyboard.press("3");
  const prompt = second.getByRole("alert").filter({ hasText: "changed in another tab" });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText("Theirs: ✓Sourced fact");
  await prompt.getByRole("button", { name: "Keep mine" }).click();
  await saved(second);

  await first.reload();
  await expect(sentence(first, "The Iraqi Popular Mobilization Units")).toHaveAttribute(
    "data-label",
    "OPINION",
  );
});

test("the document page has no serious or critical accessibility violations", async ({ page }) => {
  const { ann, url } = setup();
  await signIn(page, ann);
  await page.goto(url);
  await focusSentences(page);
  await page.keyboard.press("1");
  await saved(page);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );
});

test("the source words can be chosen with the keyboard alone", async ({ page }) => {
  const { ann, url } = setup();
  await signIn(page, ann);
  await page.goto(url);
  // No mouse: the current sentence has focus on arrival.
  await moveTo(page, "Now, the PMU is clearing");
  await page.keyboard.press("1");
  // W starts choosing words; → moves to "the", Shift+→ extends to "PMU", Enter sets the span.
  await page.keyboard.press("w");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Shift+ArrowRight");
  await expect(sentence(page, "Now, the PMU is clearing").locator("mark")).toHaveText("the PMU");
  await page.keyboard.press("Enter");
  await saved(page);
  await page.reload();
  await expect(sentence(page, "Now, the PMU is clearing").locator("mark")).toHaveText("the PMU");
  await expect(sentence(page, "Now, the PMU is clearing")).toHaveAttribute(
    "data-label",
    "SOURCED_FACT",
  );

  // Esc leaves the choice without changing anything.
  await moveTo(page, "Iraqi security forces have been putting");
  await page.keyboard.press("2");
  await page.keyboard.press("w");
  await page.keyboard.press("Escape");
  await expect(
    sentence(page, "Iraqi security forces have been putting").locator("mark"),
  ).toHaveCount(0);
});
