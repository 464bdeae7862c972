"use server";

import { revalidatePath } from "next/cache";
import { AppError } from "@/lib/domain/errors";
import {
  createUserAccount,
  resetPasswordLink,
  updateUserStatus,
} from "@/lib/server/accounts/users";
import { endAllSessions } from "@/lib/server/accounts/sessions";
import { formFields } from "@/lib/server/forms";
import type { ActionResult } from "@/lib/server/results";
import { asUser } from "./as-user";

const STATUS_CHANGES = ["disable", "enable", "make-admin", "unmake-admin"] as const;

/** Creates an account and returns its one-time invite path. */
export async function createUserAction(
  _prev: ActionResult<{ email: string; invitePath: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ email: string; invitePath: string }>> {
  const input = formFields(formData, ["name", "email", "admin"]);
  return asUser(
    async (actor) => {
      const { user, invite } = await createUserAccount({ actor, input });
      revalidatePath("/admin/users");
      return { email: user.email, invitePath: invite ? `/invite/${invite.token}` : "" };
    },
    { name: input.name ?? "", email: input.email ?? "", admin: input.admin ?? "" },
  );
}

export async function userStatusAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const { userId, change } = formFields(formData, ["userId", "change"]);
  return asUser(async (actor) => {
    const valid = STATUS_CHANGES.find((c) => c === change);
    if (!valid || !userId) throw new AppError("VALIDATION", "That change is not possible.");
    await updateUserStatus({ actor, userId, change: valid });
    revalidatePath("/admin/users");
  });
}

export async function resetPasswordAction(
  _prev: ActionResult<string> | null,
  formData: FormData,
): Promise<ActionResult<string>> {
  const { userId } = formFields(formData, ["userId"]);
  return asUser(async (actor) => {
    const invite = await resetPasswordLink({ actor, userId: userId ?? "" });
    revalidatePath("/admin/users");
    return `/invite/${invite.token}`;
  });
}

/** Signs a user out on every device (a lost laptop, a leaked cookie). */
export async function signOutUserAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const { userId } = formFields(formData, ["userId"]);
  return asUser(async (actor) => {
    if (!userId) throw new AppError("VALIDATION", "That user is not known.");
    await endAllSessions({ actor, userId });
    revalidatePath("/admin/users");
  });
}
