import "server-only";
import { AppError } from "@/lib/domain/errors";
import { API_TOKEN_PREFIX, scopeAllows } from "@/lib/domain/tokens";
import type { Actor } from "../actor";
import { loadSessionUser, type SessionClaims } from "./sessions";
import { actorForApiToken, hashApiToken } from "./tokens";

/**
 * A request's credentials before the database has confirmed them. The save
 * path checks them inside the statement that writes (one round trip for the
 * whole save); every other caller turns them into an Actor first with
 * `actorForCredential`, which applies exactly the same rules.
 */
export type Credential =
  { kind: "token"; token: string; tokenHash: string } | { kind: "session"; claims: SessionClaims };

export const unauthenticated = () =>
  new AppError("UNAUTHENTICATED", "Sign in or send a valid API token (Authorization: Bearer …).");

export const readOnlyToken = () =>
  new AppError(
    "FORBIDDEN",
    "This API token is read-only; create a read-write token to make changes.",
  );

/** A bearer token's credential, or null when it could not be one of ours (no lookup needed to say so). */
export function tokenCredential(token: string): Credential | null {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  return { kind: "token", token, tokenHash: hashApiToken(token) };
}

/**
 * The user behind a credential, checked against the database now (revoked,
 * expired, disabled, signed out), or an AppError: UNAUTHENTICATED, or
 * FORBIDDEN when a read-only token is used to write.
 */
export async function actorForCredential(
  credential: Credential,
  need: "read" | "write",
): Promise<Actor> {
  if (credential.kind === "session") {
    const actor = await loadSessionUser(credential.claims);
    if (!actor) throw unauthenticated();
    return actor;
  }
  const found = await actorForApiToken(credential.token);
  if (!found) throw unauthenticated();
  if (!scopeAllows(found.scope, need)) throw readOnlyToken();
  return found.actor;
}
