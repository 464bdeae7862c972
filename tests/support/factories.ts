import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { ProjectRole } from "@/lib/domain/permissions";
import type { Actor } from "@/lib/server/actor";
import { insertDocument, type DocumentInput } from "@/lib/server/documents/store";
import { hashPassword } from "@/lib/server/accounts/passwords";

const unique = () => randomUUID().slice(0, 8);

export async function createUser(
  opts: { admin?: boolean; password?: string; disabled?: boolean; name?: string } = {},
): Promise<Actor> {
  const id = unique();
  const user = await db.user.create({
    data: {
      email: `user-${id}@example.org`,
      name: opts.name ?? `User ${id}`,
      role: opts.admin ? "ADMIN" : "USER",
      passwordHash: opts.password ? await hashPassword(opts.password) : null,
      disabledAt: opts.disabled ? new Date() : null,
    },
    select: { id: true, email: true, name: true, role: true },
  });
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.role === "ADMIN" };
}

export async function createProject(
  opts: { blind?: boolean; members?: Array<[Actor, ProjectRole]> } = {},
) {
  const id = unique();
  return db.project.create({
    data: {
      name: `Project ${id}`,
      slug: `project-${id}`,
      blindAnnotation: opts.blind ?? true,
      memberships: {
        create: (opts.members ?? []).map(([user, role]) => ({ userId: user.id, role })),
      },
    },
    select: { id: true, slug: true, name: true },
  });
}

export async function importDocument(projectId: string, input: Partial<DocumentInput> = {}) {
  return db.$transaction((tx) =>
    insertDocument(tx, {
      projectId,
      importedById: null,
      input: {
        text: `Report ${unique()}\n\nThe army said it advanced. Critics called it reckless.`,
        ...input,
      },
    }),
  );
}

/** One annotator's tag on a sentence, written directly (the annotation workspace is not needed to test review). */
export async function annotate(
  sentenceId: string,
  annotatorId: string,
  label: "SOURCED_FACT" | "UNVERIFIED_CLAIM" | "OPINION" | "NOT_A_CLAIM",
  extra: {
    sourceText?: string;
    sourceStart?: number;
    sourceEnd?: number;
    sourceId?: string;
    note?: string;
    unsure?: boolean;
    credibility?: number;
    updatedAt?: Date;
  } = {},
) {
  const sentence = await db.sentence.findUniqueOrThrow({
    where: { id: sentenceId },
    select: { projectId: true, documentId: true },
  });
  return db.annotation.create({
    data: { ...sentence, sentenceId, annotatorId, label, ...extra },
    select: { id: true, label: true },
  });
}

/** Marks a document as submitted by an annotator. */
export async function submitDocument(documentId: string, userId: string) {
  return db.documentProgress.upsert({
    where: { documentId_userId: { documentId, userId } },
    create: { documentId, userId, status: "SUBMITTED", submittedAt: new Date() },
    update: { status: "SUBMITTED", submittedAt: new Date() },
  });
}
