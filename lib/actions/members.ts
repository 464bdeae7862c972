"use server";

import { revalidatePath } from "next/cache";
import { formFields } from "@/lib/server/forms";
import { addMember, changeMember } from "@/lib/server/projects/members";
import type { ActionResult } from "@/lib/server/results";
import { asUser } from "./as-user";

export async function addMemberAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, ["projectId", "email", "role"]);
  return asUser(
    async (actor) => {
      await addMember({ actor, projectId: input.projectId ?? "", input });
      revalidatePath("/projects/[slug]/members", "page");
    },
    { email: input.email ?? "", role: input.role ?? "" },
  );
}

/** Changes a member's role, or removes them with role "REMOVE". */
export async function changeMemberAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, ["projectId", "userId", "role"]);
  return asUser(async (actor) => {
    await changeMember({
      actor,
      projectId: input.projectId ?? "",
      userId: input.userId ?? "",
      role: input.role,
    });
    revalidatePath("/projects/[slug]/members", "page");
  });
}
