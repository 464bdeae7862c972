import { expect, test } from "@playwright/test";

// One journey on a fresh database: the order of these steps is the point.
test.describe.configure({ mode: "serial" });

const admin = {
  name: "Ada Analyst",
  email: `ada.${Date.now()}@example.org`,
  password: "correct horse battery staple",
};

test("any page leads a first visitor to setup, which refuses a short password", async ({
  page,
}) => {
  await page.goto("/projects/sample-south-front");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Sourcelight" })).toBeVisible();

  await page.getByLabel("Your name").fill(admin.name);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill("too short");
  await page.getByLabel("Confirm password").fill("too short");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText("Use at least 12 characters.").first()).toBeVisible();
  // What was typed is kept.
  await expect(page.getByLabel("Email")).toHaveValue(admin.email);
});

test("setup creates the admin, signs in and shows the sample project", async ({ page }) => {
  await page.goto("/setup");
  await page.getByLabel("Your name").fill(admin.name);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByLabel("Confirm password").fill(admin.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Sample: South Front reports/ })).toBeVisible();
});

test("once an admin exists, setup answers 404", async ({ page }) => {
  const response = await page.goto("/setup");
  expect(response?.status()).toBe(404);
});

test("sign in, open the sample project and read an article sentence by sentence", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill("wrong password, surely");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "The email or password is incorrect.",
  );

  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: /Sample: South Front reports/ }).click();

  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3); // header + the two sample articles
  const articles = page.getByRole("table").getByRole("link");
  await expect(articles).toHaveCount(2);

  const title = (await articles.first().textContent())?.trim() ?? "";
  await articles.first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const sentences = page.getByRole("list", { name: "Sentences" }).locator("[data-sentence-index]");
  expect(await sentences.count()).toBeGreaterThan(10);
  await expect(sentences.first()).toBeVisible();
  // Keyboard first: the current sentence has focus on arrival, so keys work at once.
  await expect(
    page.getByRole("list", { name: "Sentences" }).locator('li[tabindex="0"]'),
  ).toBeFocused();
});

test("health reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", db: "ok" });
});
