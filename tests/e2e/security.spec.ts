import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createUser, signIn } from "./support/data";

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
