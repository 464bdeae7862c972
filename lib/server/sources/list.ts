import "server-only";
import { firstParam, type SearchParams } from "@/lib/domain/search-params";
import { z } from "zod";
import { pgText } from "@/lib/domain/input";
import { db } from "@/lib/db";
import { SOURCE_TYPES, type SourceView } from "@/lib/domain/annotation";
import { RELIABILITY_GRADES, type ReliabilityGrade } from "@/lib/domain/sources";
import { requireProjectAccess, type ProjectAccess } from "../access";
import type { Actor } from "../actor";
import { parseInput } from "../validation";
import { sideOptionsOf, sourceSelect, type Tx } from "./registry";
import { visibleSources } from "./visibility";

/* The Sources list: the registry with settled grades and citation counts, filtered and sorted. */

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
    where: { projectId: access.project.id, ...visibleSources(access, args.actor.id) },
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
  q: pgText().trim().max(200).optional().default(""),
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
  params: URLSearchParams | SearchParams,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of ["q", "grade", "type", "side", "cited", "sort", "dir"]) {
    const value =
      params instanceof URLSearchParams ? (params.get(key) ?? undefined) : firstParam(params[key]);
    out[key] = value === "" ? undefined : value;
  }
  return out;
}

/** A settled grade as every view of one reads it: the grade, why, when, and which reviewer. */
export const settledGradeSelect = {
  sourceId: true,
  grade: true,
  rationale: true,
  createdAt: true,
  reviewer: { select: { name: true } },
} as const;

export async function settledGrades(
  client: Tx | typeof db,
  projectId: string,
  sourceIds?: string[],
): Promise<Map<string, SettledGrade>> {
  const rows = await client.sourceAssessment.findMany({
    where: { projectId, ...(sourceIds ? { sourceId: { in: sourceIds } } : {}) },
    orderBy: [{ sourceId: "asc" }, { createdAt: "desc" }],
    distinct: ["sourceId"],
    select: settledGradeSelect,
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
 * Citations count everyone's annotations for those who may read them all, and
 * only the caller's own for an annotator in a blind project.
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
        AND: [visibleSources(access, args.actor.id)],
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
      // In a blind project an annotator's counts are their own: everyone's would tell them what
      // the others cited, and that others have annotated at all.
      where: {
        projectId,
        sourceId: { not: null },
        ...(access.can("annotation:read-all") ? {} : { annotatorId: args.actor.id }),
      },
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
