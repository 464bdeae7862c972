/**
 * Revocable sessions (issue 15): a session cookie kept from before sign-out, a
 * password change, disabling or "sign out of all devices" is refused
 * afterwards. The cookies are real Auth.js JWTs, checked by the same code that
 * checks every request's cookie (authenticateRequest, loadSessionUser).
 */
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/me/route";
import { db, disconnectDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { authenticateRequest } from "@/lib/server/accounts/api-auth";
import {
  currentSessionVersion,
  endAllSessions,
  endSession,
  loadSessionUser,
} from "@/lib/server/accounts/sessions";
import { changePassword, resetPasswordLink, updateUserStatus } from "@/lib/server/accounts/users";
import { acceptInvite } from "@/lib/server/accounts/invites";
import { createUser } from "../support/factories";

afterAll(disconnectDb);

const secret = "test-secret-for-session-cookies-0123456789";
const COOKIE = "authjs.session-token";
beforeAll(() => {
  process.env.AUTH_SECRET = secret;
});

/** The cookie a sign-in issues now: the user's id and current session version. */
async function signedInCookie(user: Actor): Promise<string> {
  const sv = await currentSessionVersion(user.id);
  const jwt = await encode({ token: { sub: user.id, sv }, secret, salt: COOKIE, maxAge: 3600 });
  return `${COOKIE}=${jwt}`;
}

function meRequest(cookie: string) {
  return new Request("http://sourcelight.test/api/me", {
    headers: { host: "sourcelight.test", cookie },
  });
}

async function accepted(cookie: string): Promise<boolean> {
  return (await authenticateRequest(meRequest(cookie))) !== null;
}

const PASSWORD = "the first long password";

describe("a session cookie from before", () => {
  it("sign-out is refused afterwards, and a new sign-in works", async () => {
    const user = await createUser();
    const kept = await signedInCookie(user);
    const otherDevice = await signedInCookie(user);
    expect((await getMe(meRequest(kept))).status).toBe(200);

    await endSession({ userId: user.id, sessionVersion: await currentSessionVersion(user.id) });

    expect((await getMe(meRequest(kept))).status).toBe(401);
    expect(await accepted(otherDevice)).toBe(false);
    expect(await accepted(await signedInCookie(user))).toBe(true);
    expect(
      await db.auditEvent.count({ where: { action: "auth.sign-out", actorId: user.id } }),
    ).toBe(1);
  });

  it("an ended cookie sent to sign-out again does not end the newer sessions", async () => {
    const user = await createUser();
    const old = await currentSessionVersion(user.id);
    await endSession({ userId: user.id, sessionVersion: old });
    const fresh = await signedInCookie(user);

    await endSession({ userId: user.id, sessionVersion: old });

    expect(await accepted(fresh)).toBe(true);
  });

  it("a password change is refused afterwards", async () => {
    const user = await createUser({ password: PASSWORD });
    const kept = await signedInCookie(user);
    await changePassword({
      actor: user,
      input: {
        currentPassword: PASSWORD,
        newPassword: "the second long password",
        confirmPassword: "the second long password",
      },
    });
    expect(await accepted(kept)).toBe(false);
    expect(await accepted(await signedInCookie(user))).toBe(true);
  });

  it("a refused password change ends nothing", async () => {
    const user = await createUser({ password: PASSWORD });
    const kept = await signedInCookie(user);
    await expect(
      changePassword({
        actor: user,
        input: {
          currentPassword: "not the password",
          newPassword: "the second long password",
          confirmPassword: "the second long password",
        },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await accepted(kept)).toBe(true);
  });

  it("a password reset through an invite link is refused afterwards", async () => {
    const admin = await createUser({ admin: true });
    const user = await createUser({ password: PASSWORD });
    const kept = await signedInCookie(user);
    const { token } = await resetPasswordLink({ actor: admin, userId: user.id });
    expect(await accepted(kept)).toBe(true);
    await acceptInvite({
      token,
      password: "a reset long password",
      confirmPassword: "a reset long password",
    });
    expect(await accepted(kept)).toBe(false);
  });

  it("disabling is refused afterwards, and stays refused when the account is enabled again", async () => {
    const admin = await createUser({ admin: true });
    const user = await createUser();
    const kept = await signedInCookie(user);
    await updateUserStatus({ actor: admin, userId: user.id, change: "disable" });
    expect(await accepted(kept)).toBe(false);
    await updateUserStatus({ actor: admin, userId: user.id, change: "enable" });
    expect(await accepted(kept)).toBe(false);
    expect(await accepted(await signedInCookie(user))).toBe(true);
  });

  it("'sign out of all devices' is refused afterwards, the caller's own cookie included", async () => {
    const user = await createUser();
    const laptop = await signedInCookie(user);
    const phone = await signedInCookie(user);
    await endAllSessions({ actor: user, userId: user.id });
    expect(await accepted(laptop)).toBe(false);
    expect(await accepted(phone)).toBe(false);
    expect(
      await db.auditEvent.count({
        where: { action: "user.sign-out-everywhere", entityId: user.id, actorId: user.id },
      }),
    ).toBe(1);
  });

  it("an administrator signing a user out everywhere is refused afterwards; others may not", async () => {
    const admin = await createUser({ admin: true });
    const stranger = await createUser();
    const user = await createUser();
    const kept = await signedInCookie(user);
    await expect(endAllSessions({ actor: stranger, userId: user.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await accepted(kept)).toBe(true);
    await endAllSessions({ actor: admin, userId: user.id });
    expect(await accepted(kept)).toBe(false);
    expect(await accepted(await signedInCookie(admin))).toBe(true);
    await expect(
      endAllSessions({ actor: admin, userId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("session claims", () => {
  it("a cookie from before session versions counts as version 0", async () => {
    const user = await createUser();
    const legacy = await encode({ token: { sub: user.id }, secret, salt: COOKIE, maxAge: 3600 });
    expect(await accepted(`${COOKIE}=${legacy}`)).toBe(true);
    await endAllSessions({ actor: user, userId: user.id });
    expect(await accepted(`${COOKIE}=${legacy}`)).toBe(false);
  });

  it("loadSessionUser refuses a wrong version, a malformed id and a disabled account", async () => {
    const user = await createUser();
    const disabled = await createUser({ disabled: true });
    expect(await loadSessionUser({ userId: user.id, sessionVersion: 0 })).toMatchObject({
      id: user.id,
    });
    expect(await loadSessionUser({ userId: user.id, sessionVersion: 1 })).toBeNull();
    expect(await loadSessionUser({ userId: "not-a-uuid", sessionVersion: 0 })).toBeNull();
    expect(await loadSessionUser({ userId: disabled.id, sessionVersion: 0 })).toBeNull();
  });
});
