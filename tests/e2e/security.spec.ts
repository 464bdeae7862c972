import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createProject, createUser, signIn } from "./support/data";

/** A second client that replays the page's session cookie, as someone who copied it would. */
async function replayClient(
  page: Page,
  newContext: (options: { extraHTTPHeaders: Record<string, string> }) => Promise<APIRequestContext>,
): Promise<APIRequestContext> {
  const session = (await page.context().cookies()).find((c) =>
    c.name.endsWith("authjs.session-token"),
  );
  expect(session, "a session cookie after sign-in").toBeDefined();
  return newContext({
    extraHTTPHeaders: { cookie: `${session?.name}=${session?.value}` },
  });
}

test("a session cookie kept from before sign-out gets 401 afterwards", async ({
  page,
  playwright,
  baseURL,
}) => {
  const user = createUser();
  await signIn(page, user);
  const replay = await replayClient(page, (options) =>
    playwright.request.newContext({ baseURL, ...options }),
  );
  expect((await replay.get("/api/me")).status()).toBe(200);

  await page.locator("summary", { hasText: user.name }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/login"));

  const after = await replay.get("/api/me");
  expect(after.status()).toBe(401);
  await replay.dispose();
});

test("'Sign out of all devices' ends a session in another browser", async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  const user = createUser();
  await signIn(page, user);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, user);
  const replay = await replayClient(other, (options) =>
    playwright.request.newContext({ baseURL, ...options }),
  );
  expect((await replay.get("/api/me")).status()).toBe(200);

  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out of all devices" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/login"));

  expect((await replay.get("/api/me")).status()).toBe(401);
  await other.goto("/");
  await expect(other).toHaveURL(/\/login/);
  await replay.dispose();
  await otherContext.close();
});

/** Collects CSP violations and script errors a page reports, from the console and the DOM event. */
async function watchViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (
      /Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())
    )
      problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(
        `Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`,
      ),
    );
  });
  return problems;
}

test("security headers are on pages and API answers", async ({ request }) => {
  for (const path of ["/login", "/api/health"]) {
    const res = await request.get(path);
    const headers = res.headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
  const page = (await request.get("/login")).headers()["content-security-policy"] ?? "";
  expect(page).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  const scriptSrc = page.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
  expect(scriptSrc).not.toContain("unsafe-inline");
  const again = (await request.get("/login")).headers()["content-security-policy"];
  expect(again, "a fresh nonce per response").not.toBe(page);
});

test("the main pages load with no CSP violation and still hydrate", async ({ page }) => {
  const problems = await watchViolations(page);
  await page.goto("/login");
  const owner = createUser();
  const project = createProject({ samples: true, members: [[owner, "OWNER"]] });
  await signIn(page, owner);
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();

  const documentId = project.documents[0]?.id;
  expect(documentId).toBeDefined();
  await page.goto(`/projects/${project.slug}/documents/${documentId}`);
  await page.locator('ol[aria-label="Sentences"] li[tabindex="0"]').focus();
  // A key press works only once React has hydrated the workspace.
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");

  for (const path of [
    "/",
    `/projects/${project.slug}/review`,
    `/projects/${project.slug}/dashboard`,
  ]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  // The account menu's client-side navigation runs through hydrated links.
  await page.locator("summary", { hasText: owner.name }).click();
  await page.getByRole("link", { name: "Profile" }).click();
  await expect(page).toHaveURL(/\/account$/);
  expect(problems).toEqual([]);
});

test("a password change keeps this browser signed in and ends the old cookie", async ({
  page,
  playwright,
  baseURL,
}) => {
  const user = createUser();
  await signIn(page, user);
  const replay = await replayClient(page, (options) =>
    playwright.request.newContext({ baseURL, ...options }),
  );
  await page.goto("/account/password");
  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password", { exact: true }).fill("a brand new long password");
  await page.getByLabel("New password again").fill("a brand new long password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();

  expect((await replay.get("/api/me")).status()).toBe(401);
  expect((await page.request.get("/api/me")).status()).toBe(200);
  await replay.dispose();
});
