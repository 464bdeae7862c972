"use server";

import { requireUser } from "@/lib/auth";
import { adjudicate, type AdjudicationResult } from "@/lib/server/review/adjudications";
import { addComment, listComments, type CommentView } from "@/lib/server/review/comments";
import { failure, type ActionResult } from "@/lib/server/results";

export async function adjudicateAction(
  projectSlug: string,
  input: unknown,
): Promise<ActionResult<AdjudicationResult>> {
  try {
    const actor = await requireUser();
    return { ok: true, data: await adjudicate({ actor, projectSlug, input }) };
  } catch (error) {
    return failure(error);
  }
}

export async function listCommentsAction(
  projectSlug: string,
  sentenceId: string,
): Promise<ActionResult<CommentView[]>> {
  try {
    const actor = await requireUser();
    return { ok: true, data: await listComments({ actor, projectSlug, sentenceId }) };
  } catch (error) {
    return failure(error);
  }
}

export async function addCommentAction(
  projectSlug: string,
  input: unknown,
): Promise<ActionResult<CommentView>> {
  try {
    const actor = await requireUser();
    return { ok: true, data: await addComment({ actor, projectSlug, input }) };
  } catch (error) {
    return failure(error);
  }
}
