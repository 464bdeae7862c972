import "server-only";
import { randomBytes } from "node:crypto";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/domain/errors";
import { acceptInviteSchema, INVITE_DAYS } from "@/lib/domain/users";
import { audit } from "../audit/record";
import { sha256Hex } from "../hash";
import { parseInput } from "../validation";
import { hashPassword } from "./passwords";

/*
 * One-time links to set a password (an invitation or a reset): issued by the
 * account functions in users.ts, checked and claimed here. Only the token's
 * hash is stored; a new link retires every earlier one.
 */

/** The plain invite token, for a link; only its hash is stored. */
export interface Invitation {
  userId: string;
  token: string;
  expiresAt: Date;
}

function hashInviteToken(token: string): string {
  return sha256Hex(token);
}

export async function issueInvite(
  tx: Prisma.TransactionClient,
  userId: string,
): Promise<Invitation> {
  // A new link replaces every earlier one: only the newest may be used.
  await tx.invite.updateMany({ where: { userId, usedAt: null }, data: { expiresAt: new Date() } });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_DAYS * 86_400_000);
  await tx.invite.create({ data: { userId, tokenHash: hashInviteToken(token), expiresAt } });
  return { userId, token, expiresAt };
}

/** Whether an invite link can still be used, for the page that shows its form. */
export async function checkInvite(token: string): Promise<{ email: string; name: string } | null> {
  if (token.length === 0 || token.length > 200) return null;
  const invite = await db.invite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: {
      usedAt: true,
      expiresAt: true,
      user: { select: { email: true, name: true, disabledAt: true } },
    },
  });
  if (!invite || invite.usedAt || invite.expiresAt <= new Date() || invite.user.disabledAt)
    return null;
  return { email: invite.user.email, name: invite.user.name };
}

/** Sets the password from an invite link, once; returns the email so the caller can sign the person in. */
export async function acceptInvite(input: unknown): Promise<{ email: string }> {
  const data = parseInput(acceptInviteSchema, input);
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    // Claiming the row with a conditional update makes a link usable exactly once, even when submitted twice at once.
    const claimed = await tx.invite.updateManyAndReturn({
      where: {
        tokenHash: hashInviteToken(data.token),
        usedAt: null,
        expiresAt: { gt: new Date() },
        user: { disabledAt: null },
      },
      data: { usedAt: new Date() },
      select: { userId: true },
    });
    const userId = claimed[0]?.userId;
    if (!userId) {
      throw new AppError(
        "NOT_FOUND",
        "This link has expired or has already been used. Ask an administrator for a new one.",
      );
    }
    const user = await tx.user.update({
      where: { id: userId },
      // A password set from a link is a reset: whoever held the old one is signed out everywhere.
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { id: true, email: true },
    });
    await audit(tx, {
      actorId: user.id,
      action: "user.accept-invite",
      entityType: "User",
      entityId: user.id,
    });
    return { email: user.email };
  });
}
