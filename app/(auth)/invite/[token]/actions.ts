"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth";
import { formFields } from "@/lib/server/forms";
import { failure, type ActionResult } from "@/lib/server/results";
import { acceptInvite } from "@/lib/server/accounts/users";

/** Public by design: the one-time token in the link is the credential. */
export async function acceptInviteAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, ["token", "password", "confirmPassword"]);
  try {
    const { email } = await acceptInvite(input);
    await signIn("credentials", { email, password: input.password, redirect: false });
  } catch (error) {
    return failure(error);
  }
  redirect("/");
}
