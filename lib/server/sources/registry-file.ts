import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/domain/errors";
import {
  parseRegistryFile,
  registryCsv,
  type RegistryRecord,
  type RegistryRow,
  type ReliabilityGrade,
  type RowError,
} from "@/lib/domain/sources";
import { requireProjectAccess } from "../access";
import type { Actor } from "../actor";
import { audit } from "../audit/record";
import { parseInput } from "../validation";
import { sideOptionsOf, sourceSelect } from "./registry";
import { settledGradeSelect, settledGrades } from "./list";

/* The registry as a file: import (checked whole, applied whole or not at all) and export. */

export interface RegistryImportResult {
  created: number;
  updated: number;
  errors: RowError[];
}

export const MAX_REGISTRY_FILE_BYTES = 5 * 1024 * 1024;

function formatOf(fileName: string, content: string): "csv" | "json" {
  if (/\.json$/i.test(fileName)) return "json";
  if (/\.csv$/i.test(fileName)) return "csv";
  return /^\uFEFF?\s*[[{]/.test(content) ? "json" : "csv";
}

/**
 * Imports a registry file in one transaction. Every row is checked first —
 * its fields, and that its name and aliases point at one existing source at
 * most — and when any row is wrong nothing is written and every error comes
 * back with its row. A row whose name or alias matches a source updates it;
 * other rows create sources. A grade with its rationale settles the source's
 * grade (a new assessment by the importer) unless it is already the settled one.
 */
export async function importRegistry(args: {
  actor: Actor;
  projectSlug: string;
  file: { name: string; content: string };
}): Promise<RegistryImportResult> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "source:manage",
  );
  const projectId = access.project.id;
  const parsed = parseRegistryFile(
    args.file.content,
    formatOf(args.file.name, args.file.content),
    await sideOptionsOf(projectId),
  );
  if (parsed.errors.length) return { created: 0, updated: 0, errors: parsed.errors };

  return db.$transaction(
    async (tx) => {
      const existing = await tx.source.findMany({ where: { projectId }, select: sourceSelect });
      const byName = new Map<string, (typeof existing)[number]>();
      for (const s of existing)
        for (const n of [s.name, ...s.aliases]) byName.set(n.toLowerCase(), s);
      const plans: Array<{ row: RegistryRow; target: (typeof existing)[number] | null }> = [];
      const errors: RowError[] = [];
      const claimed = new Map<string, number>();
      for (const row of parsed.rows) {
        const hits = [
          ...new Set(
            [row.name, ...row.aliases]
              .map((n) => byName.get(n.toLowerCase()))
              .filter((s) => s !== undefined),
          ),
        ];
        if (hits.length > 1) {
          errors.push({
            row: row.row,
            message: `Its name and aliases match ${hits.length} registry sources (${hits.map((h) => `“${h.name}”`).join(", ")}): merge them first, or fix the row.`,
          });
          continue;
        }
        const target = hits[0] ?? null;
        if (target) {
          const earlier = claimed.get(target.id);
          if (earlier !== undefined) {
            errors.push({
              row: row.row,
              message: `It matches “${target.name}”, which row ${earlier} already updates.`,
            });
            continue;
          }
          claimed.set(target.id, row.row);
        }
        plans.push({ row, target });
      }
      if (errors.length) return { created: 0, updated: 0, errors };

      const settled = await settledGrades(tx, projectId);
      let created = 0;
      let updated = 0;
      for (const { row, target } of plans) {
        const data = {
          name: row.name,
          // A renamed source keeps its old name as an alias, so autocomplete still finds it.
          aliases: [
            ...new Set([
              ...row.aliases,
              ...(target && target.name !== row.name ? [target.name] : []),
            ]),
          ],
          type: row.type,
          affiliation: row.affiliation,
          side: row.side,
          description: row.description,
        };
        let sourceId: string;
        if (target) {
          const after = await tx.source.update({
            where: { id: target.id },
            data,
            select: sourceSelect,
          });
          sourceId = target.id;
          updated++;
          await audit(tx, {
            actorId: args.actor.id,
            action: "source.update",
            entityType: "Source",
            entityId: sourceId,
            projectId,
            before: { ...target },
            after: { ...after, via: "import" },
          });
        } else {
          const source = await tx.source.create({
            data: { ...data, projectId, createdById: args.actor.id },
            select: sourceSelect,
          });
          sourceId = source.id;
          created++;
          await audit(tx, {
            actorId: args.actor.id,
            action: "source.create",
            entityType: "Source",
            entityId: sourceId,
            projectId,
            after: { ...source, via: "import" },
          });
        }
        const current = settled.get(sourceId);
        if (
          row.grade &&
          (current?.value !== row.grade.value || current.rationale !== row.grade.rationale)
        ) {
          const assessment = await tx.sourceAssessment.create({
            data: {
              projectId,
              sourceId,
              grade: row.grade.value,
              rationale: row.grade.rationale,
              reviewerId: args.actor.id,
            },
            select: { id: true, grade: true, rationale: true },
          });
          await audit(tx, {
            actorId: args.actor.id,
            action: "source.settle",
            entityType: "Source",
            entityId: sourceId,
            projectId,
            before: current ? { grade: current.value, rationale: current.rationale } : undefined,
            after: { ...assessment, via: "import" },
          });
        }
      }
      return { created, updated, errors: [] };
    },
    { timeout: 60_000 },
  );
}

export const registryExportFormatSchema = z
  .enum(["csv", "json"], { message: "format must be csv or json." })
  .default("csv");

/** One change of a source's settled grade, as the JSON export lists them (oldest first). */
export interface SettledGradeChange {
  grade: ReliabilityGrade;
  rationale: string;
  /** The reviewer's name, as the source's page shows it; null once their account is deleted. */
  by: string | null;
  at: string;
}

/** Every project source's settled-grade history, oldest change first. */
async function settledHistories(projectId: string): Promise<Map<string, SettledGradeChange[]>> {
  const rows = await db.sourceAssessment.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: settledGradeSelect,
  });
  const bySource = new Map<string, SettledGradeChange[]>();
  for (const r of rows) {
    const list = bySource.get(r.sourceId) ?? [];
    list.push({
      grade: r.grade,
      rationale: r.rationale,
      by: r.reviewer?.name ?? null,
      at: r.createdAt.toISOString(),
    });
    bySource.set(r.sourceId, list);
  }
  return bySource;
}

/**
 * The registry as a file in the columns the import reads: an export
 * re-imports unchanged. The JSON form also lists each source's settled-grade
 * `history` (the import reads past it: a re-import settles the current grade
 * only, as its importer); CSV, one row per source in the import's columns, has
 * no room for it.
 */
export async function exportRegistry(args: {
  actor: Actor;
  projectSlug: string;
  format: string | null;
}): Promise<{ fileName: string; contentType: string; body: string }> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:read",
  );
  const format = parseInput(registryExportFormatSchema, args.format ?? undefined);
  const projectId = access.project.id;
  const [sources, grades] = await Promise.all([
    db.source.findMany({ where: { projectId }, orderBy: { name: "asc" }, select: sourceSelect }),
    settledGrades(db, projectId),
  ]);
  const records = sources.map((s) => {
    const grade = grades.get(s.id);
    const record: RegistryRecord = {
      name: s.name,
      aliases: s.aliases,
      type: s.type,
      affiliation: s.affiliation,
      side: s.side,
      description: s.description,
      grade: grade?.value ?? null,
      rationale: grade?.rationale ?? null,
    };
    return { id: s.id, record };
  });
  const base = `${access.project.slug}-sources`;
  if (format === "csv") {
    return {
      fileName: `${base}.csv`,
      contentType: "text/csv; charset=utf-8",
      body: registryCsv(records.map((r) => r.record)),
    };
  }
  const histories = await settledHistories(projectId);
  const withHistory = records.map((r) => ({ ...r.record, history: histories.get(r.id) ?? [] }));
  return {
    fileName: `${base}.json`,
    contentType: "application/json; charset=utf-8",
    body: `${JSON.stringify({ sources: withHistory }, null, 2)}\n`,
  };
}

/** The registry file of an upload (the import form, the API's multipart body), size-checked before it is read. */
export async function registryUpload(form: FormData): Promise<{ name: string; content: string }> {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    const message = 'Choose a CSV or JSON file to import (multipart field "file").';
    throw new AppError("VALIDATION", message, { file: [message] });
  }
  if (file.size > MAX_REGISTRY_FILE_BYTES)
    throw new AppError("PAYLOAD_TOO_LARGE", `${file.name}: a registry file may be at most 5 MB.`);
  return { name: file.name, content: await file.text() };
}
