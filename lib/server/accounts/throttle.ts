import "server-only";
import { db } from "@/lib/db";
import { selectClientAddress } from "@/lib/domain/client-address";
import { AppError } from "@/lib/domain/errors";
import { trustedProxies } from "@/lib/env";

/**
 * Login throttling. Failed attempts are rows in PostgreSQL, so every app
 * instance behind a load balancer sees the same counts. The check runs before
 * any password is hashed: a throttled guess costs us one indexed count.
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export class ThrottledError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      "RATE_LIMITED",
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    );
  }
}

/** Throws ThrottledError when the account or the address has used up its failures in the window. */
export async function assertNotThrottled({
  email,
  ip,
}: {
  email: string;
  ip: string | null;
}): Promise<void> {
  const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
  const checks: Array<Promise<Date | null>> = [
    oldestBlocking({ email, createdAt: { gt: since } }, MAX_FAILURES_PER_ACCOUNT),
  ];
  // Without a known address there is no per-address counter: "unknown" would pool everyone together.
  if (ip) checks.push(oldestBlocking({ ip, createdAt: { gt: since } }, MAX_FAILURES_PER_IP));
  const blockedSince = (await Promise.all(checks)).filter((d): d is Date => d !== null);
  if (blockedSince.length === 0) return;
  // Blocked until enough of the counted failures have aged out of the window.
  const until = Math.max(...blockedSince.map((d) => d.getTime() + THROTTLE_WINDOW_MS));
  throw new ThrottledError(Math.max(1, Math.ceil((until - Date.now()) / 1000)));
}

/** The failure whose expiry unblocks, when at least `limit` failures match; otherwise null. */
async function oldestBlocking(
  where: { email: string; createdAt: { gt: Date } } | { ip: string; createdAt: { gt: Date } },
  limit: number,
): Promise<Date | null> {
  const rows = await db.loginAttempt.findMany({
    where,
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { createdAt: true },
  });
  return rows.length >= limit ? (rows[rows.length - 1]?.createdAt ?? null) : null;
}

export async function recordFailedLogin({
  email,
  ip,
}: {
  email: string;
  ip: string | null;
}): Promise<void> {
  await db.loginAttempt.create({ data: { email, ip: ip ?? "" } });
  // Keep the table small: rows older than a day count for nothing.
  if (Math.random() < 0.05) {
    await db.loginAttempt.deleteMany({
      where: { createdAt: { lt: new Date(Date.now() - 86_400_000) } },
    });
  }
}

/** A successful sign-in clears the account's counter (not the address's). */
export async function clearFailedLogins(email: string): Promise<void> {
  await db.loginAttempt.deleteMany({ where: { email } });
}

/**
 * The header the start script (scripts/lib/next-child.mjs) sets on every
 * request to the TCP peer's address, overwriting whatever a client sent.
 * Believed only when that script says it installed the hook: Next itself
 * passes no socket address to route handlers or server actions, and only
 * fills X-Forwarded-For with it when the client sent none.
 */
export const SOCKET_ADDRESS_HEADER = "x-sourcelight-socket-address";

/**
 * The client address for per-address throttling: the socket address, or
 * with TRUSTED_PROXIES set the address our proxies saw (lib/domain/client-address).
 * Null when unknown (the app was started without our start script and no
 * proxy is trusted): then only the per-account counter applies, since one
 * shared "unknown" counter would let anyone lock everyone out.
 */
export function clientIp(headers: Headers): string | null {
  const socketAddress =
    process.env.SOURCELIGHT_SOCKET_ADDRESS_HEADER === "1"
      ? headers.get(SOCKET_ADDRESS_HEADER)
      : null;
  return selectClientAddress({
    forwardedFor: headers.get("x-forwarded-for"),
    socketAddress,
    trusted: trustedProxies(),
  });
}
