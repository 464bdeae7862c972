import { expect, test } from "@playwright/test";
import { annotateAs, createProject, createUser, signIn } from "./support/data";

test("in an open project an annotator shows others' tags, submits, moves to the next document and reopens", async ({
  page,
}) => {
  const ann = createUser({ name: "Ann Annotator" });
  const ben = createUser({ name: "Ben Annotator" });
  const project = createProject({
    blind: false,
    members: [
      [ann, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
    ],
    samples: true,
  });
  const [first, second] = project.documents;
  if (!first || !second) throw new Error("the sample project needs two documents");
  annotateAs(
    ben,
    first.id,
    Array.from({ length: 12 }, () => "OPINION" as const),
  );

  await signIn(page, ann);
  await page.goto(`/projects/${project.slug}/documents/${first.id}`);
  await page.locator("li[data-sentence-id]").first().click();
  const others = page.getByRole("list", { name: "Others’ tags" });
  await expect(others).toHaveCount(0);
  await page.getByLabel("Show others’ tags").check();
  await expect(others).toContainText("Ben Annotator");
  await expect(others).toContainText("Opinion");
  await page.getByLabel("Show others’ tags").uncheck();
  await expect(others).toHaveCount(0);

  const progress = page.getByRole("region", { name: "Document progress" });
  await progress.getByRole("button", { name: "Submit document" }).click();
  await expect(progress.getByRole("status")).toHaveText(
    "Document submitted. It is read-only until you reopen it.",
  );
  await expect(progress.getByRole("button", { name: "Reopen document" })).toBeVisible();

  await progress.getByRole("button", { name: "Next document" }).click();
  await page.waitForURL(`**/documents/${second.id}`);
  // The only other document is submitted: nothing else needs Ann.
  await page
    .getByRole("region", { name: "Document progress" })
    .getByRole("button", { name: "Next document" })
    .click();
  await expect(
    page.getByRole("region", { name: "Document progress" }).getByRole("status"),
  ).toHaveText("No other document needs you right now.");

  await page.goto(`/projects/${project.slug}/documents/${first.id}`);
  await progress.getByRole("button", { name: "Reopen document" }).click();
  await expect(progress.getByRole("status")).toHaveText("Document reopened.");
  await page.reload();
  await expect(progress.getByRole("button", { name: "Submit document" })).toBeVisible();
});

test("an owner edits a registry source and merges a duplicate into it; annotators only read the registry", async ({
  page,
  browser,
}) => {
  const owner = createUser({ name: "Olga Owner" });
  const ben = createUser({ name: "Ben Annotator" });
  const project = createProject({
    members: [
      [owner, "OWNER"],
      [ben, "ANNOTATOR"],
    ],
    samples: true,
  });
  const doc = project.documents[0];
  if (!doc) throw new Error("the sample project has no documents");
  annotateAs(ben, doc.id, [
    ["SOURCED_FACT", "Iraqi army"],
    ["SOURCED_FACT", "Iraqi Army (IA)"],
    ["SOURCED_FACT", "Iraqi army"],
  ]);

  await signIn(page, owner);
  await page.goto(`/projects/${project.slug}/sources`);
  const list = page.getByRole("table", { name: "Sources" });
  await expect(list).toContainText("Iraqi Army (IA)");

  // Entries are edited on their own page.
  await list.getByRole("link", { name: "Iraqi army", exact: true }).click();
  await page.getByRole("button", { name: "Edit source" }).click();
  await page.getByLabel("Aliases (separated by |)").fill("IA | Iraqi Army");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("also: IA, Iraqi Army")).toBeVisible();

  await page.goto(`/projects/${project.slug}/sources`);
  await page
    .getByRole("combobox", { name: "Merge this source" })
    .selectOption({ label: "Iraqi Army (IA)" });
  await page
    .getByRole("combobox", { name: "into", exact: true })
    .selectOption({ label: "Iraqi army" });
  await page.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merged into" })).toHaveText(
    "Merged into “Iraqi army”; 1 annotation now points to it.",
  );
  await page.reload();
  // One entry left; the merged name lives on as an alias, so autocomplete still finds it.
  await expect(list.getByRole("row")).toHaveCount(2);
  await expect(list).toContainText("also: IA, Iraqi Army, Iraqi Army (IA)");

  const other = await (await browser.newContext()).newPage();
  await signIn(other, ben);
  await other.goto(`/projects/${project.slug}/sources`);
  await expect(other.getByRole("table", { name: "Sources" })).toContainText("Iraqi army");
  await other.getByRole("link", { name: "Iraqi army", exact: true }).click();
  await expect(other.getByRole("button", { name: "Edit source" })).toHaveCount(0);
  await other.goto(`/projects/${project.slug}/sources`);
  await expect(other.getByRole("heading", { name: "Merge duplicates" })).toHaveCount(0);
  await other.close();
});
