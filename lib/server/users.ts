import "server-only";
import { db } from "@/lib/db";
import { FirstAdminSchema, SignInSchema } from "@/lib/domain/accounts";
import { AppError } from "@/lib/domain/errors";
import { audit } from "./audit";
import type { Actor } from "./actor";
import { parseInput } from "./validation";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords";

// Once a user exists the answer never goes back to "no" while the process
// lives (users are disabled, never deleted), so remember it and spare every
// request a query.
let usersExist = false;

export async function hasAnyUser(): Promise<boolean> {
  if (usersExist) return true;
  usersExist = (await db.user.count({ take: 1 })) > 0;
  return usersExist;
}

/**
 * Creates the first administrator. Only allowed while there is no user at all;
 * the advisory lock makes two simultaneous setup submissions create one admin.
 */
export async function createFirstAdmin(input: unknown): Promise<Actor> {
  const data = parseInput(FirstAdminSchema, input);
  const passwordHash = await hashPassword(data.password);
  const user = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sourcelight:first-admin'))`;
    if ((await tx.user.count({ take: 1 })) > 0) {
      throw new AppError("CONFLICT", "Sourcelight is already set up. Sign in instead.");
    }
    const created = await tx.user.create({
      data: { email: data.email, name: data.name, passwordHash, role: "ADMIN" },
      select: { id: true, email: true, name: true },
    });
    await audit(tx, {
      actorId: created.id,
      action: "user.setup-admin",
      entityType: "User",
      entityId: created.id,
      after: { email: created.email, name: created.name, role: "ADMIN" },
    });
    return created;
  });
  usersExist = true;
  return { ...user, isAdmin: true };
}

/** Checks an email and password; null for any failure, without saying which part was wrong. */
export async function verifyCredentials(input: unknown): Promise<Actor | null> {
  const parsed = SignInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
  if (!user?.passwordHash || user.disabledAt) {
    await burnPasswordCheck(password);
    await db.auditEvent.create({
      data: { actorId: user?.id ?? null, action: "auth.sign-in-failed", entityType: "User", entityId: user?.id ?? null, after: { email } },
    });
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  await db.auditEvent.create({
    data: {
      actorId: user.id,
      action: ok ? "auth.sign-in" : "auth.sign-in-failed",
      entityType: "User",
      entityId: user.id,
    },
  });
  if (!ok) return null;
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.role === "ADMIN" };
}

/** Loads the user behind a session; null when the account is gone or disabled. */
export async function loadActiveUser(userId: string): Promise<Actor | null> {
  const user = await db.user.findFirst({
    where: { id: userId, disabledAt: null, isPlaceholder: false },
    select: { id: true, email: true, name: true, role: true },
  });
  return user ? { id: user.id, email: user.email, name: user.name, isAdmin: user.role === "ADMIN" } : null;
}
