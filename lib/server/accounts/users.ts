import "server-only";
import { db } from "@/lib/db";
import { emailSchema, firstAdminSchema, signInSchema } from "@/lib/domain/accounts";
import { AppError, notFound } from "@/lib/domain/errors";
import { canGlobal } from "@/lib/domain/permissions";
import { changePasswordSchema, createUserSchema, profileSchema } from "@/lib/domain/users";
import { isUuid } from "../access";
import { audit } from "../audit/record";
import { actorOf, isCliOperator, operatorUserId, type Actor, type Operator } from "../actor";
import { parseInput } from "../validation";
import { issueInvite, type Invitation } from "./invites";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords";
import { assertNotThrottled, clearFailedLogins, recordFailedLogin } from "./throttle";

// Once a user exists the answer never goes back to "no" while the process
// lives (users are disabled, never deleted), so remember it and spare every
// request a query.
let usersExist = false;

export async function hasAnyUser(): Promise<boolean> {
  if (usersExist) return true;
  usersExist = (await db.user.count({ take: 1 })) > 0;
  return usersExist;
}

/** User administration: a signed-in administrator, or the operator through `npm run user`. */
function requireUserAdmin(op: Operator): void {
  if (isCliOperator(op)) return;
  if (!canGlobal(op, "users:manage"))
    throw new AppError("FORBIDDEN", "Only administrators can manage users.");
}

/**
 * Creates the first administrator. Only allowed while there is no user at all;
 * the advisory lock makes two simultaneous setup submissions create one admin.
 */
export async function createFirstAdmin(input: unknown): Promise<Actor> {
  const data = parseInput(firstAdminSchema, input);
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

/**
 * Checks an email and password; null for any failure, without saying which
 * part was wrong. Throws ThrottledError (RATE_LIMITED) when the account or the
 * address has too many recent failures — decided before any hashing.
 */
export async function verifyCredentials(
  input: unknown,
  context: { ip?: string | null } = {},
): Promise<Actor | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const ip = context.ip ?? null;
  await assertNotThrottled({ email, ip });
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
  if (!user?.passwordHash || user.disabledAt) {
    await burnPasswordCheck(password);
    await recordFailedLogin({ email, ip });
    await audit(db, {
      actorId: user?.id ?? null,
      action: "auth.sign-in-failed",
      entityType: "User",
      entityId: user?.id ?? null,
      after: { email },
      ip,
    });
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (ok) await clearFailedLogins(email);
  else await recordFailedLogin({ email, ip });
  await audit(db, {
    actorId: user.id,
    action: ok ? "auth.sign-in" : "auth.sign-in-failed",
    entityType: "User",
    entityId: user.id,
    ip,
  });
  if (!ok) return null;
  return actorOf(user);
}

/**
 * Loads an active user by id, for the CLI and API tokens. A session cookie is
 * checked by loadSessionUser (./sessions), which also checks its version.
 */
export async function loadActiveUser(userId: string): Promise<Actor | null> {
  if (!isUuid(userId)) return null;
  const user = await db.user.findFirst({
    where: { id: userId, disabledAt: null, isPlaceholder: false },
    select: { id: true, email: true, name: true, role: true },
  });
  return user ? actorOf(user) : null;
}

// ---------------------------------------------------------------- admin: users

export interface UserRow {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  disabled: boolean;
  hasPassword: boolean;
  pendingInvite: boolean;
  createdAt: Date;
}

export async function listUsers({ actor }: { actor: Operator }): Promise<UserRow[]> {
  requireUserAdmin(actor);
  const now = new Date();
  const users = await db.user.findMany({
    where: { isPlaceholder: false },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      passwordHash: true,
      createdAt: true,
      invites: { where: { usedAt: null, expiresAt: { gt: now } }, select: { id: true }, take: 1 },
    },
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    isAdmin: u.role === "ADMIN",
    disabled: u.disabledAt !== null,
    hasPassword: u.passwordHash !== null,
    pendingInvite: u.invites.length > 0,
    createdAt: u.createdAt,
  }));
}

/** One row by email, for the CLI. */
export async function findUserIdByEmail({
  actor,
  email,
}: {
  actor: Operator;
  email: unknown;
}): Promise<string> {
  requireUserAdmin(actor);
  const parsed = parseInput(emailSchema, email);
  const user = await db.user.findUnique({ where: { email: parsed }, select: { id: true } });
  if (!user) throw notFound("That user");
  return user.id;
}

/**
 * The account behind an email, for the CLI commands that act with its rights
 * (`token …`); `disabled` lets the caller refuse with its own words.
 */
export async function findAccountByEmail({
  actor,
  email,
}: {
  actor: Operator;
  email: unknown;
}): Promise<{ account: Actor; disabled: boolean }> {
  requireUserAdmin(actor);
  const parsed = parseInput(emailSchema, email);
  const user = await db.user.findFirst({
    where: { email: parsed, isPlaceholder: false },
    select: { id: true, email: true, name: true, role: true, disabledAt: true },
  });
  if (!user) throw new AppError("NOT_FOUND", `No account has the email ${parsed}.`);
  return {
    account: actorOf(user),
    disabled: user.disabledAt !== null,
  };
}

/**
 * Creates an account. With a password (the CLI) it can sign in at once;
 * without one an invite link is returned for the person to set their own.
 */
export async function createUserAccount({
  actor,
  input,
}: {
  actor: Operator;
  input: unknown;
}): Promise<{
  user: { id: string; email: string; name: string; isAdmin: boolean };
  invite: Invitation | null;
}> {
  requireUserAdmin(actor);
  const data = parseInput(createUserSchema, input);
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({
      where: { email: data.email },
      select: { id: true },
    });
    if (existing) {
      throw new AppError("CONFLICT", "An account with this email already exists.", {
        email: ["An account with this email already exists."],
      });
    }
    const user = await tx.user.create({
      data: {
        email: data.email,
        name: data.name,
        role: data.admin ? "ADMIN" : "USER",
        passwordHash,
      },
      select: { id: true, email: true, name: true, role: true },
    });
    const invite = passwordHash ? null : await issueInvite(tx, user.id);
    await audit(tx, {
      actorId: operatorUserId(actor),
      action: invite ? "user.invite" : "user.create",
      entityType: "User",
      entityId: user.id,
      after: {
        email: user.email,
        name: user.name,
        role: user.role,
        via: isCliOperator(actor) ? "cli" : "web",
      },
    });
    return {
      user: actorOf(user),
      invite,
    };
  });
}

/** A fresh invite link that lets the person set a new password (the old one keeps working until then). */
export async function resetPasswordLink({
  actor,
  userId,
}: {
  actor: Operator;
  userId: string;
}): Promise<Invitation> {
  requireUserAdmin(actor);
  if (!isUuid(userId)) throw notFound("That user");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({
      where: { id: userId, isPlaceholder: false },
      select: { id: true },
    });
    if (!user) throw notFound("That user");
    const invite = await issueInvite(tx, user.id);
    await audit(tx, {
      actorId: operatorUserId(actor),
      action: "user.reset-password",
      entityType: "User",
      entityId: user.id,
    });
    return invite;
  });
}

/**
 * Disables or enables an account, or makes or unmakes an administrator. The
 * last active administrator can be neither disabled nor demoted; an advisory
 * lock serialises these changes, so two admins demoting each other at the
 * same moment cannot leave none.
 */
export async function updateUserStatus({
  actor,
  userId,
  change,
}: {
  actor: Operator;
  userId: string;
  change: "disable" | "enable" | "make-admin" | "unmake-admin";
}): Promise<void> {
  requireUserAdmin(actor);
  if (!isUuid(userId)) throw notFound("That user");
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sourcelight:admins'))`;
    const user = await tx.user.findFirst({
      where: { id: userId, isPlaceholder: false },
      select: { id: true, role: true, disabledAt: true },
    });
    if (!user) throw notFound("That user");
    const removesAdmin =
      user.role === "ADMIN" &&
      user.disabledAt === null &&
      (change === "disable" || change === "unmake-admin");
    if (removesAdmin) {
      const otherAdmins = await tx.user.count({
        where: { role: "ADMIN", disabledAt: null, id: { not: user.id } },
      });
      if (otherAdmins === 0) {
        throw new AppError(
          "CONFLICT",
          change === "disable"
            ? "This is the last active administrator: make someone else an administrator first."
            : "The last active administrator cannot be demoted: make someone else an administrator first.",
        );
      }
    }
    const data =
      change === "disable"
        ? // Ends every session too, so enabling the account again does not revive them.
          { disabledAt: user.disabledAt ?? new Date(), sessionVersion: { increment: 1 } }
        : change === "enable"
          ? { disabledAt: null }
          : { role: change === "make-admin" ? ("ADMIN" as const) : ("USER" as const) };
    await tx.user.update({ where: { id: user.id }, data });
    await audit(tx, {
      actorId: operatorUserId(actor),
      action: `user.${change}`,
      entityType: "User",
      entityId: user.id,
      before: { role: user.role, disabled: user.disabledAt !== null },
      after: {
        role: "role" in data ? data.role : user.role,
        disabled: "disabledAt" in data ? data.disabledAt !== null : user.disabledAt !== null,
      },
    });
  });
}

// ------------------------------------------------------- own account

export async function updateProfile({
  actor,
  input,
}: {
  actor: Actor;
  input: unknown;
}): Promise<void> {
  const data = parseInput(profileSchema, input);
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: actor.id },
      select: { name: true },
    });
    await tx.user.update({ where: { id: actor.id }, data: { name: data.name } });
    await audit(tx, {
      actorId: actor.id,
      action: "user.profile",
      entityType: "User",
      entityId: actor.id,
      before,
      after: { name: data.name },
    });
  });
}

export async function changePassword({
  actor,
  input,
}: {
  actor: Actor;
  input: unknown;
}): Promise<void> {
  const data = parseInput(changePasswordSchema, input);
  const row = await db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { passwordHash: true },
  });
  if (!row.passwordHash || !(await verifyPassword(row.passwordHash, data.currentPassword))) {
    throw new AppError("VALIDATION", "The current password is not correct.", {
      currentPassword: ["The current password is not correct."],
    });
  }
  const passwordHash = await hashPassword(data.newPassword);
  await db.$transaction(async (tx) => {
    // Every session ends, this one included; the action signs this device in again.
    await tx.user.update({
      where: { id: actor.id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "user.change-password",
      entityType: "User",
      entityId: actor.id,
    });
  });
}
