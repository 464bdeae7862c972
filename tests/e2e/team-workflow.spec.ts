import { expect, test, type Page } from "@playwright/test";
import { createProject, createUser, signIn } from "./support/data";

const current = (page: Page) => page.locator('li[aria-current="true"]');

test("an owner assigns a batch to two annotators; each sees it first in their queue, with the due date", async ({
  browser,
}) => {
  const owner = createUser({ name: "Olga Owner" });
  const ann = createUser({ name: "Ann Annotator" });
  const ben = createUser({ name: "Ben Annotator" });
  const project = createProject({
    members: [
      [owner, "OWNER"],
      [ann, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
    ],
    samples: true,
  });
  const titles = project.documents.map((d) => d.title);
  expect(titles.length).toBeGreaterThanOrEqual(2);

  const ownerPage = await (await browser.newContext()).newPage();
  await signIn(ownerPage, owner);
  await ownerPage.goto(`/projects/${project.slug}`);
  await ownerPage
    .getByRole("navigation", { name: "Project" })
    .getByRole("link", { name: "Assignments" })
    .click();
  await ownerPage.waitForURL(`**/projects/${project.slug}/assignments`);

  // A batch by filter: every document (an empty title filter), to both annotators, due Christmas Eve.
  const form = ownerPage.getByRole("form", { name: "Assign documents" });
  await form.getByLabel("Every document whose title contains…").check();
  await form.getByLabel("Ann Annotator").check();
  await form.getByLabel("Ben Annotator").check();
  await form.getByLabel("Due date (optional)").fill("2026-12-24");
  await form.getByRole("button", { name: "Assign" }).click();
  await expect(form.getByRole("status")).toHaveText(`${titles.length * 2} assignments made.`);

  const workload = ownerPage.getByRole("table", { name: "Work per annotator" });
  for (const name of ["Ann Annotator", "Ben Annotator"]) {
    // The first cell after the name is "Assigned".
    await expect(
      workload.getByRole("row").filter({ hasText: name }).getByRole("cell").first(),
    ).toHaveText(String(titles.length));
  }
  await expect(
    ownerPage.getByRole("region", { name: "Assigned documents" }).getByRole("row"),
  ).toHaveCount(titles.length * 2 + 1);

  for (const who of [ann, ben]) {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, who);
    await page.goto(`/projects/${project.slug}/queue`);
    const queue = page.getByRole("table", { name: `${who.name}: documents, assigned first` });
    for (const title of titles) {
      const row = queue.getByRole("row").filter({ hasText: title });
      await expect(row).toContainText("Assigned");
      await expect(row).toContainText("24 Dec 2026");
    }
    await expect(page.getByText(`${titles.length} assigned`)).toBeVisible();
    await page.getByRole("link", { name: /Start next document/ }).click();
    await page.waitForURL(/\/documents\//);
    await page.context().close();
  }
});

test("a submitted document refuses a tag until it is reopened", async ({ page }) => {
  const ann = createUser({ name: "Ann Annotator" });
  const project = createProject({ members: [[ann, "ANNOTATOR"]], samples: true });
  const doc = project.documents[0];
  if (!doc) throw new Error("the sample project has no documents");

  await signIn(page, ann);
  await page.goto(`/projects/${project.slug}/documents/${doc.id}`);
  await page.locator('ol[aria-label="Sentences"] li[tabindex="0"]').focus();
  const id = await current(page).getAttribute("data-sentence-id");
  const tagged = page.locator(`li[data-sentence-id="${id}"]`);
  await page.keyboard.press("4");
  await expect(tagged).toHaveAttribute("data-label", "NOT_A_CLAIM");
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();

  const progress = page.getByRole("region", { name: "Document progress" });
  await progress.getByRole("button", { name: "Submit document" }).click();
  await expect(progress.getByRole("status")).toHaveText(
    "Document submitted. It is read-only until you reopen it.",
  );
  await expect(
    page.getByText("Submitted: read-only. Reopen the document to change it."),
  ).toBeVisible();

  // A tag on the submitted document changes nothing, and says why.
  await tagged.click();
  await tagged.focus();
  await page.keyboard.press("3");
  await expect(page.getByText("Submitted: reopen the document to change it.")).toBeVisible();
  await expect(tagged).toHaveAttribute("data-label", "NOT_A_CLAIM");
  // Still so after a reload: nothing was saved.
  await page.reload();
  await expect(tagged).toHaveAttribute("data-label", "NOT_A_CLAIM");

  await progress.getByRole("button", { name: "Reopen document" }).click();
  await expect(progress.getByRole("status")).toHaveText("Document reopened.");
  await tagged.click();
  await tagged.focus();
  await page.keyboard.press("3");
  await expect(tagged).toHaveAttribute("data-label", "OPINION");
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
  await page.reload();
  await expect(tagged).toHaveAttribute("data-label", "OPINION");
});
