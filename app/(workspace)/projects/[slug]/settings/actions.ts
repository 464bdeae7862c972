"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { formFields } from "@/lib/server/forms";
import { failure, type ActionResult } from "@/lib/server/results";
import { setProjectArchived, updateProject } from "@/lib/server/projects/projects";

const FIELDS = [
  "name",
  "slug",
  "description",
  "guidelines",
  "blindAnnotation",
  "assistantEnabled",
  "annotatorsPerDocument",
] as const;

export async function updateProjectAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, [...FIELDS, "projectId"]);
  let slug: string;
  try {
    ({ slug } = await updateProject({
      actor: await requireUser(),
      projectId: input.projectId ?? "",
      input,
    }));
  } catch (error) {
    return {
      ...failure(error),
      values: Object.fromEntries(FIELDS.map((f) => [f, input[f] ?? ""])),
    };
  }
  revalidatePath(`/projects/${slug}`, "layout");
  // The address may have changed: continue on the new one.
  redirect(`/projects/${slug}/settings`);
}

export async function archiveProjectAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const { projectId, archived } = formFields(formData, ["projectId", "archived"]);
  try {
    await setProjectArchived({
      actor: await requireUser(),
      projectId: projectId ?? "",
      archived: archived === "true",
    });
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/", "layout");
  return { ok: true, data: undefined };
}
