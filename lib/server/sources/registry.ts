import "server-only";
import { z } from "zod";
import { db, Prisma } from "@/lib/db";
import {
  mergeSourcesSchema,
  SOURCE_TYPES,
  sourceInputSchema,
  type SourceView,
} from "@/lib/domain/annotation";
import { AppError, notFound } from "@/lib/domain/errors";
import {
  RELIABILITY_GRADES,
  parseRegistryFile,
  registryCsv,
  type ReliabilityGrade,
  type RegistryRecord,
  type RegistryRow,
  type RowError,
} from "@/lib/domain/sources";
import { isUuid, requireProjectAccess, type ProjectAccess } from "../access";
import type { Actor } from "../actor";
import { audit } from "../audit/record";
import { parseInput } from "../validation";

export type { SourceView };

export const sourceSelect = {
  id: true,
  name: true,
  aliases: true,
  type: true,
  affiliation: true,
  side: true,
  description: true,
} as const;

type Tx = Prisma.TransactionClient;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

function conflictWith(name: string, existing: { name: string }) {
  const message =
    existing.name.toLowerCase() === name.toLowerCase()
      ? `A source named “${existing.name}” is already in the registry.`
      : `“${name}” is already in the registry as an alias of “${existing.name}”.`;
  return new AppError("CONFLICT", message, { name: [message] });
}

/** The registry entry that already carries one of `names` (as its name or an alias), other than `except`. */
async function findClash(
  tx: Tx,
  projectId: string,
  names: readonly string[],
  except: string | null,
): Promise<{ taken: string; existing: { id: string; name: string } } | null> {
  const wanted = names.map((n) => n.toLowerCase());
  const [hit] = await tx.$queryRaw<Array<{ id: string; name: string; taken: string }>>`
    SELECT s.id::text AS id, s.name, w.taken
    FROM "Source" s
    JOIN unnest(${wanted}::text[]) AS w(taken)
      ON lower(s.name) = w.taken OR w.taken = ANY(SELECT lower(a) FROM unnest(s.aliases) a)
    WHERE s."projectId" = ${projectId}::uuid AND (${except}::uuid IS NULL OR s.id <> ${except}::uuid)
    LIMIT 1`;
  if (!hit) return null;
  return {
    taken: names.find((n) => n.toLowerCase() === hit.taken) ?? hit.taken,
    existing: { id: hit.id, name: hit.name },
  };
}

/** The project's side list; an empty list means the side is free text. */
async function sideOptionsOf(projectId: string): Promise<string[]> {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { sideOptions: true },
  });
  return project.sideOptions;
}

function checkSide(side: string | null, options: readonly string[]): string | null {
  if (side === null || options.length === 0) return side;
  const option = options.find((o) => o.toLowerCase() === side.toLowerCase());
  if (option) return option;
  const message = `Unknown side “${side}”: this project's sides are ${options.join(", ")}.`;
  throw new AppError("VALIDATION", message, { side: [message] });
}

/** The project's whole registry (it is small: tens to hundreds of entries), for client-side autocomplete. */
export async function listSources(args: {
  actor: Actor;
  projectSlug: string;
}): Promise<SourceView[]> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:read",
  );
  return db.source.findMany({
    where: { projectId: access.project.id },
    orderBy: { name: "asc" },
    select: sourceSelect,
  });
}

export interface SettledGrade {
  value: ReliabilityGrade;
  rationale: string;
  /** The reviewer's name; null when their account was deleted. */
  by: string | null;
  at: Date;
}

export interface RegistryEntry extends SourceView {
  grade: SettledGrade | null;
  /** Annotations that attribute a sentence to this source. */
  citations: number;
  /** The caller's own reliability grade, if they gave one. */
  myGrade: ReliabilityGrade | null;
}

const SORTS = ["name", "grade", "citations", "type", "side"] as const;

/** The Sources list's filters and order, as they arrive in a query string. */
export const registryQuerySchema = z.object({
  q: z.string().trim().max(200).optional().default(""),
  grade: z
    .enum([...RELIABILITY_GRADES, "none"], { message: "grade must be A–F or none." })
    .optional(),
  type: z.enum(SOURCE_TYPES, { message: "Unknown source type." }).optional(),
  side: z.string().trim().max(100).optional(),
  cited: z.enum(["yes", "no"], { message: "cited must be yes or no." }).optional(),
  sort: z.enum(SORTS, { message: `sort must be one of ${SORTS.join(", ")}.` }).default("name"),
  dir: z.enum(["asc", "desc"], { message: "dir must be asc or desc." }).optional(),
});
export type RegistryQuery = z.input<typeof registryQuerySchema>;

/** Query parameters (from a URL or a page's searchParams) into the query schema's input. */
export function registryParams(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of ["q", "grade", "type", "side", "cited", "sort", "dir"]) {
    const v = params instanceof URLSearchParams ? params.get(key) : params[key];
    const value = Array.isArray(v) ? v[0] : (v ?? undefined);
    out[key] = value === "" ? undefined : value;
  }
  return out;
}

async function settledGrades(
  client: Tx | typeof db,
  projectId: string,
  sourceIds?: string[],
): Promise<Map<string, SettledGrade>> {
  const rows = await client.sourceAssessment.findMany({
    where: { projectId, ...(sourceIds ? { sourceId: { in: sourceIds } } : {}) },
    orderBy: [{ sourceId: "asc" }, { createdAt: "desc" }],
    distinct: ["sourceId"],
    select: {
      sourceId: true,
      grade: true,
      rationale: true,
      createdAt: true,
      reviewer: { select: { name: true } },
    },
  });
  return new Map(
    rows.map((r) => [
      r.sourceId,
      { value: r.grade, rationale: r.rationale, by: r.reviewer?.name ?? null, at: r.createdAt },
    ]),
  );
}

/**
 * The registry with each source's settled grade, citation count and the
 * caller's own grade, filtered and sorted on the server. The settled grade is
 * the project's and every member sees it; annotators' grades are not here.
 */
export async function listRegistry(args: {
  actor: Actor;
  projectSlug: string;
  query?: unknown;
}): Promise<{ access: ProjectAccess; sources: RegistryEntry[]; sides: string[] }> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:read",
  );
  const query = parseInput(registryQuerySchema, args.query ?? {});
  const projectId = access.project.id;
  const q = query.q;
  const [sources, grades, citations, mine, sideRows] = await Promise.all([
    db.source.findMany({
      where: {
        projectId,
        ...(query.type ? { type: query.type } : {}),
        ...(query.side ? { side: { equals: query.side, mode: "insensitive" } } : {}),
        ...(q
          ? {
              OR: [
                { name: { contains: q, mode: "insensitive" } },
                { aliases: { has: q } },
                { affiliation: { contains: q, mode: "insensitive" } },
              ],
            }
          : {}),
      },
      orderBy: { name: "asc" },
      select: sourceSelect,
    }),
    settledGrades(db, projectId),
    db.annotation.groupBy({
      by: ["sourceId"],
      where: { projectId, sourceId: { not: null } },
      _count: { _all: true },
    }),
    db.sourceGrade.findMany({
      where: { projectId, annotatorId: args.actor.id },
      select: { sourceId: true, grade: true },
    }),
    db.source.findMany({
      where: { projectId, side: { not: null } },
      distinct: ["side"],
      select: { side: true },
    }),
  ]);
  const citationsOf = new Map(citations.map((c) => [c.sourceId, c._count._all]));
  const mineOf = new Map(mine.map((g) => [g.sourceId, g.grade]));
  let entries: RegistryEntry[] = sources.map((s) => ({
    ...s,
    grade: grades.get(s.id) ?? null,
    citations: citationsOf.get(s.id) ?? 0,
    myGrade: mineOf.get(s.id) ?? null,
  }));
  if (query.cited)
    entries = entries.filter((e) => (query.cited === "yes" ? e.citations > 0 : e.citations === 0));
  if (query.grade)
    entries = entries.filter((e) =>
      query.grade === "none" ? e.grade === null : e.grade?.value === query.grade,
    );
  // Citations read best most-cited first; every other order starts at A / a.
  const dir = (query.dir ?? (query.sort === "citations" ? "desc" : "asc")) === "asc" ? 1 : -1;
  const gradeRank = (e: RegistryEntry) =>
    e.grade ? RELIABILITY_GRADES.indexOf(e.grade.value) : RELIABILITY_GRADES.length;
  const key: Record<(typeof SORTS)[number], (a: RegistryEntry, b: RegistryEntry) => number> = {
    name: () => 0,
    grade: (a, b) => gradeRank(a) - gradeRank(b),
    citations: (a, b) => a.citations - b.citations,
    type: (a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
    side: (a, b) => (a.side ?? "\uffff").localeCompare(b.side ?? "\uffff"),
  };
  const byName = (a: RegistryEntry, b: RegistryEntry) => a.name.localeCompare(b.name);
  entries.sort((a, b) => dir * (key[query.sort](a, b) || byName(a, b)));
  const options = await sideOptionsOf(projectId);
  const sides = [
    ...new Set([...options, ...sideRows.map((r) => r.side).filter((s): s is string => s !== null)]),
  ];
  return { access, sources: entries, sides };
}

/**
 * Adds an entry. The registry (Sources page, API) is the owners' and
 * reviewers'; `inline` is the annotation workspace, where any annotator adds
 * the source they are tagging.
 */
export async function createSource(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
  inline?: boolean;
}): Promise<SourceView> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    args.inline ? "source:write" : "source:manage",
  );
  const input = parseInput(sourceInputSchema, args.input);
  const projectId = access.project.id;
  const side = checkSide(input.side, await sideOptionsOf(projectId));
  try {
    return await db.$transaction(async (tx) => {
      const clash = await findClash(tx, projectId, [input.name, ...input.aliases], null);
      if (clash) throw conflictWith(clash.taken, clash.existing);
      const source = await tx.source.create({
        data: { ...input, side, projectId, createdById: args.actor.id },
        select: sourceSelect,
      });
      await audit(tx, {
        actorId: args.actor.id,
        action: "source.create",
        entityType: "Source",
        entityId: source.id,
        projectId,
        after: { ...source },
      });
      return source;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictWith(input.name, { name: input.name });
    throw error;
  }
}

/**
 * Edits an entry (reviewers and owners). Fields left out of the input keep
 * their value, so the API's PATCH and the page's full form share it.
 */
export async function updateSource(args: {
  actor: Actor;
  projectSlug: string;
  sourceId: string;
  input: unknown;
}): Promise<SourceView> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "source:manage",
  );
  if (!isUuid(args.sourceId)) throw notFound("That source");
  const projectId = access.project.id;
  const before = await db.source.findFirst({
    where: { id: args.sourceId, projectId },
    select: sourceSelect,
  });
  if (!before) throw notFound("That source");
  const patch =
    args.input !== null && typeof args.input === "object" && !Array.isArray(args.input)
      ? args.input
      : {};
  const { id: _id, ...current } = before;
  const input = parseInput(sourceInputSchema, { ...current, ...patch });
  const side = checkSide(input.side, await sideOptionsOf(projectId));
  try {
    return await db.$transaction(async (tx) => {
      const clash = await findClash(tx, projectId, [input.name, ...input.aliases], before.id);
      if (clash) throw conflictWith(clash.taken, clash.existing);
      const source = await tx.source.update({
        where: { id: before.id },
        data: { ...input, side },
        select: sourceSelect,
      });
      await audit(tx, {
        actorId: args.actor.id,
        action: "source.update",
        entityType: "Source",
        entityId: source.id,
        projectId,
        before: { ...before },
        after: { ...source },
      });
      return source;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictWith(input.name, { name: input.name });
    throw error;
  }
}

/**
 * Deletes an entry nobody cites. A cited source is refused: deleting it would
 * silently strip the attribution from annotations; merging keeps it.
 */
export async function deleteSource(args: {
  actor: Actor;
  projectSlug: string;
  sourceId: string;
}): Promise<{ id: string }> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "source:manage",
  );
  if (!isUuid(args.sourceId)) throw notFound("That source");
  const projectId = access.project.id;
  return db.$transaction(async (tx) => {
    const source = await tx.source.findFirst({
      where: { id: args.sourceId, projectId },
      select: sourceSelect,
    });
    if (!source) throw notFound("That source");
    const [annotations, gold] = await Promise.all([
      tx.annotation.count({ where: { projectId, sourceId: source.id } }),
      tx.adjudication.count({ where: { projectId, sourceId: source.id } }),
    ]);
    if (annotations + gold > 0) {
      const cited = [
        annotations ? `${annotations} annotation${annotations === 1 ? "" : "s"}` : null,
        gold ? `${gold} gold label${gold === 1 ? "" : "s"}` : null,
      ]
        .filter(Boolean)
        .join(" and ");
      throw new AppError(
        "CONFLICT",
        `“${source.name}” is cited by ${cited}: merge it into another source instead, so they keep their attribution.`,
      );
    }
    await tx.source.delete({ where: { id: source.id } });
    await audit(tx, {
      actorId: args.actor.id,
      action: "source.delete",
      entityType: "Source",
      entityId: source.id,
      projectId,
      before: { ...source },
    });
    return { id: source.id };
  });
}

/**
 * Merges a duplicate into the canonical entry: every annotation and gold label
 * that pointed at the duplicate now points at the canonical one, and the
 * duplicate's name and aliases become aliases, so autocomplete still finds them.
 * Annotators' grades of the duplicate move over unless they graded the
 * canonical entry too; its settled grade history moves over only when the
 * canonical entry has none (two histories would interleave meaninglessly).
 */
export async function mergeSources(args: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<SourceView & { moved: number }> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "source:manage",
  );
  const input = parseInput(mergeSourcesSchema, args.input);
  const projectId = access.project.id;
  return db.$transaction(async (tx) => {
    const [from, into] = await Promise.all([
      tx.source.findFirst({ where: { id: input.fromId, projectId }, select: sourceSelect }),
      tx.source.findFirst({ where: { id: input.intoId, projectId }, select: sourceSelect }),
    ]);
    if (!from || !into) throw notFound("That source");
    const moved = await tx.annotation.updateMany({
      where: { sourceId: from.id, projectId },
      data: { sourceId: into.id, version: { increment: 1 } },
    });
    await tx.adjudication.updateMany({
      where: { sourceId: from.id, projectId },
      data: { sourceId: into.id },
    });
    const graders = await tx.sourceGrade.findMany({
      where: { sourceId: into.id },
      select: { annotatorId: true },
    });
    await tx.sourceGrade.updateMany({
      where: { sourceId: from.id, annotatorId: { notIn: graders.map((g) => g.annotatorId) } },
      data: { sourceId: into.id },
    });
    if ((await tx.sourceAssessment.count({ where: { sourceId: into.id } })) === 0) {
      await tx.sourceAssessment.updateMany({
        where: { sourceId: from.id },
        data: { sourceId: into.id },
      });
    }
    const aliases = [...new Set([...into.aliases, from.name, ...from.aliases])].filter(
      (a) => a !== into.name,
    );
    await tx.source.delete({ where: { id: from.id } });
    const merged = await tx.source.update({
      where: { id: into.id },
      data: { aliases },
      select: sourceSelect,
    });
    await audit(tx, {
      actorId: args.actor.id,
      action: "source.merge",
      entityType: "Source",
      entityId: into.id,
      projectId,
      before: { from: { ...from }, into: { ...into } },
      after: { ...merged, annotationsMoved: moved.count },
    });
    return { ...merged, moved: moved.count };
  });
}

// ------------------------------------------------------------- import/export

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

/** The registry as a file in the columns the import reads: an export re-imports unchanged. */
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
  const format = parseInput(
    z.enum(["csv", "json"], { message: "format must be csv or json." }).default("csv"),
    args.format ?? undefined,
  );
  const projectId = access.project.id;
  const [sources, grades] = await Promise.all([
    db.source.findMany({ where: { projectId }, orderBy: { name: "asc" }, select: sourceSelect }),
    settledGrades(db, projectId),
  ]);
  const records: RegistryRecord[] = sources.map((s) => {
    const grade = grades.get(s.id);
    return {
      name: s.name,
      aliases: s.aliases,
      type: s.type,
      affiliation: s.affiliation,
      side: s.side,
      description: s.description,
      grade: grade?.value ?? null,
      rationale: grade?.rationale ?? null,
    };
  });
  const base = `${access.project.slug}-sources`;
  return format === "csv"
    ? {
        fileName: `${base}.csv`,
        contentType: "text/csv; charset=utf-8",
        body: registryCsv(records),
      }
    : {
        fileName: `${base}.json`,
        contentType: "application/json; charset=utf-8",
        body: `${JSON.stringify({ sources: records }, null, 2)}\n`,
      };
}

/** A source of the project, or NOT_FOUND (another project's id finds nothing). */
export async function projectSource(projectId: string, sourceId: string) {
  if (!isUuid(sourceId)) throw notFound("That source");
  const source = await db.source.findFirst({
    where: { id: sourceId, projectId },
    select: sourceSelect,
  });
  if (!source) throw notFound("That source");
  return source;
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
