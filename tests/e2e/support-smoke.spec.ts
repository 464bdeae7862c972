import { expect, test } from "@playwright/test";
import { createProject, createUser, signIn } from "./support/data";

test("a member sees their project and an outsider gets 404", async ({ page, browser }) => {
  const member = createUser();
  const outsider = createUser();
  const project = createProject({ members: [[member, "ANNOTATOR"]], samples: true });
  expect(project.documents).toHaveLength(2);

  await signIn(page, member);
  await page.goto(`/projects/${project.slug}`);
  await expect(page.getByRole("table").getByRole("link")).toHaveCount(2);

  const other = await browser.newPage();
  await signIn(other, outsider);
  const response = await other.goto(
    `/projects/${project.slug}/documents/${project.documents[0]?.id}`,
  );
  expect(response?.status()).toBe(404);
  await other.close();
});
