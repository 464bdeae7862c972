"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields } from "@/lib/server/forms";
import { createProject, setProjectArchived, updateProject } from "@/lib/server/projects/projects";
import type { ActionResult } from "@/lib/server/results";
import { asUser } from "./as-user";

const FIELDS = [
  "name",
  "slug",
  "description",
  "guidelines",
  "blindAnnotation",
  "annotatorsPerDocument",
  "assistantEnabled",
  "headlineUnit",
  "sideOptions",
] as const;

function typed(input: Partial<Record<(typeof FIELDS)[number], string>>): Record<string, string> {
  return Object.fromEntries(FIELDS.map((f) => [f, input[f] ?? ""]));
}

export async function createProjectAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, FIELDS);
  return asUser(async (actor) => {
    const { slug } = await createProject({ actor, input });
    redirect(`/projects/${slug}/members`);
  }, typed(input));
}

export async function updateProjectAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, [...FIELDS, "projectId"]);
  return asUser(async (actor) => {
    const { slug } = await updateProject({ actor, projectId: input.projectId ?? "", input });
    revalidatePath(`/projects/${slug}`, "layout");
    // The address may have changed: continue on the new one.
    redirect(`/projects/${slug}/settings`);
  }, typed(input));
}

export async function archiveProjectAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const { projectId, archived } = formFields(formData, ["projectId", "archived"]);
  return asUser(async (actor) => {
    await setProjectArchived({
      actor,
      projectId: projectId ?? "",
      archived: archived === "true",
    });
    revalidatePath("/", "layout");
  });
}
