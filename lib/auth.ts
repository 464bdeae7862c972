import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/domain/errors";
import { sessionMaxAgeDays } from "@/lib/env";
import type { Actor } from "@/lib/server/actor";
import {
  enabledSsoProviders,
  githubVerifiedEmail,
  resolveSsoSignIn,
  SsoRefused,
} from "@/lib/server/accounts/sso";
import { clientIp, ThrottledError } from "@/lib/server/accounts/throttle";
import {
  currentSessionVersion,
  endSession,
  loadSessionUser,
  sessionVersionClaim,
} from "@/lib/server/accounts/sessions";
import { hasAnyUser, verifyCredentials } from "@/lib/server/accounts/users";
import { noteRequestUser } from "@/lib/server/ops/request-log";
import { loadForPage } from "@/lib/server/page-errors";

declare module "next-auth" {
  interface Session {
    /** The user's session version when this cookie was issued (lib/server/accounts/sessions.ts). */
    sessionVersion: number;
  }
}

/** A throttled sign-in: the code travels in Auth.js's redirect URL and says nothing about the account. */
export class RateLimitedSignin extends CredentialsSignin {
  override code = "rate_limited";
}

const DAY = 24 * 60 * 60;

/** GitHub and a generic OIDC provider, each only when its environment variables are set (README). */
function ssoProviders() {
  return enabledSsoProviders().map((p) =>
    p.id === "github"
      ? GitHub({
          clientId: process.env.AUTH_GITHUB_ID,
          clientSecret: process.env.AUTH_GITHUB_SECRET,
        })
      : {
          id: "oidc",
          name: p.name,
          type: "oidc" as const,
          issuer: process.env.AUTH_OIDC_ISSUER,
          clientId: process.env.AUTH_OIDC_ID,
          clientSecret: process.env.AUTH_OIDC_SECRET,
        },
  );
}
const sessionDays = sessionMaxAgeDays();

/**
 * Auth.js: the session (a signed JWT cookie) carries only the user id and the
 * user's session version. The user is loaded from the database on every
 * request (`currentUser`), so a disabled account, a changed role or an ended
 * session (sign-out, password change, "sign out of all devices") takes effect at once.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: sessionDays * DAY, updateAge: DAY },
  pages: { signIn: "/login", error: "/login" },
  logger: {
    // A wrong password is an expected outcome (audited and throttled elsewhere), not a server error.
    error(error) {
      if (error.name === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials, request) => {
        try {
          const actor = await verifyCredentials(credentials, { ip: clientIp(request.headers) });
          return actor ? { id: actor.id } : null;
        } catch (error) {
          if (error instanceof ThrottledError) throw new RateLimitedSignin();
          throw error;
        }
      },
    }),
    ...ssoProviders(),
  ],
  events: {
    // Sign-out ends the session on the server too, not only the cookie in this browser.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (typeof token?.sub !== "string") return;
      await endSession({ userId: token.sub, sessionVersion: sessionVersionClaim(token.sv) });
    },
  },
  callbacks: {
    async signIn({ user, account, profile }) {
      if (!account || account.provider === "credentials") return true;
      try {
        const github = account.provider === "github";
        const email = github
          ? account.access_token
            ? await githubVerifiedEmail(account.access_token)
            : null
          : typeof profile?.email === "string"
            ? profile.email
            : null;
        // From here on the session names our user, not the provider's account.
        user.id = await resolveSsoSignIn({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email,
          emailVerified: github ? email !== null : profile?.email_verified === true,
        });
        return true;
      } catch (error) {
        if (error instanceof SsoRefused) return `/login?sso=${error.refusal}`;
        throw error;
      }
    },
    async jwt({ token, user }) {
      // Only at sign-in is the version read; afterwards the cookie keeps the one it was issued under.
      if (user?.id) {
        token.sub = user.id;
        token.sv = await currentSessionVersion(user.id);
      }
      // Nothing but the id and the version travel in the cookie.
      return { sub: token.sub, sv: token.sv, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionVersion = sessionVersionClaim(token.sv);
      return session;
    },
  },
});

/** The signed-in, active user, or null. Loaded once per request however many components ask. */
export const currentUser = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await loadSessionUser({ userId: id, sessionVersion: session.sessionVersion });
  if (user) noteRequestUser(user.id);
  return user;
});

/** For pages: the signed-in user, or a redirect to first-run setup or sign-in. */
export async function requireUserPage(callbackPath?: string): Promise<Actor> {
  const user = await loadForPage(async () => {
    if (!(await hasAnyUser())) redirect("/setup");
    return currentUser();
  });
  if (!user) {
    redirect(callbackPath ? `/login?callbackUrl=${encodeURIComponent(callbackPath)}` : "/login");
  }
  return user;
}

/** For server actions and route handlers: the signed-in user, or an UNAUTHENTICATED error. */
export async function requireUser(): Promise<Actor> {
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return user;
}
