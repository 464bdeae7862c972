"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { formFields } from "@/lib/server/forms";
import { failure, type ActionResult } from "@/lib/server/results";
import { createProject } from "@/lib/server/projects/projects";

const FIELDS = [
  "name",
  "slug",
  "description",
  "guidelines",
  "blindAnnotation",
  "assistantEnabled",
  "annotatorsPerDocument",
] as const;

export async function createProjectAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const input = formFields(formData, FIELDS);
  let slug: string;
  try {
    ({ slug } = await createProject({ actor: await requireUser(), input }));
  } catch (error) {
    return {
      ...failure(error),
      values: Object.fromEntries(FIELDS.map((f) => [f, input[f] ?? ""])),
    };
  }
  redirect(`/projects/${slug}/members`);
}
