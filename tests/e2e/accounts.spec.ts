import { expect, test } from "@playwright/test";
import { createUser, signIn } from "./support/data";

test("an admin invites an analyst, who sets a password through the one-time link", async ({
  page,
  browser,
}) => {
  const admin = createUser({ admin: true });
  await signIn(page, admin);
  await page.goto("/admin/users");
  const email = `analyst-${Date.now()}@example.org`;
  await page.getByLabel("Name").fill("Ana Lyst");
  await page.getByLabel("Email").fill("not an email");
  await page.getByRole("button", { name: "Create and get invite link" }).click();
  await expect(page.getByText("Enter a valid email address.").first()).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Ana Lyst");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Create and get invite link" }).click();
  const link = await page.getByLabel("Invite link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

  const other = await browser.newContext();
  const analyst = await other.newPage();
  await analyst.goto(link);
  await analyst.getByLabel("New password", { exact: true }).fill("analyst password 123");
  await analyst.getByLabel("New password again").fill("analyst password 123");
  await analyst.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(analyst.getByRole("heading", { name: "Projects" })).toBeVisible();
  // The link is spent.
  await analyst.goto(link);
  await expect(analyst.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  // Not an admin: the users page does not exist for them.
  expect((await analyst.goto("/admin/users"))?.status()).toBe(404);
  await other.close();
});

test("a token created on the tokens page lists the admin's projects over the API", async ({
  page,
  request,
}) => {
  const admin = createUser({ admin: true });
  await signIn(page, admin);
  await page.goto("/account/tokens");
  await page.getByLabel("Token name").fill("e2e");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("New token").inputValue();
  const res = await request.get("/api/projects", { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { projects: Array<{ slug: string }> };
  expect(body.projects.length).toBeGreaterThan(0);
  expect((await request.get("/api/projects")).status()).toBe(401);
});

test("a server action posted with a foreign Origin is rejected", async ({ page }) => {
  const user = createUser();
  await page.goto("/login");
  let status = 0;
  await page.route("**/login", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch({
      headers: { ...route.request().headers(), origin: "https://evil.example" },
    });
    status = response.status();
    await route.fulfill({ response });
  });
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(() => status).toBeGreaterThanOrEqual(400);
  await page.unroute("**/login");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("x-middleware-subrequest grants nothing", async ({ request }) => {
  const header = {
    "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
  };
  const page = await request.get("/admin/users", { headers: header, maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toContain("/login");
  expect((await request.get("/api/me", { headers: header })).status()).toBe(401);
});
