"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth";
import { formFields } from "@/lib/server/forms";
import { addMember, changeMember } from "@/lib/server/projects/members";
import { failure, type ActionResult } from "@/lib/server/results";

export async function addMemberAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, ["projectId", "email", "role"]);
  try {
    await addMember({ actor: await requireUser(), projectId: input.projectId ?? "", input });
    revalidatePath("/projects/[slug]/members", "page");
    return { ok: true, data: undefined };
  } catch (error) {
    return { ...failure(error), values: { email: input.email ?? "", role: input.role ?? "" } };
  }
}

/** Changes a member's role, or removes them with role "REMOVE". */
export async function changeMemberAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, ["projectId", "userId", "role"]);
  try {
    await changeMember({
      actor: await requireUser(),
      projectId: input.projectId ?? "",
      userId: input.userId ?? "",
      role: input.role,
    });
    revalidatePath("/projects/[slug]/members", "page");
    return { ok: true, data: undefined };
  } catch (error) {
    return failure(error);
  }
}
