import { expect, test, type Browser, type Page } from "@playwright/test";
import { annotateAs, createProject, createUser, signIn, type E2EUser } from "./support/data";

const REGISTRY_CSV = [
  "name,aliases,type,affiliation,side,description,grade,rationale",
  'South Front,southfront.org,MEDIA_OUTLET,,pro-government,"Outlet, Russia-aligned",D,Repeats MoD claims without checking',
  "the Iraqi military,Iraqi army|ISF,OFFICIAL_BODY,Iraqi state,pro-government,,,",
  "pro-government sources,,ANONYMOUS,,pro-government,,,",
  "the PMU,Popular Mobilization Forces,NAMED_ORGANISATION,Iraqi state,pro-government,,,",
  "",
].join("\r\n");

async function as(browser: Browser, user: E2EUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

async function openSource(page: Page, slug: string, name: string): Promise<void> {
  await page.goto(`/projects/${slug}/sources`);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

async function gradeOwn(page: Page, grade: string, rationale: string): Promise<void> {
  await page.getByLabel("Your grade").selectOption(grade);
  await page.getByLabel("Rationale (optional)").fill(rationale);
  await page.getByRole("button", { name: "Save my grade" }).click();
  await expect(page.getByText("Your grade is saved.")).toBeVisible();
}

test("an owner imports the registry; analysts grade a source; a reviewer settles it; the profile shows it all, and a blind annotator sees only their own grade", async ({
  page,
  browser,
}) => {
  const owner = createUser({ name: "Olga Owner" });
  const reviewer = createUser({ name: "Rita Reviewer" });
  const ana = createUser({ name: "Ana Analyst" });
  const ben = createUser({ name: "Ben Analyst" });
  const project = createProject({
    blind: true,
    samples: true,
    members: [
      [owner, "OWNER"],
      [reviewer, "REVIEWER"],
      [ana, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
    ],
  });
  const slug = project.slug;

  // The owner imports the registry: a bad file first (nothing applied, the row named), then the good one.
  await signIn(page, owner);
  await page.goto(`/projects/${slug}/sources`);
  await page.getByLabel("Registry file", { exact: true }).setInputFiles({
    name: "bad.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${REGISTRY_CSV}Nowhere,,SPACESHIP,,,,,\r\n`),
  });
  const importForm = page.getByRole("form", { name: "Import a registry" });
  await importForm.getByRole("button", { name: "Import" }).click();
  await expect(importForm.getByRole("alert")).toContainText(
    'Nothing was imported: 1 row needs fixing.Row 6: Unknown type "SPACESHIP"',
  );
  await page.getByLabel("Registry file", { exact: true }).setInputFiles({
    name: "registry.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(REGISTRY_CSV),
  });
  await importForm.getByRole("button", { name: "Import" }).click();
  await expect(importForm.getByRole("status")).toHaveText("Imported: 4 created, 0 updated.");
  const table = page.getByRole("table", { name: "Sources" });
  await expect(table.getByRole("row")).toHaveCount(5);
  await expect(table.getByRole("row", { name: /South Front/ })).toContainText(
    "D Not usually reliable",
  );

  // The list filters on the server: only South Front has a settled grade.
  await page.getByRole("combobox", { name: /^Grade\b/ }).selectOption("D");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/grade=D/);
  await expect(table.getByRole("row")).toHaveCount(2);

  const documentId = project.documents[0]?.id ?? "";
  annotateAs(ana, documentId, [["UNVERIFIED_CLAIM", "the Iraqi military"], "OPINION"], {
    from: 7,
  });
  annotateAs(ben, documentId, [["SOURCED_FACT", "the Iraqi military"]], { from: 7 });

  // Two analysts grade the source.
  const anaPage = await as(browser, ana);
  await openSource(anaPage, slug, "the Iraqi military");
  await gradeOwn(anaPage, "B", "Ana: usually borne out later");
  const benPage = await as(browser, ben);
  await openSource(benPage, slug, "the Iraqi military");
  await gradeOwn(benPage, "D", "Ben: casualty figures inflated");

  // The reviewer settles the grade twice; the history keeps both.
  const rita = await as(browser, reviewer);
  await openSource(rita, slug, "the Iraqi military");
  const grades = rita.getByRole("table", { name: "Each annotator's grade" });
  await expect(grades.getByRole("row", { name: /Ana Analyst/ })).toContainText("B");
  await expect(grades.getByRole("row", { name: /Ben Analyst/ })).toContainText("D");
  await expect(rita.getByTestId("grade-spread")).toContainText("2 annotators graded");
  await rita.getByLabel("Settled grade").selectOption("C");
  await rita
    .getByLabel("Rationale", { exact: true })
    .fill("Official, but partial in its own cause");
  await rita.getByRole("button", { name: "Settle grade" }).click();
  await expect(rita.getByTestId("settled-grade")).toContainText("C Fairly reliable");
  await rita.getByLabel("Settled grade").selectOption("B");
  await rita.getByLabel("Rationale", { exact: true }).fill("Confirmed by satellite imagery twice");
  await rita.getByRole("button", { name: "Settle grade" }).click();
  await expect(rita.getByTestId("settled-grade")).toContainText("B Usually reliable");
  await expect(rita.getByTestId("settled-grade")).toContainText("Rita Reviewer");
  const history = rita.getByRole("list", { name: "Grade history" });
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history).toContainText("Official, but partial in its own cause");
  // Both analysts' sentence (one, tagged twice) with its document link into review.
  const sentences = rita.getByRole("list", { name: "Attributed sentences" });
  await expect(sentences.getByRole("listitem").filter({ hasText: "sentence 8" })).toHaveCount(1);
  await expect(sentences).toContainText("Ana Analyst: Unverified claim");
  await expect(sentences).toContainText("Ben Analyst: Sourced fact");
  await expect(sentences.getByRole("link").first()).toHaveAttribute(
    "href",
    `/projects/${slug}/review/${documentId}`,
  );
  await expect(rita.getByTestId("label-mix")).toContainText("Sourced fact1");

  // In this blind project Ana sees her own grade, the settled one, and nothing of Ben's.
  await anaPage.reload();
  await expect(anaPage.getByTestId("settled-grade")).toContainText("B Usually reliable");
  await expect(anaPage.getByLabel("Your grade")).toHaveValue("B");
  await expect(anaPage.getByText("you see only your own grade and annotations")).toBeVisible();
  await expect(anaPage.getByRole("table", { name: "Each annotator's grade" })).toHaveCount(0);
  const html = await anaPage.content();
  expect(html).not.toContain("Ben Analyst");
  expect(html).not.toContain("casualty figures inflated");
  await expect(anaPage.getByRole("list", { name: "Attributed sentences" })).toContainText(
    "You: Unverified claim",
  );

  // The dashboard shows agreement on the grades.
  await rita.goto(`/projects/${slug}/dashboard`);
  await expect(rita.getByRole("heading", { name: "Agreement on grades" })).toBeVisible();
  await expect(rita.getByTestId("reliability-agreement")).toContainText(
    "Sources graded / pairable",
  );
  await expect(rita.getByTestId("reliability-agreement-alpha")).toHaveText(
    /^(-?\d\.\d{3}|undefined)$/,
  );
});
