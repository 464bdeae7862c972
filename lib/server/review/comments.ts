import "server-only";
import { z } from "zod";
import { pgText } from "@/lib/domain/input";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/domain/errors";
import { isUuid, requireProjectAccess, type ProjectAccess } from "../access";
import type { Actor } from "../actor";
import { annotatorIdentities } from "./review";
import { audit } from "../audit/record";
import { parseInput } from "../validation";

export const commentInputSchema = z.object({
  sentenceId: z.uuid({ message: "Choose a sentence." }),
  body: pgText({ message: "Write a comment." })
    .trim()
    .min(1, { message: "Write a comment." })
    .max(4000, { message: "A comment is limited to 4,000 characters." }),
});

export interface CommentView {
  id: string;
  author: string;
  mine: boolean;
  body: string;
  createdAt: string;
}

/**
 * The sentence, if the actor may join its thread. Reviewers and owners always
 * may; an annotator of a blind project only once they have submitted the
 * document, so a thread cannot reveal the others' tags before then.
 */
async function threadSentence(access: ProjectAccess, actor: Actor, sentenceId: string) {
  if (!isUuid(sentenceId)) throw notFound("That sentence");
  const sentence = await db.sentence.findFirst({
    where: { id: sentenceId, projectId: access.project.id },
    select: { id: true, documentId: true },
  });
  if (!sentence) throw notFound("That sentence");
  if (!access.can("annotation:read-all")) {
    const progress = await db.documentProgress.findUnique({
      where: { documentId_userId: { documentId: sentence.documentId, userId: actor.id } },
      select: { status: true },
    });
    if (progress?.status !== "SUBMITTED") {
      throw new AppError(
        "FORBIDDEN",
        "Submit the document first: in a blind project the discussion opens once your own tags are in.",
      );
    }
  }
  return sentence;
}

export async function listComments(args: {
  actor: Actor;
  projectSlug: string;
  sentenceId: string;
}): Promise<CommentView[]> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "comment:write",
  );
  const sentence = await threadSentence(access, args.actor, args.sentenceId);
  const comments = await db.comment.findMany({
    where: { sentenceId: sentence.id, projectId: access.project.id, deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      authorId: true,
      body: true,
      createdAt: true,
      author: { select: { name: true } },
    },
  });
  // Annotators are shown as the project shows them elsewhere, so a thread does not undo pseudonyms.
  const identities = await annotatorIdentities(access.project.id, []);
  return comments.map((c) => ({
    id: c.id,
    author:
      c.authorId === args.actor.id
        ? "You"
        : ((identities.mode === "PSEUDONYMS" ? identities.names.get(c.authorId) : undefined) ??
          c.author.name),
    mine: c.authorId === args.actor.id,
    body: c.body,
    createdAt: c.createdAt.toISOString(),
  }));
}

export async function addComment(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<CommentView> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "comment:write",
  );
  const input = parseInput(commentInputSchema, args.input);
  const sentence = await threadSentence(access, args.actor, input.sentenceId);
  const comment = await db.$transaction(async (tx) => {
    const created = await tx.comment.create({
      data: {
        projectId: access.project.id,
        sentenceId: sentence.id,
        authorId: args.actor.id,
        body: input.body,
      },
      select: { id: true, body: true, createdAt: true },
    });
    await audit(tx, {
      actorId: args.actor.id,
      projectId: access.project.id,
      action: "comment.create",
      entityType: "Comment",
      entityId: created.id,
      after: { sentenceId: sentence.id, body: created.body },
    });
    return created;
  });
  return {
    id: comment.id,
    author: "You",
    mine: true,
    body: comment.body,
    createdAt: comment.createdAt.toISOString(),
  };
}
