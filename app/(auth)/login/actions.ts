"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { RateLimitedSignin, signIn } from "@/lib/auth";
import { SignInSchema } from "@/lib/domain/accounts";
import { safeCallbackPath } from "@/lib/domain/redirects";
import { formFields } from "@/lib/server/forms";
import { enabledSsoProviders } from "@/lib/server/accounts/sso";
import type { ActionResult } from "@/lib/server/results";
import { parseInput } from "@/lib/server/validation";
import { failure } from "@/lib/server/results";
import { assertNotThrottled, clientIp } from "@/lib/server/accounts/throttle";

export async function signInAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, ["email", "password", "callbackUrl"]);
  const values = { email: input.email ?? "" };
  try {
    const credentials = parseInput(SignInSchema, input);
    // Checked here too (Auth.js checks again) to tell the person how long to wait.
    await assertNotThrottled({ email: credentials.email, ip: clientIp(await headers()) });
    await signIn("credentials", { ...credentials, redirect: false });
  } catch (error) {
    if (error instanceof RateLimitedSignin) {
      return {
        ok: false,
        message: "Too many failed sign-in attempts. Try again in a few minutes.",
        fieldErrors: {},
        values,
      };
    }
    if (error instanceof AuthError) {
      // Never say whether the email exists.
      return { ok: false, message: "The email or password is incorrect.", fieldErrors: {}, values };
    }
    return { ...failure(error), values };
  }
  redirect(safeCallbackPath(input.callbackUrl));
}

/** Starts a sign-in with GitHub or the OIDC provider; only providers enabled on this server are accepted. */
export async function ssoSignInAction(formData: FormData): Promise<void> {
  const { provider, callbackUrl } = formFields(formData, ["provider", "callbackUrl"]);
  if (!enabledSsoProviders().some((p) => p.id === provider)) redirect("/login");
  await signIn(provider, { redirectTo: safeCallbackPath(callbackUrl) });
}
