import "server-only";
import { getToken } from "next-auth/jwt";
import { AppError } from "@/lib/domain/errors";
import type { TokenScopeName } from "@/lib/domain/tokens";
import type { Actor } from "../actor";
import {
  actorForCredential,
  tokenCredential,
  unauthenticated,
  type Credential,
} from "./credentials";
import { actorForApiToken } from "./tokens";
import { loadSessionUser, sessionVersionClaim, type SessionClaims } from "./sessions";
import { noteRequestUser } from "@/lib/server/ops/request-log";

/**
 * Who is calling the JSON API. Every route handler under app/api starts with
 * `requireApiActor(request, "read" | "write")`; that is the whole mechanism.
 *
 * - `Authorization: Bearer slt_…` — a personal API token: the owner's
 *   permissions, cut down to the token's scope.
 * - otherwise the Auth.js session cookie — the signed-in user, full rights;
 *   writes must then come from our own origin (a cookie is sent by the
 *   browser on its own, a bearer token is not).
 */
export interface ApiCaller {
  actor: Actor;
  via: "token" | "session";
  scope: TokenScopeName;
}

/**
 * What the credential checks read of a request: a few headers by name and the
 * URL. A Request is one; the entry point's fast path passes a view of Node's
 * own parsed headers instead, so that a save builds no Headers object.
 */
export interface RequestHead {
  headers: { get(name: string): string | null };
  url: string;
}

const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** The caller, or null when the request carries no valid credentials. */
export async function authenticateRequest(request: Request): Promise<ApiCaller | null> {
  const caller = await identifyCaller(request);
  if (caller) noteRequestUser(caller.actor.id);
  return caller;
}

async function identifyCaller(request: Request): Promise<ApiCaller | null> {
  const credential = await presentedCredential(request);
  if (!credential) return null;
  if (credential.kind === "token") {
    const found = await actorForApiToken(credential.token);
    return found ? { actor: found.actor, via: "token", scope: found.scope } : null;
  }
  const actor = await loadSessionUser(credential.claims);
  return actor ? { actor, via: "session", scope: "READ_WRITE" } : null;
}

/**
 * The acting user for a route handler, or an AppError: UNAUTHENTICATED without
 * valid credentials (disabled users and revoked or expired tokens included),
 * FORBIDDEN when a read-only token attempts a write or a cookie-authenticated
 * write comes from another origin.
 */
export async function requireApiActor(request: Request, need: "read" | "write"): Promise<Actor> {
  const actor = await actorForCredential(await requireApiCredential(request, need), need);
  noteRequestUser(actor.id);
  return actor;
}

/**
 * The request's credentials for a handler that checks them in its own
 * statement (the annotation save): everything requireApiActor decides without
 * the database is decided here, the rest is left to `actorForCredential` or
 * to the statement, which apply the same rules.
 */
export async function requireApiCredential(
  request: RequestHead,
  need: "read" | "write",
): Promise<Credential> {
  const credential = await presentedCredential(request);
  if (!credential) throw unauthenticated();
  if (credential.kind === "session" && need === "write" && !isSameOrigin(request)) {
    // An ended session is told to sign in rather than refused, as before the split.
    await actorForCredential(credential, need);
    throw new AppError("FORBIDDEN", "Cross-site requests may not make changes.");
  }
  return credential;
}

async function presentedCredential(request: RequestHead): Promise<Credential | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    // A request that presents a token is judged by that token alone, never by a cookie beside it.
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ? tokenCredential(match[1]) : null;
  }
  const claims = await sessionClaims(request);
  return claims ? { kind: "session", claims } : null;
}

async function sessionClaims(request: RequestHead): Promise<SessionClaims | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  const cookieHeader = request.headers.get("cookie") ?? "";
  const cookieName = SESSION_COOKIES.find(
    (name) => cookieHeader.includes(`${name}=`) || cookieHeader.includes(`${name}.0=`),
  );
  if (!cookieName) return null;
  // Only the cookie goes to getToken: it would otherwise read a Bearer header as a session JWT.
  const token = await getToken({
    req: { headers: new Headers({ cookie: cookieHeader }) },
    secret,
    secureCookie: cookieName.startsWith("__Secure-"),
    cookieName,
    salt: cookieName,
  });
  return typeof token?.sub === "string"
    ? { userId: token.sub, sessionVersion: sessionVersionClaim(token.sv) }
    : null;
}

// Same rule Next applies to server actions: the Origin's host must be the host the request was sent to.
function isSameOrigin(request: RequestHead): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host =
    request.headers.get("x-forwarded-host") ??
    request.headers.get("host") ??
    new URL(request.url).host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
