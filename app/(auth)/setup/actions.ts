"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth";
import { formFields } from "@/lib/server/forms";
import { failure, type ActionResult } from "@/lib/server/results";
import { createFirstAdmin } from "@/lib/server/accounts/users";

export async function setupAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, ["name", "email", "password", "confirmPassword"]);
  try {
    const admin = await createFirstAdmin(input);
    await signIn("credentials", { email: admin.email, password: input.password, redirect: false });
  } catch (error) {
    return { ...failure(error), values: { name: input.name ?? "", email: input.email ?? "" } };
  }
  redirect("/");
}
