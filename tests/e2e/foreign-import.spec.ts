import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { createProject, createUser, signIn } from "./support/data";

const EXPORT = fileURLToPath(
  new URL("../fixtures/interop/label-studio-export.json", import.meta.url),
);

test("an owner previews a Label Studio export, confirms the mapping and imports it", async ({
  page,
}) => {
  const owner = createUser();
  const project = createProject({ members: [[owner, "OWNER"]] });
  await signIn(page, owner);
  await page.goto(`/projects/${project.slug}/import`);

  await page.getByLabel("Choose an export").setInputFiles({
    name: "project-7.json",
    mimeType: "application/json",
    buffer: readFileSync(EXPORT),
  });
  const mapping = page.getByRole("form", { name: "Mapping" });
  await expect(mapping).toContainText("Label Studio JSON export: 2 texts, 3 annotations.");
  await expect(mapping).toContainText("1 predictions (only annotations are imported)");
  // Labels are proposed by their names; the owner may change them.
  await expect(mapping.getByLabel("Sourcelight label for “Claim”")).toHaveValue("UNVERIFIED_CLAIM");
  await expect(mapping.getByLabel("Sourcelight label for “Opinion”")).toHaveValue("OPINION");
  // Nobody in the file is a member: nothing is imported until each annotator is decided.
  const submit = mapping.getByRole("button", { name: "Decide 3 more to import" });
  await expect(submit).toBeDisabled();
  await mapping
    .getByLabel("Member for annotator Alice Ahn <alice@example.org>")
    .selectOption({ index: 1 });
  await mapping
    .getByLabel("Member for annotator Bob <bob@example.org>")
    .selectOption({ label: "Leave their work out" });
  await mapping
    .getByLabel("Member for annotator #4")
    .selectOption({ label: "Leave their work out" });
  await mapping.getByRole("button", { name: "Import with this mapping" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toContainText(
    "Imported 2 new documents with 3 sentence labels. 2 annotations left out.",
  );
  await expect(page.getByRole("link", { name: "Dam breach" })).toBeVisible();

  // A broken file is refused with the reason, before any mapping.
  await page.getByLabel("Choose an export").setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from('[{"id": 1, "data": {"text": "Cut o'),
  });
  await expect(page.getByRole("alert").filter({ hasText: "not imported" })).toContainText(
    "This Label Studio export was not imported: The file is not valid JSON",
  );
});
