import { expect, test } from "@playwright/test";
import type { Label } from "@/lib/domain/annotation";
import { annotateAs, createProject, createUser, signIn } from "./support/data";

const F: Label = "SOURCED_FACT";
const C: Label = "UNVERIFIED_CLAIM";
const O: Label = "OPINION";

test("a reviewer settles every disagreement from the queue by keyboard; the dashboard and API agree; analysts see the outcome", async ({
  page,
  browser,
}) => {
  const reviewer = createUser({ name: "Rita Reviewer" });
  const analysts = [
    createUser({ name: "Ana" }),
    createUser({ name: "Ben" }),
    createUser({ name: "Cy" }),
  ] as const;
  const project = createProject({
    blind: true,
    samples: true,
    members: [
      [reviewer, "REVIEWER"],
      ...analysts.map((a) => [a, "ANNOTATOR"] as [typeof a, "ANNOTATOR"]),
    ],
  });
  const documentId = project.documents[0]?.id ?? "";
  // From sentence 7, past the sample's boilerplate header (excluded from review):
  // the 2nd, 3rd and 5th tagged sentences are disagreements, the others unanimous.
  annotateAs(analysts[0], documentId, [F, F, O, C, F, O], { from: 7, submit: true });
  annotateAs(analysts[1], documentId, [F, C, O, C, O, O], { from: 7, submit: true });
  annotateAs(analysts[2], documentId, [F, C, F, C, F, O], { from: 7, submit: true });

  await signIn(page, reviewer);
  await page.goto(`/projects/${project.slug}/review`);
  const queue = page.getByRole("list", { name: "Sentences to review" });
  const items = queue.getByRole("listitem");
  await expect(items).toHaveCount(3);
  // The first item has focus; "a" accepts the majority and moves on, three times.
  await expect(items.first()).toBeFocused();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("a");
    await expect(items.nth(i)).toHaveAttribute("data-status", "RESOLVED");
  }

  // The reviewer explains one decision in the sentence's thread.
  const first = items.first();
  await first.getByText("Comments (0)").click();
  await first
    .getByLabel("Add a comment")
    .fill("Ben: the ministry is named, so this is a sourced fact.");
  await first.getByRole("button", { name: "Post comment" }).click();
  await expect(first.getByRole("list", { name: "Comments" })).toContainText(
    "the ministry is named",
  );
  await expect(first.getByText("Comments (1)")).toBeVisible();

  await page.goto(`/projects/${project.slug}/dashboard`);
  const alphaText = (await page.getByTestId("alpha").textContent())?.trim() ?? "";
  expect(alphaText).toMatch(/^-?\d\.\d{3}$/);
  await expect(page.getByTestId("alpha-interval")).toHaveText(/^-?\d\.\d{3} – -?\d\.\d{3}$/);
  await expect(
    page.getByRole("heading", { name: "Cohen's kappa per annotator pair" }),
  ).toBeVisible();

  // The API gives the same figure the page shows.
  const api = await page.request.get(`/api/projects/${project.slug}/agreement`);
  expect(api.status()).toBe(200);
  const figures = (await api.json()) as {
    alpha: { defined: boolean; value?: number };
    pairs: unknown[];
  };
  expect(figures.alpha.defined).toBe(true);
  expect(figures.alpha.value?.toFixed(3)).toBe(alphaText);
  expect(figures.pairs).toHaveLength(3);

  // Ben tagged one of them differently from the settled gold label and sees it on his feedback page.
  const ben = await browser.newPage();
  await signIn(ben, analysts[1]);
  await ben.goto(`/projects/${project.slug}/feedback`);
  await expect(ben.getByRole("heading", { name: "Where your tag differed" })).toBeVisible();
  await expect(
    ben.getByText("Nothing yet: no resolved sentence differs from your tag."),
  ).toHaveCount(0);
  await ben.close();
});
