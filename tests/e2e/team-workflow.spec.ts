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

test("the assignments list comes 50 a page: an owner changes work on page 2 and stays there; a blind annotator's pages hold only their own", async ({
  browser,
}) => {
  const owner = createUser({ name: "Pia Pager" });
  const ann = createUser({ name: "Ann Paged" });
  const ben = createUser({ name: "Ben Paged" });
  const cy = createUser({ name: "Cy Paged" });
  // 60 documents to two annotators: 120 assignments, three pages; each annotator's own 60, two.
  const project = createProject({
    blind: true,
    members: [
      [owner, "OWNER"],
      [ann, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
      [cy, "ANNOTATOR"],
    ],
    generated: 60,
  });
  const url = `/projects/${project.slug}/assignments`;

  const page = await (await browser.newContext()).newPage();
  await signIn(page, owner);
  await page.goto(url);
  const form = page.getByRole("form", { name: "Assign documents" });
  await form.getByLabel("Every document whose title contains…").check();
  await form.getByLabel("Ann Paged").check();
  await form.getByLabel("Ben Paged").check();
  await form.getByRole("button", { name: "Assign" }).click();
  await expect(form.getByRole("status")).toHaveText("120 assignments made.");

  const list = page.getByRole("region", { name: "Assigned documents" });
  const rows = list.getByRole("row");
  const workload = page.getByRole("table", { name: "Work per annotator" });
  const assigned = (name: string) =>
    workload.getByRole("row").filter({ hasText: name }).getByRole("cell").first();
  await expect(list.getByText("120 assignments", { exact: true })).toBeVisible();
  await expect(list.getByText("Page 1 of 3")).toBeVisible();
  await expect(rows).toHaveCount(51);

  await list.getByRole("link", { name: "Next →" }).click();
  await page.waitForURL(`**${url}?page=2`);
  await expect(list.getByText("Page 2 of 3")).toBeVisible();
  await expect(rows).toHaveCount(51);

  // Unassign one of Ben's rows on page 2: the page re-renders in place, one row fewer overall.
  // A row is its annotator's by the annotator cell (the reassign menu names the others).
  const rowOf = (name: string) =>
    rows.filter({ has: page.getByRole("cell", { name, exact: true }) }).first();
  const bens = rowOf("Ben Paged");
  const benTitle = await bens.getByRole("link").innerText();
  await list.getByRole("button", { name: `Unassign ${benTitle} from Ben Paged` }).click();
  await expect(list.getByText("119 assignments", { exact: true })).toBeVisible();
  await expect(assigned("Ben Paged")).toHaveText("59");
  await expect(
    list.getByRole("button", { name: `Unassign ${benTitle} from Ben Paged` }),
  ).toHaveCount(0);
  await expect(list.getByText("Page 2 of 3")).toBeVisible();
  expect(new URL(page.url()).search).toBe("?page=2");

  // Hand one of Ann's rows on page 2 over to Cy: still page 2, and the workload counts it.
  const anns = rowOf("Ann Paged");
  const annTitle = await anns.getByRole("link").innerText();
  await list
    .getByLabel(`Reassign ${annTitle} from Ann Paged to`)
    .selectOption({ label: "Cy Paged" });
  await anns.getByRole("button", { name: "Move" }).click();
  await expect(assigned("Cy Paged")).toHaveText("1");
  await expect(assigned("Ann Paged")).toHaveText("59");
  await expect(list.getByText("Page 2 of 3")).toBeVisible();
  expect(new URL(page.url()).search).toBe("?page=2");

  // A malformed page is page 1; a page past the end says so and leads back to the last page.
  await page.goto(`${url}?page=two`);
  await expect(list.getByText("Page 1 of 3")).toBeVisible();
  await expect(rows).toHaveCount(51);
  await page.goto(`${url}?page=9`);
  await expect(list).toContainText("There is no page 9: the 119 assignments fill 3 pages.");
  await list.getByRole("link", { name: "← Previous" }).click();
  await page.waitForURL(`**${url}?page=3`);
  await expect(list.getByText("Page 3 of 3")).toBeVisible();
  await expect(rows).toHaveCount(20);
  await page.context().close();

  // Ann, an annotator of this blind project, has 59 of her own: two pages, nobody else's rows.
  const annPage = await (await browser.newContext()).newPage();
  await signIn(annPage, ann);
  await annPage.goto(url);
  const annList = annPage.getByRole("region", { name: "Assigned documents" });
  await expect(annList.getByText("59 assignments", { exact: true })).toBeVisible();
  await expect(annList.getByText("Page 1 of 2")).toBeVisible();
  await expect(annList.getByRole("row")).toHaveCount(51);
  await annList.getByRole("link", { name: "Next →" }).click();
  await annPage.waitForURL(`**${url}?page=2`);
  await expect(annList.getByText("Page 2 of 2")).toBeVisible();
  await expect(annList.getByRole("row")).toHaveCount(10);
  await expect(annList.getByRole("row").filter({ hasText: "Ann Paged" })).toHaveCount(9);
  // Each page as loaded, its server-rendered payload included, names and ids no one else's.
  for (const n of [1, 2]) {
    await annPage.goto(n === 1 ? url : `${url}?page=2`);
    await expect(annList.getByText(`Page ${n} of 2`)).toBeVisible();
    const html = await annPage.content();
    expect(html).toContain("Ann Paged");
    for (const other of [ben, cy]) {
      expect(html).not.toContain(other.name);
      expect(html).not.toContain(other.id);
    }
  }
  await annPage.context().close();
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
