import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/domain/errors";
import { API_TOKEN_PREFIX, createApiTokenSchema, type TokenScopeName } from "@/lib/domain/tokens";
import { isUuid } from "../access";
import { actorOf, type Actor, type CliOperator } from "../actor";
import { sha256Hex } from "../hash";
import { audit } from "../audit/record";
import { parseInput } from "../validation";

/**
 * Tokens carry 256 random bits, so a plain SHA-256 is enough to store them:
 * there is nothing to brute-force, and lookups stay one indexed equality.
 */
export function hashApiToken(token: string): string {
  return sha256Hex(token);
}

export interface ApiTokenSummary {
  id: string;
  name: string;
  scope: TokenScopeName;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const summarySelect = {
  id: true,
  name: true,
  scope: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/**
 * Who is at the keyboard when it is not the token's owner: the operator at the
 * server's console (`npm run user -- token …`), who acts with the owner's
 * rights but is audited as the operator, like the other account commands.
 */
interface ByOperator {
  by?: CliOperator;
}

function auditedAs(actor: Actor, by: CliOperator | undefined) {
  return by
    ? { actorId: null, trail: { via: "cli", owner: actor.email } }
    : { actorId: actor.id, trail: {} };
}

/**
 * Creates a token for the actor; the plain token is returned this once and
 * never stored. With `uniqueName` (the CLI, which names tokens to revoke them)
 * a name one of the actor's live tokens already has is refused.
 */
export async function createApiToken({
  actor,
  input,
  by,
  uniqueName = false,
}: {
  actor: Actor;
  input: unknown;
  uniqueName?: boolean;
} & ByOperator): Promise<{ token: string; summary: ApiTokenSummary }> {
  const data = parseInput(createApiTokenSchema, input);
  const { actorId, trail } = auditedAs(actor, by);
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = data.expiresInDays
    ? new Date(Date.now() + data.expiresInDays * 86_400_000)
    : null;
  const summary = await db.$transaction(async (tx) => {
    if (uniqueName) {
      // Two creates of one name at once: the second waits here, then sees the first.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sourcelight:token-name:${actor.id}`}))`;
      const now = new Date();
      const taken = await tx.apiToken.count({
        where: {
          userId: actor.id,
          name: data.name,
          revokedAt: null,
          OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
        },
      });
      if (taken > 0) {
        const message = `${actor.email} already has a live token called "${data.name}": revoke it first or choose another name.`;
        throw new AppError("CONFLICT", message, { name: [message] });
      }
    }
    const created = await tx.apiToken.create({
      data: {
        userId: actor.id,
        name: data.name,
        scope: data.scope,
        tokenHash: hashApiToken(token),
        expiresAt,
      },
      select: summarySelect,
    });
    await audit(tx, {
      actorId,
      action: "token.create",
      entityType: "ApiToken",
      entityId: created.id,
      after: {
        name: created.name,
        scope: created.scope,
        expiresAt: created.expiresAt?.toISOString() ?? null,
        ...trail,
      },
    });
    return created;
  });
  return { token, summary };
}

/** The actor's own tokens, newest first; never the hashes. */
export async function listApiTokens({ actor }: { actor: Actor }): Promise<ApiTokenSummary[]> {
  return db.apiToken.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "desc" },
    select: summarySelect,
  });
}

/** Revokes one of the actor's own tokens; someone else's token id answers NOT_FOUND. */
export async function revokeApiToken({
  actor,
  tokenId,
  by,
}: {
  actor: Actor;
  tokenId: string;
} & ByOperator): Promise<void> {
  if (!isUuid(tokenId)) throw notFound("That token");
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: tokenId, userId: actor.id },
      select: { id: true, name: true, revokedAt: true },
    });
    if (!token) throw notFound("That token");
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    const { actorId, trail } = auditedAs(actor, by);
    await audit(tx, {
      actorId,
      action: "token.revoke",
      entityType: "ApiToken",
      entityId: token.id,
      before: { name: token.name },
      ...(by ? { after: trail } : {}),
    });
  });
}

/**
 * The active user behind a presented token, or null when the token is unknown,
 * revoked, expired, or its owner is disabled — checked on every request, so
 * revoking or disabling takes effect at once.
 */
export async function actorForApiToken(
  token: string,
): Promise<{ actor: Actor; scope: TokenScopeName } | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const now = new Date();
  const row = await db.apiToken.findFirst({
    where: {
      tokenHash: hashApiToken(token),
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      user: { disabledAt: null, isPlaceholder: false },
    },
    select: {
      id: true,
      scope: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, role: true } },
    },
  });
  if (!row) return null;
  // Recording every use would turn each read into a write; once a minute is enough to show activity.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  const { user } = row;
  return {
    actor: actorOf(user),
    scope: row.scope,
  };
}

/** How a token stands right now, for display. */
export function tokenStatus(
  token: Pick<ApiTokenSummary, "revokedAt" | "expiresAt">,
  now = new Date(),
): "active" | "revoked" | "expired" {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  return "active";
}
