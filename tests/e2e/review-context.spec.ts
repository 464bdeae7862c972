import { expect, test } from "@playwright/test";
import type { Label } from "@/lib/domain/annotation";
import { annotateAs, createProject, createUser, signIn } from "./support/data";

const F: Label = "SOURCED_FACT";
const C: Label = "UNVERIFIED_CLAIM";
const O: Label = "OPINION";

test("a reviewer reads each disagreement between its neighbours, opens the whole document side by side, and settles a 1–1 split by number", async ({
  page,
  browser,
}) => {
  const reviewer = createUser({ name: "Rhea Reviewer" });
  const ana = createUser({ name: "Ana Analyst" });
  const ben = createUser({ name: "Ben Analyst" });
  const project = createProject({
    blind: true,
    samples: true,
    members: [
      [reviewer, "REVIEWER"],
      [ana, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
    ],
  });
  const documentId = project.documents[0]?.id ?? "";
  // From sentence index 7 (past the header): the 2nd and 4th tagged sentences split 1–1.
  annotateAs(ana, documentId, [F, F, O, O], { from: 7 });
  annotateAs(ben, documentId, [F, C, O, F], { from: 7 });

  await signIn(page, reviewer);
  // The curation view: the whole article, one column per annotator, the gold label last.
  await page.goto(`/projects/${project.slug}/review/${documentId}/curation`);
  const table = page.getByRole("table", { name: /Every annotator's tags/ });
  await expect(table.getByRole("columnheader")).toHaveCount(5);
  await expect(page.getByText("2 annotators")).toBeVisible();
  const textOf = async (n: number) =>
    ((await page.locator(`#sentence-${n} td`).nth(1).textContent()) ?? "").trim();
  const [before, split, after] = [await textOf(8), await textOf(9), await textOf(10)];
  await expect(page.locator("tr[data-disagreement]")).toHaveCount(2);

  await page.goto(`/projects/${project.slug}/review`);
  const items = page.getByRole("list", { name: "Sentences to review" }).getByRole("listitem");
  await expect(items).toHaveCount(2);
  const first = items.filter({ hasText: split }).first();
  await expect(first.locator('[data-context="before"]')).toHaveText(before);
  await expect(first.locator('[data-context="after"]')).toHaveText(after);
  await first.getByRole("button", { name: "More context" }).click();
  await expect(first.getByRole("button", { name: "Less context" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  await expect(first.locator('[data-context="before"]')).toContainText(before);

  // Two annotators, 1–1: there is no majority, so the number keys lead and "a" refuses.
  await expect(first.locator("[data-lead]")).toHaveAttribute("data-lead", "pick-answer");
  await expect(first.getByText("No majority: take an answer with 1–2")).toBeVisible();
  await expect(first.getByRole("button", { name: "Accept majority" })).toBeDisabled();
  await first.focus();
  await page.keyboard.press("a");
  await expect(
    page.getByRole("status").filter({ hasText: /No majority on sentence/ }),
  ).toBeVisible();

  // The reviewer note by keyboard: R focuses it, Esc goes back keeping the text, Enter saves it.
  await page.keyboard.press("r");
  const note = first.getByLabel(/Reviewer note/);
  await expect(note).toBeFocused();
  await page.keyboard.type("Ben reads the ministry as unnamed");
  await page.keyboard.press("Escape");
  await expect(first).toBeFocused();
  await expect(note).toHaveValue("Ben reads the ministry as unnamed");
  await page.keyboard.press("r");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: /, open\.$/ })).toBeVisible();
  await expect(first).toBeFocused();

  await page.keyboard.press("1");
  await expect(first).toHaveAttribute("data-status", "RESOLVED");

  // "Needs discussion": listed under its filter and cleared from there.
  const second = items.nth(1);
  await second.focus();
  await page.keyboard.press("d");
  await expect(second).toHaveAttribute("data-status", "NEEDS_DISCUSSION");
  await page.getByRole("link", { name: "Needs discussion" }).click();
  await expect(page.getByRole("link", { name: "Needs discussion" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const discussed = page.getByRole("list", { name: "Sentences to review" }).getByRole("listitem");
  await expect(discussed).toHaveCount(1);
  await discussed.first().getByRole("button", { name: "Clear “needs discussion”" }).click();
  await expect(discussed.first()).toHaveAttribute("data-status", "OPEN");
  await page.reload();
  await expect(page.getByText("No sentence is marked “needs discussion”.")).toBeVisible();

  // The row's link opens the curation view at that sentence.
  await page.goto(`/projects/${project.slug}/review`);
  await items.first().getByRole("link", { name: "Whole document" }).click();
  await page.waitForURL(/\/curation#sentence-\d+$/);
  await expect(page.getByRole("table", { name: /Every annotator's tags/ })).toBeVisible();

  // Annotators have no curation view, blind project or not.
  const annotator = await browser.newPage();
  await signIn(annotator, ana);
  await annotator.goto(`/projects/${project.slug}/review/${documentId}/curation`);
  await expect(annotator.getByText("Only the project’s reviewers and owners")).toBeVisible();
  await expect(annotator.getByRole("table", { name: /Every annotator's tags/ })).toHaveCount(0);
  await annotator.close();
});
