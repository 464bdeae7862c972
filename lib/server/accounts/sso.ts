import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { normalizeEmail } from "@/lib/domain/email";
import { AppError } from "@/lib/domain/errors";
import { decideSsoSignIn, SSO_REFUSALS, type SsoRefusal } from "@/lib/domain/sso";
import { audit } from "../audit/record";

export interface SsoIdentity {
  provider: string;
  providerAccountId: string;
  email: string | null;
  emailVerified: boolean;
}

const userSelect = { id: true, disabledAt: true, isPlaceholder: true } as const;
const asSsoUser = (u: { id: string; disabledAt: Date | null; isPlaceholder: boolean } | null) =>
  u ? { id: u.id, disabled: u.disabledAt !== null, isPlaceholder: u.isPlaceholder } : null;

/** A refused SSO sign-in; `code` travels to the sign-in page, which shows its message. */
export class SsoRefused extends AppError {
  constructor(readonly refusal: SsoRefusal) {
    super("UNAUTHENTICATED", SSO_REFUSALS[refusal]);
  }
}

/**
 * The Sourcelight user an SSO identity signs in as, linking it on first use
 * (see lib/domain/sso.ts for the policy). Refusals are audited and thrown as
 * SsoRefused.
 */
export async function resolveSsoSignIn(identity: SsoIdentity): Promise<string> {
  const outcome = await db.$transaction(async (tx) => {
    const linked = await tx.oAuthAccount.findUnique({
      where: {
        provider_providerAccountId: {
          provider: identity.provider,
          providerAccountId: identity.providerAccountId,
        },
      },
      select: { user: { select: userSelect } },
    });
    const email = identity.email ? normalizeEmail(identity.email) : null;
    const byEmail =
      !linked && email ? await tx.user.findUnique({ where: { email }, select: userSelect }) : null;
    const decision = decideSsoSignIn({
      linkedUser: asSsoUser(linked?.user ?? null),
      email,
      emailVerified: identity.emailVerified,
      userByEmail: asSsoUser(byEmail),
    });
    if (decision.kind === "refuse") {
      await audit(tx, {
        actorId: linked?.user.id ?? byEmail?.id ?? null,
        action: "auth.sso-refused",
        entityType: "User",
        after: { provider: identity.provider, email, reason: decision.code },
      });
      return decision;
    }
    if (decision.kind === "link") {
      await tx.oAuthAccount.create({
        data: {
          userId: decision.userId,
          provider: identity.provider,
          providerAccountId: identity.providerAccountId,
        },
      });
      await audit(tx, {
        actorId: decision.userId,
        action: "auth.sso-link",
        entityType: "User",
        entityId: decision.userId,
        after: { provider: identity.provider },
      });
    }
    await audit(tx, {
      actorId: decision.userId,
      action: "auth.sign-in",
      entityType: "User",
      entityId: decision.userId,
      after: { provider: identity.provider },
    });
    return decision;
  });
  // Thrown after the transaction, so the audit of the refusal is kept.
  if (outcome.kind === "refuse") throw new SsoRefused(outcome.code);
  return outcome.userId;
}

export interface SsoProviderInfo {
  id: "github" | "oidc";
  name: string;
}

/** The SSO providers this server offers: each only when its environment variables are set. */
export function enabledSsoProviders(
  env: Record<string, string | undefined> = process.env,
): SsoProviderInfo[] {
  const providers: SsoProviderInfo[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET)
    providers.push({ id: "github", name: "GitHub" });
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    providers.push({ id: "oidc", name: env.AUTH_OIDC_NAME || "Single sign-on" });
  }
  return providers;
}

/** GitHub's GET /user/emails reply, the fields we read. */
const githubEmailsSchema = z.array(
  z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }),
);

/**
 * GitHub reports a profile email without saying whether it is verified; its
 * emails API does. Returns the verified primary address, or null.
 */
export async function githubVerifiedEmail(accessToken: string): Promise<string | null> {
  const response = await fetch("https://api.github.com/user/emails", {
    headers: {
      Authorization: `Bearer ${accessToken}`,
      "User-Agent": "sourcelight",
      Accept: "application/vnd.github+json",
    },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) return null;
  const emails = githubEmailsSchema.safeParse(await response.json());
  if (!emails.success) return null;
  return emails.data.find((e) => e.primary && e.verified)?.email ?? null;
}
