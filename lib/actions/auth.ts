"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { RateLimitedSignin, signIn, signOut } from "@/lib/auth";
import { signInSchema } from "@/lib/domain/accounts";
import { safeCallbackPath } from "@/lib/domain/redirects";
import { assertNotThrottled, clientIp } from "@/lib/server/accounts/throttle";
import { enabledSsoProviders } from "@/lib/server/accounts/sso";
import { createFirstAdmin } from "@/lib/server/accounts/users";
import { acceptInvite } from "@/lib/server/accounts/invites";
import { formFields } from "@/lib/server/forms";
import type { ActionResult } from "@/lib/server/results";
import { parseInput } from "@/lib/server/validation";
import { asAnyone } from "./as-user";

/** Auth.js's own errors, told as a person should read them. */
function signInProblem(error: unknown): string | undefined {
  if (error instanceof RateLimitedSignin)
    return "Too many failed sign-in attempts. Try again in a few minutes.";
  // Never say whether the email exists.
  if (error instanceof AuthError) return "The email or password is incorrect.";
  return undefined;
}

export async function signInAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, ["email", "password", "callbackUrl"]);
  return asAnyone(
    async () => {
      const credentials = parseInput(signInSchema, input);
      // Checked here too (Auth.js checks again) to tell the person how long to wait.
      await assertNotThrottled({ email: credentials.email, ip: clientIp(await headers()) });
      await signIn("credentials", { ...credentials, redirect: false });
      redirect(safeCallbackPath(input.callbackUrl));
    },
    { email: input.email ?? "" },
    signInProblem,
  );
}

/**
 * Starts a sign-in with GitHub or the OIDC provider; only providers enabled on
 * this server are accepted. A plain form action: it only ever redirects.
 */
export async function ssoSignInAction(formData: FormData): Promise<void> {
  const { provider, callbackUrl } = formFields(formData, ["provider", "callbackUrl"]);
  if (!enabledSsoProviders().some((p) => p.id === provider)) redirect("/login");
  await signIn(provider, { redirectTo: safeCallbackPath(callbackUrl) });
}

export async function setupAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, ["name", "email", "password", "confirmPassword"]);
  return asAnyone(
    async () => {
      const admin = await createFirstAdmin(input);
      await signIn("credentials", {
        email: admin.email,
        password: input.password,
        redirect: false,
      });
      redirect("/");
    },
    { name: input.name ?? "", email: input.email ?? "" },
  );
}

/** Public by design: the one-time token in the link is the credential. */
export async function acceptInviteAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, ["token", "password", "confirmPassword"]);
  return asAnyone(async () => {
    const { email } = await acceptInvite(input);
    await signIn("credentials", { email, password: input.password, redirect: false });
    redirect("/");
  });
}

/** Public by design: it clears only the caller's own cookie. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
