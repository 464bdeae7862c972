"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth";
import { formFields } from "@/lib/server/forms";
import { failure, type ActionResult } from "@/lib/server/results";
import { createApiToken, revokeApiToken } from "@/lib/server/accounts/tokens";
import { changePassword, updateProfile } from "@/lib/server/accounts/users";

export async function profileAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, ["name"]);
  try {
    await updateProfile({ actor: await requireUser(), input });
    revalidatePath("/", "layout");
    return { ok: true, data: undefined };
  } catch (error) {
    return { ...failure(error), values: { name: input.name ?? "" } };
  }
}

export async function passwordAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, ["currentPassword", "newPassword", "confirmPassword"]);
  try {
    await changePassword({ actor: await requireUser(), input });
    return { ok: true, data: undefined };
  } catch (error) {
    return failure(error);
  }
}

/** Returns the new token: the only time it is ever shown. */
export async function createTokenAction(
  _prev: ActionResult<string> | null,
  formData: FormData,
): Promise<ActionResult<string>> {
  const input = formFields(formData, ["name", "scope", "expiresInDays"]);
  try {
    const { token } = await createApiToken({ actor: await requireUser(), input });
    revalidatePath("/account/tokens");
    return { ok: true, data: token };
  } catch (error) {
    return {
      ...failure(error),
      values: {
        name: input.name ?? "",
        scope: input.scope ?? "",
        expiresInDays: input.expiresInDays ?? "",
      },
    };
  }
}

export async function revokeTokenAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const { tokenId } = formFields(formData, ["tokenId"]);
  try {
    await revokeApiToken({ actor: await requireUser(), tokenId: tokenId ?? "" });
    revalidatePath("/account/tokens");
    return { ok: true, data: undefined };
  } catch (error) {
    return failure(error);
  }
}
