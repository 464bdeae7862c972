import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/domain/errors";
import { canGlobal } from "@/lib/domain/permissions";
import { isUuid } from "../access";
import { actorOf, type Actor } from "../actor";
import { audit } from "../audit/record";

/*
 * Sessions are signed JWT cookies (Auth.js), so the server cannot delete one.
 * Each cookie instead carries the user's `sessionVersion` from when it was
 * issued, and a session is honoured only while the row still has that
 * version: sign-out, a password change, disabling and "sign out of all
 * devices" bump it, which ends every cookie issued before at once. The check
 * rides on the query that loads the session's user anyway.
 */

/** What a session cookie names: the user, and the version it was issued under. */
export interface SessionClaims {
  userId: string;
  sessionVersion: number;
}

/**
 * The version a cookie carries. Cookies issued before versions existed carry
 * none and count as version 0, the column's default: they stay valid until
 * the first bump rather than signing everyone out at deploy.
 */
export function sessionVersionClaim(value: unknown): number {
  return typeof value === "number" && Number.isSafeInteger(value) ? value : 0;
}

/** The version to write into a new session cookie. */
export async function currentSessionVersion(userId: string): Promise<number> {
  if (!isUuid(userId)) throw notFound("That user");
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { sessionVersion: true },
  });
  return user.sessionVersion;
}

/** The user behind a session cookie; null when the account is gone or disabled, or the session was ended. */
export async function loadSessionUser(claims: SessionClaims): Promise<Actor | null> {
  if (!isUuid(claims.userId)) return null;
  const user = await db.user.findFirst({
    where: {
      id: claims.userId,
      disabledAt: null,
      isPlaceholder: false,
      sessionVersion: claims.sessionVersion,
    },
    select: { id: true, email: true, name: true, role: true },
  });
  return user ? actorOf(user) : null;
}

/**
 * Sign-out: ends this session and, with it, every other one issued under the
 * same version. A cookie that is already ended changes nothing, so replaying
 * an old cookie to the sign-out endpoint cannot sign the user out of newer sessions.
 */
export async function endSession(claims: SessionClaims): Promise<void> {
  if (!isUuid(claims.userId)) return;
  const ended = await db.user.updateMany({
    where: { id: claims.userId, sessionVersion: claims.sessionVersion },
    data: { sessionVersion: { increment: 1 } },
  });
  if (ended.count > 0) {
    await audit(db, {
      actorId: claims.userId,
      action: "auth.sign-out",
      entityType: "User",
      entityId: claims.userId,
    });
  }
}

/**
 * "Sign out of all devices": ends every session of a user. Anyone may do it
 * for themselves; administrators may do it for any account.
 */
export async function endAllSessions({
  actor,
  userId,
}: {
  actor: Actor;
  userId: string;
}): Promise<void> {
  if (userId !== actor.id && !canGlobal(actor, "users:manage"))
    throw new AppError("FORBIDDEN", "Only administrators can sign other people out.");
  if (!isUuid(userId)) throw notFound("That user");
  await db.$transaction(async (tx) => {
    const ended = await tx.user.updateMany({
      where: { id: userId, isPlaceholder: false },
      data: { sessionVersion: { increment: 1 } },
    });
    if (ended.count === 0) throw notFound("That user");
    await audit(tx, {
      actorId: actor.id,
      action: "user.sign-out-everywhere",
      entityType: "User",
      entityId: userId,
    });
  });
}
