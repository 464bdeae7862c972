"use server";

import { revalidatePath } from "next/cache";
import {
  changeAssignments,
  type AssignmentChangeResult,
} from "@/lib/server/assignments/assignments";
import { allowReopen } from "@/lib/server/annotations/progress";
import { recordActiveTime } from "@/lib/server/annotations/time";
import type { ActionResult } from "@/lib/server/results";
import { asUser } from "./as-user";

/** One change to the project's assignments; the input is assignmentChangeSchema's (lib/domain/workflow). */
export async function changeAssignmentsAction(
  projectSlug: string,
  input: unknown,
): Promise<ActionResult<AssignmentChangeResult>> {
  return asUser(async (actor) => {
    const result = await changeAssignments({ actor, projectSlug: String(projectSlug), input });
    revalidatePath("/projects/[slug]/assignments", "page");
    return result;
  });
}

/** A reviewer lets an annotator reopen a submitted, adjudicated document. */
export async function allowReopenAction(
  projectSlug: string,
  documentId: string,
  annotatorId: string,
): Promise<ActionResult<{ allowed: true }>> {
  return asUser(async (actor) => {
    const result = await allowReopen({
      actor,
      projectSlug: String(projectSlug),
      documentId: String(documentId),
      annotatorId: String(annotatorId),
    });
    revalidatePath("/projects/[slug]/assignments", "page");
    return result;
  });
}

/** The workspace's heartbeat: active time on a document since the last report. */
export async function recordActiveTimeAction(
  projectSlug: string,
  input: unknown,
): Promise<ActionResult<{ creditedMs: number; totalMs: number }>> {
  return asUser((actor) => recordActiveTime({ actor, projectSlug: String(projectSlug), input }));
}
