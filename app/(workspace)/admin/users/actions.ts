"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth";
import { formFields } from "@/lib/server/forms";
import { failure, type ActionResult } from "@/lib/server/results";
import {
  createUserAccount,
  resetPasswordLink,
  updateUserStatus,
} from "@/lib/server/accounts/users";

const STATUS_CHANGES = ["disable", "enable", "make-admin", "unmake-admin"] as const;

/** Creates an account and returns its one-time invite path. */
export async function createUserAction(
  _prev: ActionResult<{ email: string; invitePath: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ email: string; invitePath: string }>> {
  const input = formFields(formData, ["name", "email", "admin"]);
  try {
    const actor = await requireUser();
    const { user, invite } = await createUserAccount({ actor, input });
    revalidatePath("/admin/users");
    return {
      ok: true,
      data: { email: user.email, invitePath: invite ? `/invite/${invite.token}` : "" },
    };
  } catch (error) {
    return {
      ...failure(error),
      values: { name: input.name ?? "", email: input.email ?? "", admin: input.admin ?? "" },
    };
  }
}

export async function userStatusAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const { userId, change } = formFields(formData, ["userId", "change"]);
  try {
    const actor = await requireUser();
    const valid = STATUS_CHANGES.find((c) => c === change);
    if (!valid || !userId)
      return { ok: false, message: "That change is not possible.", fieldErrors: {} };
    await updateUserStatus({ actor, userId, change: valid });
    revalidatePath("/admin/users");
    return { ok: true, data: undefined };
  } catch (error) {
    return failure(error);
  }
}

export async function resetPasswordAction(
  _prev: ActionResult<string> | null,
  formData: FormData,
): Promise<ActionResult<string>> {
  const { userId } = formFields(formData, ["userId"]);
  try {
    const actor = await requireUser();
    const invite = await resetPasswordLink({ actor, userId: userId ?? "" });
    revalidatePath("/admin/users");
    return { ok: true, data: `/invite/${invite.token}` };
  } catch (error) {
    return failure(error);
  }
}
