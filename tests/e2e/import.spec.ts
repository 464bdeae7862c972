import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { createProject, createUser, signIn } from "./support/data";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const file = (rel: string, mimeType: string) => ({
  name: path.basename(rel),
  mimeType,
  buffer: readFileSync(path.join(ROOT, rel)),
});

function jsonl(lines: number): Buffer {
  const records = Array.from({ length: lines }, (_, i) =>
    JSON.stringify({
      text: `Bulletin ${i}: the council said ${i} roads were shut. Residents were told to stay home.`,
      title: `Bulletin ${i}`,
      publisher: "Metro Wire",
      published_at: "2023-03-0" + ((i % 9) + 1),
    }),
  );
  return Buffer.from(records.join("\n"), "utf8");
}

test("an owner drops articles, a web page and JSONL into a project; duplicates and broken files are reported", async ({
  page,
}) => {
  const owner = createUser();
  const project = createProject({ members: [[owner, "OWNER"]] });
  await signIn(page, owner);
  await page.goto(`/projects/${project.slug}`);
  await expect(page.getByText("No documents yet.")).toBeVisible();
  await page.getByRole("link", { name: "Import documents" }).click();
  await expect(page.getByRole("heading", { name: "Import documents" })).toBeVisible();

  await page.getByLabel("Choose files").setInputFiles([
    file("seeds/southfront-2017-06-08-western-iraq.md", "text/markdown"),
    file("seeds/southfront-2017-mosul-pmu-syrian-border.md", "text/markdown"),
    file("tests/fixtures/ingest/news-article.html", "text/html"),
    { name: "bulletins.jsonl", mimeType: "application/x-ndjson", buffer: jsonl(500) },
    {
      name: "broken.txt",
      mimeType: "text/plain",
      // A UTF-16 byte order mark and an odd number of bytes: UTF-16 that does not decode.
      buffer: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02, 0x03, 0x04]),
    },
  ]);
  const files = page.getByRole("list", { name: "Uploaded files" });
  const item = (name: string) => files.getByRole("listitem", { name, exact: true });
  await expect(item("southfront-2017-06-08-western-iraq.md").getByRole("status")).toHaveText(
    "Imported 1 document",
  );
  await expect(item("southfront-2017-mosul-pmu-syrian-border.md").getByRole("status")).toHaveText(
    "Imported 1 document",
  );
  await expect(item("news-article.html").getByRole("status")).toHaveText("Imported 1 document");
  await expect(item("bulletins.jsonl").getByRole("status")).toHaveText("Imported 500 documents", {
    timeout: 60_000,
  });
  await expect(item("broken.txt").getByRole("status")).toHaveText("Failed");
  await expect(item("broken.txt")).toContainText(/UTF-8|binary/i);
  await expect(
    item("news-article.html").getByRole("link", {
      name: "Floods force 12,000 from homes in northern Italy",
    }),
  ).toBeVisible();

  // The same article again is refused, naming the document already there.
  await page
    .getByLabel("Choose files")
    .setInputFiles([file("seeds/southfront-2017-06-08-western-iraq.md", "text/markdown")]);
  await expect(files.getByRole("listitem").last()).toContainText(
    /already in the project as "Video: Pressure on Terrorists/,
  );

  // Dropped onto the drop zone rather than chosen.
  const dropped = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(
      new File(
        ["Dropped report\n\nThe river rose overnight. Farmers moved their herds."],
        "dropped.md",
        { type: "text/markdown" },
      ),
    );
    return data;
  });
  await page.getByText("Drop files here, or").dispatchEvent("drop", { dataTransfer: dropped });
  await expect(item("dropped.md").getByRole("status")).toHaveText("Imported 1 document");

  // Pasted text with a title.
  await page
    .getByRole("textbox", { name: "Text", exact: true })
    .fill("The mayor said the bridge would reopen in May. Engineers doubted it.");
  await page.getByRole("textbox", { name: "Title", exact: true }).fill("Bridge to reopen");
  await page.getByRole("button", { name: "Import text" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Imported Bridge to reopen (2 sentences)." }),
  ).toBeVisible();

  // The list: 504 documents, metadata from the header, search and paging.
  await page.goto(`/projects/${project.slug}`);
  await expect(page.getByText("505 documents")).toBeVisible();
  await page.getByLabel("Search title and text").fill("Liberation of Western Iraq");
  await page.getByRole("button", { name: "Apply" }).click();
  const row = page.getByRole("row").filter({ hasText: "Liberation of Western Iraq" });
  await expect(row).toContainText("Global Research");
  await expect(row).toContainText("9 Jun 2017");
  await expect(page.getByText("1 document match")).toBeVisible();

  await page.goto(`/projects/${project.slug}?sort=title`);
  await expect(page.getByText("Page 1 of 11")).toBeVisible();
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page.getByText("Page 2 of 11")).toBeVisible();
});

test("annotators cannot open the import page", async ({ page }) => {
  const annotator = createUser();
  const project = createProject({ members: [[annotator, "ANNOTATOR"]], samples: true });
  await signIn(page, annotator);
  await page.goto(`/projects/${project.slug}`);
  await expect(page.getByRole("link", { name: "Import documents" })).toHaveCount(0);
  await page.goto(`/projects/${project.slug}/import`);
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: "Only project owners and administrators can import documents." }),
  ).toBeVisible();
  await expect(page.getByLabel("Choose files")).toHaveCount(0);
});

test("an owner corrects a document's details, flips boilerplate, merges and splits sentences", async ({
  page,
}) => {
  const owner = createUser();
  const project = createProject({ members: [[owner, "OWNER"]], samples: true });
  const doc = project.documents[0];
  if (!doc) throw new Error("the sample project has no documents");
  await signIn(page, owner);
  await page.goto(`/projects/${project.slug}/documents/${doc.id}/edit`);

  await page.getByRole("textbox", { name: "Publisher", exact: true }).fill("South Front");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.getByRole("textbox", { name: "Source URL", exact: true }).fill("not a url");
  await page
    .getByRole("textbox", { name: "Source URL", exact: true })
    .evaluate((el) => el.setAttribute("type", "text"));
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(
    page.getByText("The source URL must start with http:// or https://.").first(),
  ).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Publisher", exact: true })).toHaveValue(
    "South Front",
  );

  const sentences = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("button", { name: /Mark as/ }) });
  const before = await sentences.count();
  // Sentence 3 is the "Global Research, June 09, 2017" header line, flagged on import.
  const third = page.getByRole("listitem", { name: "Sentence 3", exact: true });
  await third.getByRole("button", { name: "Mark as content" }).click();
  await expect(third.getByRole("button", { name: "Mark as boilerplate" })).toBeVisible();

  const text = (n: number) =>
    page
      .getByRole("listitem", { name: `Sentence ${n}`, exact: true })
      .locator("[data-sentence-text]");
  const ninth = await text(9).innerText();
  const eighth = page.getByRole("listitem", { name: "Sentence 8", exact: true });
  await eighth.getByRole("button", { name: "Merge with next" }).click();
  await expect(sentences).toHaveCount(before - 1);
  await expect(text(8)).toContainText(ninth);
  await eighth.getByLabel("Split before").fill(ninth.split(" ").slice(0, 3).join(" "));
  await eighth.getByRole("button", { name: "Split" }).click();
  await expect(sentences).toHaveCount(before);
  await expect(text(9)).toHaveText(ninth);
});
