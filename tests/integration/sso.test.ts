import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { enabledSsoProviders, resolveSsoSignIn, SsoRefused } from "@/lib/server/accounts/sso";
import { createUser } from "../support/factories";

afterAll(disconnectDb);

describe("single sign-on", () => {
  it("links a verified email to the existing account once, then signs in by the link", async () => {
    const user = await createUser();
    const identity = {
      provider: "oidc",
      providerAccountId: `sub-${user.id}`,
      email: user.email.toUpperCase(),
      emailVerified: true,
    };
    expect(await resolveSsoSignIn(identity)).toBe(user.id);
    expect(await db.oAuthAccount.count({ where: { userId: user.id } })).toBe(1);
    // Later sign-ins follow the link even if the provider's email changed.
    expect(await resolveSsoSignIn({ ...identity, email: "changed@example.org" })).toBe(user.id);
    expect(await db.oAuthAccount.count({ where: { userId: user.id } })).toBe(1);
    const actions = await db.auditEvent.findMany({
      where: { actorId: user.id },
      select: { action: true },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["auth.sso-link", "auth.sign-in", "auth.sign-in"]);
  });

  it("refuses unverified emails, unknown emails and disabled accounts, creating no user", async () => {
    const users = await db.user.count();
    const known = await createUser();
    const disabled = await createUser({ disabled: true });
    const cases: Array<[Parameters<typeof resolveSsoSignIn>[0], string]> = [
      [
        { provider: "github", providerAccountId: "1", email: known.email, emailVerified: false },
        "unverified",
      ],
      [
        {
          provider: "github",
          providerAccountId: "2",
          email: "stranger@example.org",
          emailVerified: true,
        },
        "no-account",
      ],
      [
        { provider: "github", providerAccountId: "3", email: disabled.email, emailVerified: true },
        "no-account",
      ],
    ];
    for (const [identity, code] of cases) {
      const error = await resolveSsoSignIn(identity).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SsoRefused);
      expect(error instanceof SsoRefused && error.refusal).toBe(code);
    }
    expect(await db.user.count()).toBe(users + 2);
    expect(await db.oAuthAccount.count({ where: { provider: "github" } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "auth.sso-refused" } })).toBe(3);
  });

  it("never makes anyone an admin", async () => {
    const user = await createUser();
    await resolveSsoSignIn({
      provider: "oidc",
      providerAccountId: `x-${user.id}`,
      email: user.email,
      emailVerified: true,
    });
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { role: true } })).role,
    ).toBe("USER");
  });

  it("offers each provider only when its variables are set", () => {
    expect(enabledSsoProviders({})).toEqual([]);
    expect(enabledSsoProviders({ AUTH_GITHUB_ID: "id" })).toEqual([]);
    expect(enabledSsoProviders({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "s" })).toEqual([
      { id: "github", name: "GitHub" },
    ]);
    expect(
      enabledSsoProviders({
        AUTH_OIDC_ISSUER: "https://idp.example",
        AUTH_OIDC_ID: "i",
        AUTH_OIDC_SECRET: "s",
        AUTH_OIDC_NAME: "Newsroom SSO",
      }),
    ).toEqual([{ id: "oidc", name: "Newsroom SSO" }]);
  });
});
