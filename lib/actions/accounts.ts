"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth";
import { endAllSessions } from "@/lib/server/accounts/sessions";
import { createApiToken, revokeApiToken } from "@/lib/server/accounts/tokens";
import { changePassword, updateProfile } from "@/lib/server/accounts/users";
import { formFields } from "@/lib/server/forms";
import type { ActionResult } from "@/lib/server/results";
import { asUser } from "./as-user";

export async function profileAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, ["name"]);
  return asUser(
    async (actor) => {
      await updateProfile({ actor, input });
      revalidatePath("/", "layout");
    },
    { name: input.name ?? "" },
  );
}

export async function passwordAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, ["currentPassword", "newPassword", "confirmPassword"]);
  return asUser(async (actor) => {
    await changePassword({ actor, input });
    // The change ended every session, this one too: sign this device in again with the new password.
    try {
      await signIn("credentials", {
        email: actor.email,
        password: input.newPassword,
        redirect: false,
      });
    } catch {
      redirect("/login");
    }
    // A redirect, not a re-render: only a redirect's render sees the new session cookie.
    redirect("/account/password?changed=1");
  });
}

/** Ends every session of the signed-in user, this one included, and goes to the sign-in page. */
export async function signOutEverywhereAction(
  _prev: ActionResult | null,
  _formData: FormData,
): Promise<ActionResult> {
  return asUser(async (actor) => {
    await endAllSessions({ actor, userId: actor.id });
    await signOut({ redirectTo: "/login" });
  });
}

/** Returns the new token: the only time it is ever shown. */
export async function createTokenAction(
  _prev: ActionResult<string> | null,
  formData: FormData,
): Promise<ActionResult<string>> {
  const input = formFields(formData, ["name", "scope", "expiresInDays"]);
  return asUser(
    async (actor) => {
      const { token } = await createApiToken({ actor, input });
      revalidatePath("/account/tokens");
      return token;
    },
    { name: input.name ?? "", scope: input.scope ?? "", expiresInDays: input.expiresInDays ?? "" },
  );
}

export async function revokeTokenAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const { tokenId } = formFields(formData, ["tokenId"]);
  return asUser(async (actor) => {
    await revokeApiToken({ actor, tokenId: tokenId ?? "" });
    revalidatePath("/account/tokens");
  });
}
