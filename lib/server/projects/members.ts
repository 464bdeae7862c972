import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/domain/errors";
import type { ProjectRole } from "@/lib/domain/permissions";
import { addMemberSchema, memberRoleSchema } from "@/lib/domain/projects";
import { isUuid, projectRef, requireProjectAccess, type ProjectRef } from "../access";
import type { Actor } from "../actor";
import { audit } from "../audit/record";
import { parseInput } from "../validation";

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: ProjectRole;
  disabled: boolean;
}

/** Members of a project, for those who manage them. */
export async function listMembers({
  actor,
  ...ref
}: {
  actor: Actor;
} & ProjectRef): Promise<MemberRow[]> {
  const access = await requireProjectAccess(actor, projectRef(ref), "members:manage");
  const rows = await db.membership.findMany({
    where: { projectId: access.project.id },
    orderBy: [{ role: "asc" }, { user: { name: "asc" } }],
    select: {
      role: true,
      user: { select: { id: true, name: true, email: true, disabledAt: true } },
    },
  });
  return rows.map((r) => ({
    userId: r.user.id,
    name: r.user.name,
    email: r.user.email,
    role: r.role,
    disabled: r.user.disabledAt !== null,
  }));
}

/** Adds an existing account by email; an unknown email is a field error (accounts are created by administrators). */
export async function addMember({
  actor,
  input,
  ...ref
}: {
  actor: Actor;
  input: unknown;
} & ProjectRef): Promise<MemberRow> {
  const access = await requireProjectAccess(actor, projectRef(ref), "members:manage");
  const data = parseInput(addMemberSchema, input);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({
      where: { email: data.email, isPlaceholder: false },
      select: { id: true, name: true, email: true, disabledAt: true },
    });
    if (!user) {
      throw new AppError(
        "VALIDATION",
        "No account has this email. Ask an administrator to invite the person first.",
        {
          email: ["No account has this email. Ask an administrator to invite the person first."],
        },
      );
    }
    const existing = await tx.membership.findUnique({
      where: { projectId_userId: { projectId: access.project.id, userId: user.id } },
      select: { id: true },
    });
    if (existing)
      throw new AppError("CONFLICT", "This person is already a member.", {
        email: ["This person is already a member."],
      });
    await tx.membership.create({
      data: { projectId: access.project.id, userId: user.id, role: data.role },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "member.add",
      entityType: "Membership",
      entityId: user.id,
      projectId: access.project.id,
      after: { role: data.role },
    });
    return {
      userId: user.id,
      name: user.name,
      email: user.email,
      role: data.role,
      disabled: user.disabledAt !== null,
    };
  });
}

/**
 * Changes a member's role or removes them. A project always keeps at least
 * one owner; the row lock on the project's owners serialises concurrent changes.
 */
export async function changeMember({
  actor,
  userId,
  role,
  ...ref
}: {
  actor: Actor;
  userId: string;
  role: unknown;
} & ProjectRef): Promise<void> {
  const access = await requireProjectAccess(actor, projectRef(ref), "members:manage");
  if (!isUuid(userId)) throw notFound("That member");
  const next = role === "REMOVE" ? null : parseInput(memberRoleSchema, role);
  await db.$transaction(async (tx) => {
    // Locks every owner row of the project, so two owners demoting each other cannot both succeed.
    await tx.$queryRaw`SELECT id FROM "Membership" WHERE "projectId" = ${access.project.id}::uuid AND role = 'OWNER' FOR UPDATE`;
    const member = await tx.membership.findUnique({
      where: { projectId_userId: { projectId: access.project.id, userId } },
      select: { id: true, role: true },
    });
    if (!member) throw notFound("That member");
    if (member.role === "OWNER" && next !== "OWNER") {
      const owners = await tx.membership.count({
        where: { projectId: access.project.id, role: "OWNER" },
      });
      if (owners <= 1)
        throw new AppError(
          "CONFLICT",
          "A project needs at least one owner: make someone else owner first.",
        );
    }
    if (next) await tx.membership.update({ where: { id: member.id }, data: { role: next } });
    else await tx.membership.delete({ where: { id: member.id } });
    await audit(tx, {
      actorId: actor.id,
      action: next ? "member.role" : "member.remove",
      entityType: "Membership",
      entityId: userId,
      projectId: access.project.id,
      before: { role: member.role },
      after: next ? { role: next } : undefined,
    });
  });
}
