import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { AppError } from "@/lib/domain/errors";
import {
  createFirstAdmin,
  hasAnyUser,
  loadActiveUser,
  verifyCredentials,
} from "@/lib/server/accounts/users";
import { createUser } from "../support/factories";

afterAll(disconnectDb);

const password = "a long enough password";

describe("first-run setup and credentials", () => {
  it("creates exactly one admin even when two setups race, then refuses", async () => {
    expect(await hasAnyUser()).toBe(false);
    const attempts = await Promise.allSettled([
      createFirstAdmin({
        name: "Ada",
        email: "Ada@Example.org",
        password,
        confirmPassword: password,
      }),
      createFirstAdmin({
        name: "Bob",
        email: "bob@example.org",
        password,
        confirmPassword: password,
      }),
    ]);
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    const rejected = attempts.find((a) => a.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(AppError);
    expect(await db.user.count({ where: { role: "ADMIN" } })).toBe(1);
    expect(await hasAnyUser()).toBe(true);
    await expect(
      createFirstAdmin({
        name: "Eve",
        email: "eve@example.org",
        password,
        confirmPassword: password,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("rejects invalid setup input with field errors and writes nothing", async () => {
    const before = await db.user.count();
    await expect(
      createFirstAdmin({ name: "", email: "nope", password: "short", confirmPassword: "x" }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: expect.objectContaining({
        email: expect.any(Array),
        password: expect.any(Array),
      }),
    });
    expect(await db.user.count()).toBe(before);
  });

  it("verifies credentials case-insensitively on the email and stores only an argon2id hash", async () => {
    const user = await createUser({ password });
    const row = await db.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { passwordHash: true },
    });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyCredentials({ email: user.email.toUpperCase(), password })).toMatchObject({
      id: user.id,
    });
    expect(await verifyCredentials({ email: user.email, password: "wrong password!!" })).toBeNull();
    expect(await verifyCredentials({ email: "nobody@example.org", password })).toBeNull();
    expect(await verifyCredentials({ email: user.email })).toBeNull();
  });

  it("treats a disabled account as gone for sign-in and for existing sessions", async () => {
    const user = await createUser({ password, disabled: true });
    expect(await verifyCredentials({ email: user.email, password })).toBeNull();
    expect(await loadActiveUser(user.id)).toBeNull();
  });

  it("records sign-ins and failed sign-ins in the audit log", async () => {
    const user = await createUser({ password });
    await verifyCredentials({ email: user.email, password });
    await verifyCredentials({ email: user.email, password: "not the password" });
    const actions = await db.auditEvent.findMany({
      where: { entityId: user.id },
      select: { action: true },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["auth.sign-in", "auth.sign-in-failed"]);
  });
});
