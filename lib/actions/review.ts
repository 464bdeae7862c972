"use server";

import { adjudicate, type AdjudicationResult } from "@/lib/server/review/adjudications";
import { addComment, listComments, type CommentView } from "@/lib/server/review/comments";
import type { ActionResult } from "@/lib/server/results";
import { asUser } from "./as-user";

export async function adjudicateAction(
  projectSlug: string,
  input: unknown,
): Promise<ActionResult<AdjudicationResult>> {
  return asUser((actor) => adjudicate({ actor, projectSlug, input }));
}

export async function listCommentsAction(
  projectSlug: string,
  sentenceId: string,
): Promise<ActionResult<CommentView[]>> {
  return asUser((actor) => listComments({ actor, projectSlug, sentenceId }));
}

export async function addCommentAction(
  projectSlug: string,
  input: unknown,
): Promise<ActionResult<CommentView>> {
  return asUser((actor) => addComment({ actor, projectSlug, input }));
}
