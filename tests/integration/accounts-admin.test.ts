import { afterAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/me/route";
import { db, disconnectDb } from "@/lib/db";
import { requireApiActor } from "@/lib/server/accounts/api-auth";
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
import { createApiToken } from "@/lib/server/accounts/tokens";
import { CLI_OPERATOR } from "@/lib/server/actor";
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_IP,
  ThrottledError,
} from "@/lib/server/accounts/throttle";
import { runUserCommand, USER_USAGE } from "@/scripts/lib/user-commands";
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
    err: (l: string) => lines.push(l),
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

describe("the user CLI's token commands", () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: {
        out: (l: string) => out.push(l),
        err: (l: string) => err.push(l),
        readPassword: () => Promise.reject(new Error("no password is asked for")),
        baseUrl: "http://localhost:3000",
      },
    };
  };
  const bearer = (token: string, method = "GET") =>
    new Request("http://sourcelight.test/api/me", {
      method,
      headers: { host: "sourcelight.test", authorization: `Bearer ${token}` },
    });
  const run = async (argv: string[]) => {
    const t = io();
    await runUserCommand(argv, t.io);
    return t;
  };

  it("prints the usage for help, --help and -h, and refuses an unknown command with it", async () => {
    for (const argv of [["help"], ["--help"], ["-h"], ["token", "create", "--help"]]) {
      const { out, err } = await run(argv);
      expect(out).toEqual([USER_USAGE]);
      expect(err).toEqual([]);
    }
    expect(USER_USAGE).toMatch(/token create --email <email> --name <token name>/);
    await expect(run(["frobnicate"])).rejects.toThrow(
      /^Unknown command "frobnicate"\.\nUsage: npm run user/,
    );
    await expect(run(["token", "mint"])).rejects.toThrow(/^Unknown command "token mint"/);
    await expect(run(["list", "--frob"])).rejects.toMatchObject({
      name: "UserFacingError",
      message: expect.stringMatching(/^Unknown option '--frob'.*--help shows the usage\)$/),
    });
  });

  it("creates a token that authenticates as the account, lists it without its secret, and revokes it", async () => {
    const user = await createUser();
    const created = await run([
      "token",
      "create",
      "--email",
      user.email.toUpperCase(),
      "--name",
      " ci ",
      "--expires-days",
      "30",
    ]);
    // stdout is the token alone, so TOKEN=$(npm run -s user -- token create …) captures it.
    expect(created.out).toHaveLength(1);
    const token = created.out[0] ?? "";
    expect(token).toMatch(/^slt_[A-Za-z0-9_-]{43}$/);
    expect(created.err.join("\n")).toMatch(
      /read-write token "ci" for .*expiring .*shown this once/,
    );

    const me = await getMe(bearer(token));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { id: user.id, email: user.email } });
    await expect(requireApiActor(bearer(token, "POST"), "write")).resolves.toMatchObject({
      id: user.id,
    });
    const row = await db.apiToken.findFirstOrThrow({ where: { userId: user.id, name: "ci" } });
    const days = ((row.expiresAt?.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    // Audited as the operator, like the other account commands, naming whose token it is.
    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { action: "token.create", entityId: row.id },
        select: { actorId: true, after: true },
      }),
    ).toMatchObject({ actorId: null, after: { name: "ci", via: "cli", owner: user.email } });

    const readOnly = await run([
      "token",
      "create",
      "--email",
      user.email,
      "--name",
      "reader",
      "--read-only",
    ]);
    const readToken = readOnly.out[0] ?? "";
    await expect(requireApiActor(bearer(readToken), "read")).resolves.toMatchObject({
      id: user.id,
    });
    await expect(requireApiActor(bearer(readToken, "POST"), "write")).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const listed = await run(["token", "list", "--email", user.email]);
    expect(listed.err).toEqual(["name\tscope\tcreated\tlast used\texpires\trevoked\tstatus"]);
    expect(listed.out.map((l) => l.split("\t"))).toEqual([
      ["reader", "read", expect.any(String), expect.any(String), "never", "-", "active"],
      [
        "ci",
        "read-write",
        row.createdAt.toISOString(),
        expect.any(String),
        row.expiresAt?.toISOString(),
        "-",
        "active",
      ],
    ]);
    expect(listed.out[1]?.split("\t")[3]).not.toBe("never"); // used by the requests above
    expect(listed.out.join("\n")).not.toContain(token);
    expect(listed.out.join("\n")).not.toContain(readToken);

    const revoked = await run(["token", "revoke", "--email", user.email, "--name", "ci"]);
    expect(revoked.out).toEqual([]);
    expect(revoked.err).toEqual([`Revoked token "ci" of ${user.email}.`]);
    expect((await getMe(bearer(token))).status).toBe(401);
    expect((await getMe(bearer(readToken))).status).toBe(200);
    expect(
      await db.auditEvent.count({
        where: { action: "token.revoke", entityId: row.id, actorId: null },
      }),
    ).toBe(1);
    const after = await run(["token", "list", "--email", user.email]);
    expect(after.out[1]?.split("\t").slice(5)).toEqual([expect.any(String), "revoked"]);
    expect(after.out[1]?.split("\t")[5]).not.toBe("-");

    // Again: nothing left to revoke, and saying so is not a failure.
    const again = await run(["token", "revoke", "--email", user.email, "--name", "ci"]);
    expect(again.err).toEqual([`Token "ci" of ${user.email} was already revoked.`]);
    // Its name is free again once revoked.
    const reissued = await run(["token", "create", "--email", user.email, "--name", "ci"]);
    expect((await getMe(bearer(reissued.out[0] ?? ""))).status).toBe(200);
  });

  it("refuses a name that a create still in flight is taking", async () => {
    const user = await createUser();
    let create: Promise<unknown> = Promise.resolve();
    // Another create of "race" holds the name's lock; ours waits for it, then sees its token.
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sourcelight:token-name:${user.id}`}))`;
      create = createApiToken({
        actor: user,
        by: CLI_OPERATOR,
        uniqueName: true,
        input: { name: "race", scope: "READ" },
      }).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.apiToken.create({
        data: { userId: user.id, name: "race", tokenHash: `held-${user.id}`, scope: "READ" },
      });
    });
    expect(await create).toMatchObject({ code: "CONFLICT" });
    expect(await db.apiToken.count({ where: { userId: user.id, name: "race" } })).toBe(1);
  });

  it("revokes every unrevoked token of the name, duplicates made on the account page included", async () => {
    const user = await createUser();
    const a = await createApiToken({ actor: user, input: { name: "dup", scope: "READ" } });
    const b = await createApiToken({ actor: user, input: { name: "dup", scope: "READ" } });
    const { err } = await run(["token", "revoke", "--email", user.email, "--name", "dup"]);
    expect(err).toEqual([`Revoked 2 tokens "dup" of ${user.email}.`]);
    expect((await getMe(bearer(a.token))).status).toBe(401);
    expect((await getMe(bearer(b.token))).status).toBe(401);
  });

  it("refuses bad input with one clear line and changes nothing", async () => {
    const user = await createUser();
    const disabled = await createUser({ disabled: true });
    await run(["token", "create", "--email", user.email, "--name", "ci"]);
    const ours = [user, disabled];
    const tokens = async () =>
      db.apiToken.count({ where: { userId: { in: ours.map((u) => u.id) } } });
    const audits = async () =>
      db.auditEvent.count({
        where: {
          action: { startsWith: "token." },
          OR: ours.map((u) => ({ after: { path: ["owner"], equals: u.email } })),
        },
      });
    const before = { tokens: await tokens(), audits: await audits() };
    const create = (...extra: string[]) => [
      "token",
      "create",
      "--email",
      user.email,
      "--name",
      "new",
      ...extra,
    ];
    const cases: Array<[string[], RegExp]> = [
      [
        ["token", "create", "--email", uniqueEmail("nobody"), "--name", "x"],
        /^No account has the email nobody-.*@example\.org\.$/,
      ],
      [["token", "list", "--email", uniqueEmail("nobody")], /^No account has the email /],
      [
        ["token", "create", "--email", "not-an-email", "--name", "x"],
        /^--email: Enter a valid email address\.$/,
      ],
      [["token", "create", "--name", "x"], /^--email is required/],
      [
        ["token", "create", "--email", disabled.email, "--name", "x"],
        /is disabled, and so are its tokens: enable it first/,
      ],
      [["token", "list", "--email", disabled.email], /is disabled/],
      [
        ["token", "create", "--email", user.email, "--name", "ci"],
        /already has a live token called "ci": revoke it first or choose another name\.$/,
      ],
      [["token", "create", "--email", user.email], /^--name: Give the token a name\.$/],
      [
        ["token", "create", "--email", user.email, "--name", "x".repeat(81)],
        /^--name: Use at most 80 characters\.$/,
      ],
      [
        ["token", "revoke", "--email", user.email, "--name", "nope"],
        /has no token called "nope"\.$/,
      ],
      [["token", "revoke", "--email", user.email], /^--name is required/],
      [create("--expires-days", "0"), /^--expires-days: Use at least 1 day\.$/],
      [create("--expires-days=-1"), /^--expires-days: Use at least 1 day\.$/],
      [create("--expires-days", "-1"), /^--expires-days: Use at least 1 day\.$/],
      [create("--expires-days", "abc"), /^--expires-days: Enter a number of days\.$/],
      [create("--expires-days", "1.5"), /^--expires-days: Enter a whole number of days\.$/],
      [create("--expires-days", "3651"), /^--expires-days: Use at most 3650 days\.$/],
      [create("--expires-days", ""), /^--expires-days needs a number of days/],
      [
        create("--expires-days"),
        /^Option '--expires-days <value>' argument missing \(npm run user -- --help/,
      ],
    ];
    for (const [argv, message] of cases) {
      const t = io();
      const failure = await runUserCommand(argv, t.io).then(
        () => new Error(`${argv.join(" ")} succeeded`),
        (error: unknown) => error,
      );
      expect(failure, argv.join(" ")).toBeInstanceOf(Error);
      const text = failure instanceof Error ? failure.message : "";
      expect(text, argv.join(" ")).toMatch(message);
      expect(text, argv.join(" ")).not.toContain("\n");
      expect(t.out, argv.join(" ")).toEqual([]);
    }
    expect({ tokens: await tokens(), audits: await audits() }).toEqual(before);
  });
});
