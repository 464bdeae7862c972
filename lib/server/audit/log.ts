import "server-only";
import { z } from "zod";
import { pgText } from "@/lib/domain/input";
import { db } from "@/lib/db";
import { isIsoDate } from "@/lib/domain/dates";
import { AppError } from "@/lib/domain/errors";
import { canGlobal } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { parseInput } from "../validation";

const dateSchema = z.preprocess(
  (v) => (v === "" ? undefined : v),
  pgText().refine(isIsoDate, "Use a date like 2025-01-31.").optional(),
);

/** The audit page's filters, as they arrive in the query string. */
export const auditFilterSchema = z.object({
  user: z.preprocess((v) => (v === "" ? undefined : v), pgText().trim().max(254).optional()),
  action: z.preprocess((v) => (v === "" ? undefined : v), pgText().trim().max(100).optional()),
  from: dateSchema,
  to: dateSchema,
});

export interface AuditRow {
  id: string;
  createdAt: Date;
  action: string;
  actor: string | null;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  details: string;
}

/** Latest events first (at most 200), filtered by user email or name, action prefix and date range. Administrators only. */
export async function listAuditEvents({
  actor,
  filters,
}: {
  actor: Actor;
  filters: unknown;
}): Promise<AuditRow[]> {
  if (!canGlobal(actor, "audit:read"))
    throw new AppError("FORBIDDEN", "Only administrators can read the audit log.");
  const f = parseInput(auditFilterSchema, filters);
  const createdAt = {
    ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}),
    ...(f.to ? { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
  };
  const rows = await db.auditEvent.findMany({
    where: {
      ...(f.action ? { action: { startsWith: f.action } } : {}),
      ...(f.user
        ? {
            actor: {
              OR: [
                { email: { contains: f.user, mode: "insensitive" } },
                { name: { contains: f.user, mode: "insensitive" } },
              ],
            },
          }
        : {}),
      ...(f.from || f.to ? { createdAt } : {}),
    },
    orderBy: { id: "desc" },
    take: 200,
    select: {
      id: true,
      createdAt: true,
      action: true,
      entityType: true,
      entityId: true,
      ip: true,
      before: true,
      after: true,
      actor: { select: { email: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id.toString(),
    createdAt: r.createdAt,
    action: r.action,
    actor: r.actor?.email ?? null,
    entityType: r.entityType,
    entityId: r.entityId,
    ip: r.ip,
    details: [
      r.before ? `before ${JSON.stringify(r.before)}` : "",
      r.after ? `after ${JSON.stringify(r.after)}` : "",
    ]
      .filter(Boolean)
      .join(" · "),
  }));
}
