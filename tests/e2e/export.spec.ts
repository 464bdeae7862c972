import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { annotateAs, createProject, createUser, signIn } from "./support/data";

test("an owner estimates and downloads CSV, JSONL and Parquet with its card, and re-imports the JSONL into a fresh project; an annotator cannot export", async ({
  page,
  browser,
  request,
}) => {
  const owner = createUser();
  const annotator = createUser();
  const project = createProject({
    members: [
      [owner, "OWNER"],
      [annotator, "ANNOTATOR"],
    ],
    samples: true,
  });
  const firstDocument = project.documents[0];
  if (!firstDocument) throw new Error("the sample project has no documents");
  // Past the byline and header lines, which are boilerplate and left out of exports by default.
  annotateAs(
    annotator,
    firstDocument.id,
    ["SOURCED_FACT", "OPINION", ["UNVERIFIED_CLAIM", "Iraqi army"]],
    { from: 7 },
  );

  await signIn(page, owner);
  await page.goto(`/projects/${project.slug}`);
  await page.getByRole("link", { name: "Export" }).click();
  await expect(page.getByRole("heading", { name: "Export the dataset" })).toBeVisible();

  await page.getByRole("button", { name: "Estimate size" }).click();
  await expect(page.getByTestId("export-estimate")).toContainText("2 documents");
  await expect(page.getByTestId("export-estimate")).toContainText("as JSONL");

  // Another format is another size: the shown estimate follows the form.
  await page.getByLabel(/^CSV/).check();
  await expect(page.getByTestId("export-estimate")).toContainText("as CSV");
  await page.getByLabel("CSV: add a byte order mark for Excel").check();
  const csvDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download" }).click();
  const csv = await readFile((await (await csvDownload).path()) ?? "", "utf8");
  expect(csv.startsWith("\uFEFFdocument_id,document_title,sentence_index")).toBe(true);
  await expect(page.getByText(/^Downloaded /)).toBeVisible();

  await page.getByLabel(/^JSONL/).check();
  // With emails, a re-import finds the annotators again instead of making placeholders.
  await page.getByLabel("Names and emails").check();
  const jsonlDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download" }).click();
  const download = await jsonlDownload;
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^${project.slug}-\\d{4}-\\d{2}-\\d{2}\\.jsonl$`),
  );
  const lines = (await readFile((await download.path()) ?? "", "utf8")).trimEnd().split("\n");
  expect(lines.length).toBeGreaterThan(2);
  for (const line of lines) expect(JSON.parse(line)).toHaveProperty("sentence.text");

  // The JSONL export goes back in through the import page of a fresh project, tags and all.
  const fresh = createProject({ members: [[owner, "OWNER"]] });
  await page.goto(`/projects/${fresh.slug}/import`);
  await page.getByLabel("Choose files").setInputFiles([
    {
      name: "dataset.jsonl",
      mimeType: "application/x-ndjson",
      buffer: Buffer.from(lines.join("\n")),
    },
  ]);
  const restored = page
    .getByRole("list", { name: "Uploaded files" })
    .getByRole("listitem", { name: "dataset.jsonl", exact: true });
  await expect(restored.getByRole("status")).toHaveText(
    "Imported 2 documents, with 3 annotations and 0 adjudications",
  );
  await page.goto(`/projects/${fresh.slug}/sources`);
  await expect(page.getByRole("table", { name: "Sources" })).toContainText("Iraqi army");
  await page.goto(`/projects/${project.slug}/export`);

  // Parquet is a plain file unless the dataset card is asked for; then the button says zip.
  await page.getByLabel(/^Parquet/).check();
  await expect(page.getByRole("checkbox", { name: /Add a dataset card/ })).not.toBeChecked();
  const plainParquet = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download", exact: true }).click();
  const plain = await plainParquet;
  expect(plain.suggestedFilename()).toMatch(/\.parquet$/);
  expect((await readFile((await plain.path()) ?? "")).subarray(0, 4).toString("latin1")).toBe(
    "PAR1",
  );
  await page.getByRole("checkbox", { name: /Add a dataset card/ }).check();
  const parquetDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download zip" }).click();
  const zipped = await parquetDownload;
  expect(zipped.suggestedFilename()).toMatch(/-parquet\.zip$/);
  const zip = await readFile((await zipped.path()) ?? "");
  expect(zip.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
  // Entry names are stored uncompressed in the zip's directory.
  expect(zip.includes("data/all.parquet")).toBe(true);
  expect(zip.includes("README.md")).toBe(true);

  const other = await browser.newPage();
  await signIn(other, annotator);
  await other.goto(`/projects/${project.slug}`);
  await expect(other.getByRole("link", { name: "Export" })).toHaveCount(0);
  const api = await other.request.get(`/api/projects/${project.slug}/export?format=csv`);
  expect(api.status()).toBe(403);
  await other.close();

  // The `request` fixture carries no session: the API wants a token or a sign-in.
  const anonymous = await request.get(`/api/projects/${project.slug}/export?format=csv`);
  expect(anonymous.status()).toBe(401);
});
