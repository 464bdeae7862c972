import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import {
  changePassword,
  createUserAccount,
  listUsers,
  loadActiveUser,
  resetPasswordLink,
  updateUserStatus,
  verifyCredentials,
} from "@/lib/server/accounts/users";
import { checkInvite, acceptInvite } from "@/lib/server/accounts/invites";
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_IP,
  ThrottledError,
} from "@/lib/server/accounts/throttle";
import { runUserCommand } from "@/scripts/lib/user-commands";
import { createUser } from "../support/factories";

afterAll(disconnectDb);

const password = "a long enough password";
const uniqueEmail = (tag: string) =>
  `${tag}-${Math.random().toString(36).slice(2, 10)}@example.org`;

describe("users admin", () => {
  it("lets only administrators list and create users", async () => {
    const admin = await createUser({ admin: true });
    const user = await createUser();
    await expect(listUsers({ actor: user })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      createUserAccount({ actor: user, input: { name: "X", email: uniqueEmail("x") } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { user: created, invite } = await createUserAccount({
      actor: admin,
      input: { name: "Ana", email: uniqueEmail("Ana") },
    });
    expect(invite?.token).toBeTruthy();
    expect(created.isAdmin).toBe(false);
    expect((await listUsers({ actor: admin })).find((u) => u.id === created.id)).toMatchObject({
      pendingInvite: true,
      hasPassword: false,
    });
    await expect(
      createUserAccount({
        actor: admin,
        input: { name: "Dup", email: created.email.toUpperCase() },
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { email: expect.any(Array) },
    });
    expect(
      await db.auditEvent.count({
        where: { action: "user.invite", entityId: created.id, actorId: admin.id },
      }),
    ).toBe(1);
  });

  it("rejects bad input with field errors and writes nothing", async () => {
    const admin = await createUser({ admin: true });
    const before = await db.user.count();
    await expect(
      createUserAccount({
        actor: admin,
        input: { name: "", email: "not-an-email", password: "short" },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        name: expect.any(Array),
        email: expect.any(Array),
        password: expect.any(Array),
      },
    });
    expect(await db.user.count()).toBe(before);
  });
});

describe("invites", () => {
  it("set a password once, then the link is spent", async () => {
    const admin = await createUser({ admin: true });
    const { user, invite } = await createUserAccount({
      actor: admin,
      input: { name: "Bo", email: uniqueEmail("bo") },
    });
    const token = invite?.token ?? "";
    expect(await checkInvite(token)).toMatchObject({ email: user.email });
    await expect(
      acceptInvite({ token, password: "short", confirmPassword: "short" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await acceptInvite({ token, password, confirmPassword: password })).toEqual({
      email: user.email,
    });
    expect(await verifyCredentials({ email: user.email, password })).toMatchObject({ id: user.id });
    expect(await checkInvite(token)).toBeNull();
    await expect(
      acceptInvite({ token, password, confirmPassword: password }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("expire after their time, and a reset link replaces the earlier one", async () => {
    const admin = await createUser({ admin: true });
    const { user, invite } = await createUserAccount({
      actor: admin,
      input: { name: "Cy", email: uniqueEmail("cy") },
    });
    const first = invite?.token ?? "";
    const expiresInDays = ((invite?.expiresAt.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(expiresInDays).toBeGreaterThan(6.9);
    expect(expiresInDays).toBeLessThanOrEqual(7);
    await db.invite.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await checkInvite(first)).toBeNull();
    await expect(
      acceptInvite({ token: first, password, confirmPassword: password }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    const second = await resetPasswordLink({ actor: admin, userId: user.id });
    const third = await resetPasswordLink({ actor: admin, userId: user.id });
    expect(await checkInvite(second.token)).toBeNull();
    await acceptInvite({ token: third.token, password, confirmPassword: password });
    expect(
      await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } }),
    ).toMatchObject({ passwordHash: expect.stringMatching(/^\$argon2id/) });
  });
});

describe("the last-admin rule", () => {
  it("keeps at least one active administrator, even when two demote each other at once", async () => {
    await db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "USER" } });
    const a = await createUser({ admin: true });
    const b = await createUser({ admin: true });
    const results = await Promise.allSettled([
      updateUserStatus({ actor: a, userId: b.id, change: "unmake-admin" }),
      updateUserStatus({ actor: b, userId: a.id, change: "unmake-admin" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { role: "ADMIN", disabledAt: null } })).toBe(1);
    const last = (
      await db.user.findFirstOrThrow({
        where: { role: "ADMIN", disabledAt: null },
        select: { id: true },
      })
    ).id;
    const lastActor = last === a.id ? a : b;
    await expect(
      updateUserStatus({ actor: lastActor, userId: last, change: "disable" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      updateUserStatus({ actor: lastActor, userId: last, change: "unmake-admin" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await loadActiveUser(last)).toMatchObject({ isAdmin: true });
  });

  it("disables and enables users, with effect on the next request", async () => {
    const admin = await createUser({ admin: true });
    const user = await createUser({ password });
    await updateUserStatus({ actor: admin, userId: user.id, change: "disable" });
    expect(await loadActiveUser(user.id)).toBeNull();
    expect(await verifyCredentials({ email: user.email, password })).toBeNull();
    await updateUserStatus({ actor: admin, userId: user.id, change: "enable" });
    expect(await loadActiveUser(user.id)).toMatchObject({ id: user.id });
    await updateUserStatus({ actor: admin, userId: user.id, change: "make-admin" });
    expect(await loadActiveUser(user.id)).toMatchObject({ isAdmin: true });
    await expect(
      updateUserStatus({ actor: admin, userId: "not-a-uuid", change: "disable" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const actions = await db.auditEvent.findMany({
      where: { entityId: user.id, action: { startsWith: "user." } },
      select: { action: true },
      orderBy: { id: "asc" },
    });
    expect(actions.map((x) => x.action)).toEqual([
      "user.disable",
      "user.enable",
      "user.make-admin",
    ]);
  });
});

describe("own account", () => {
  it("changes the password only with the current one", async () => {
    const user = await createUser({ password });
    const next = "another long password";
    await expect(
      changePassword({
        actor: user,
        input: { currentPassword: "wrong", newPassword: next, confirmPassword: next },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { currentPassword: expect.any(Array) },
    });
    await changePassword({
      actor: user,
      input: { currentPassword: password, newPassword: next, confirmPassword: next },
    });
    expect(await verifyCredentials({ email: user.email, password: next })).toMatchObject({
      id: user.id,
    });
  });
});

describe("login throttling", () => {
  it("blocks an account after 5 failures in the window, before checking the password, and says when to retry", async () => {
    const user = await createUser({ password });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect(
        await verifyCredentials(
          { email: user.email, password: "wrong password" },
          { ip: "10.0.0.1" },
        ),
      ).toBeNull();
    }
    const error = await verifyCredentials(
      { email: user.email, password },
      { ip: "10.0.0.2" },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error instanceof ThrottledError && error.retryAfterSeconds).toBeGreaterThan(800);
    // The same for an email that does not exist: the answer never reveals which emails do.
    const ghost = uniqueEmail("ghost");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++)
      await verifyCredentials({ email: ghost, password }, { ip: "10.0.0.3" });
    await expect(
      verifyCredentials({ email: ghost, password }, { ip: "10.0.0.4" }),
    ).rejects.toBeInstanceOf(ThrottledError);
    // Failures that have left the 15-minute window no longer count.
    await db.loginAttempt.updateMany({
      where: { email: user.email },
      data: { createdAt: new Date(Date.now() - 16 * 60_000) },
    });
    expect(
      await verifyCredentials({ email: user.email, password }, { ip: "10.0.0.2" }),
    ).toMatchObject({ id: user.id });
  });

  it("blocks an address after 20 failures across accounts", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++)
      await verifyCredentials({ email: uniqueEmail("spray"), password }, { ip });
    const user = await createUser({ password });
    await expect(verifyCredentials({ email: user.email, password }, { ip })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    expect(
      await verifyCredentials({ email: user.email, password }, { ip: "192.0.2.78" }),
    ).toMatchObject({ id: user.id });
  });
});

describe("the user CLI", () => {
  const io = (lines: string[], pw = password) => ({
    out: (l: string) => lines.push(l),
    readPassword: () => Promise.resolve(pw),
    baseUrl: "http://localhost:3000",
  });

  it("creates, lists and disables users through the same server functions", async () => {
    const lines: string[] = [];
    const email = uniqueEmail("cli");
    await runUserCommand(
      ["create", "--email", email, "--name", "Cli User", "--admin", "--password-stdin"],
      io(lines),
    );
    expect(await verifyCredentials({ email, password })).toMatchObject({ isAdmin: true });
    await runUserCommand(["list"], io(lines));
    expect(lines.some((l) => l.startsWith(`${email}\tCli User\tadmin, active`))).toBe(true);
    await runUserCommand(["disable", "--email", email], io(lines));
    expect(
      await db.user.findUniqueOrThrow({ where: { email }, select: { disabledAt: true } }),
    ).toMatchObject({ disabledAt: expect.any(Date) });
    const invited = uniqueEmail("inv");
    await runUserCommand(
      ["create", "--email", invited, "--name", "Invited", "--invite"],
      io(lines),
    );
    expect(lines.at(-1)).toMatch(/http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(
      await db.auditEvent.count({
        where: { action: "user.create", actorId: null, after: { path: ["via"], equals: "cli" } },
      }),
    ).toBeGreaterThan(0);
  });

  it("rejects a short password and an unknown user with clear messages", async () => {
    await expect(
      runUserCommand(
        ["create", "--email", uniqueEmail("s"), "--name", "S", "--password-stdin"],
        io([], "short"),
      ),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("12 characters"),
    });
    await expect(
      runUserCommand(["disable", "--email", uniqueEmail("nobody")], io([])),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(runUserCommand(["frobnicate"], io([]))).rejects.toThrow(/Unknown command/);
  });
});
