import "server-only";
import { z } from "zod";
import { pgText } from "@/lib/domain/input";
import { db } from "@/lib/db";
import {
  alphaBootstrap,
  confusionMatrix,
  fleissKappa,
  gwetAC1,
  krippendorffAlpha,
  pairwiseCohenKappa,
  percentAgreement,
  ReliabilityDataBuilder,
  specificAgreement,
  toCountTable,
  type AC1Result,
  type AlphaInterval,
  type AlphaResult,
  type CountTable,
  type FleissResult,
  type KappaResult,
  type PercentAgreementResult,
  type ReliabilityData,
  type Result,
} from "@/lib/domain/agreement";
import { LABELS, type Label } from "@/lib/domain/annotation";
import { bootstrapSamplesFor } from "@/lib/domain/review";
import { requireProjectAccess, type ProjectAccess } from "../access";
import type { Actor } from "../actor";
import { credibilityFigure, sourceReliabilityFigure, type GradeFigure } from "../sources/agreement";
import { annotatorIdentities } from "./review";
import { parseInput } from "../validation";

const idList = (what: string) =>
  pgText()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.uuid({ message: `${what} must be a comma-separated list of ids.` })).max(1000));

/**
 * The filters every agreement figure honours, as they arrive in a query
 * string (`?documents=…&annotators=…&boilerplate=1`) from the dashboard or the API.
 */
export const agreementFiltersSchema = z.object({
  documents: idList("documents"),
  annotators: idList("annotators"),
  boilerplate: z
    .enum(["0", "1", "true", "false"], { message: "boilerplate must be 1 or 0." })
    .optional()
    .transform((v) => v === "1" || v === "true"),
});
export type AgreementFilters = z.output<typeof agreementFiltersSchema>;

/** Query parameters (from a URL or a page's searchParams) into the filter schema's input. */
export function filterParams(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
) {
  const get = (key: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
    const v = params[key];
    return Array.isArray(v) ? v.join(",") : v;
  };
  return {
    documents: get("documents"),
    annotators: get("annotators"),
    boilerplate: get("boilerplate"),
  };
}

export interface Coder {
  id: string;
  display: string;
}

export interface GroupAgreement {
  units: number;
  pairableUnits: number;
  alpha: Result;
  percentAgreement: Result;
}

export interface AgreementFigures {
  filters: { documents: string[]; annotators: string[]; includeBoilerplate: boolean };
  labels: Label[];
  coders: Coder[];
  annotations: number;
  units: number;
  pairableUnits: number;
  alpha: AlphaResult;
  interval: AlphaInterval;
  /** Why fewer than the usual 1,000 resamples were drawn, when they were. */
  bootstrapNote: string | null;
  fleiss: FleissResult;
  percentAgreement: PercentAgreementResult;
  ac1: AC1Result;
  perLabel: Array<{
    label: Label;
    annotations: number;
    specificAgreement: Result;
    fleissKappa: Result;
  }>;
  pairs: Array<{ coderA: string; coderB: string; kappa: KappaResult; confusion: number[][] }>;
  /** How often each annotator used each label, in `labels` order. */
  labelDistribution: Array<{ coder: string; counts: number[]; total: number }>;
  perDocument: Array<{ documentId: string; title: string } & GroupAgreement>;
  /** By ISO week (Monday, UTC) of a sentence's latest annotation. */
  overTime: Array<{ week: string } & GroupAgreement>;
  /**
   * Nominal alpha over the attributed source: the canonical registry entry
   * each annotator chose (merged entries count as their target), on the
   * sentences where at least two annotators chose one.
   */
  sourceAlpha: AlphaResult & { sources: number };
  /** Ordinal alpha on information credibility (units = sentences; 6 is missing). */
  credibility: GradeFigure;
  /** Ordinal alpha on annotators' source reliability grades (units = sources; F is missing). */
  sourceReliability: GradeFigure;
}

const WEEK_SECONDS = 7 * 24 * 3600;
// 1970-01-01 was a Thursday; weeks counted from Monday 1969-12-29 line up with ISO weeks.
const MONDAY_OFFSET = 3 * 24 * 3600;

function plain(r: Result): Result {
  return r.defined ? { defined: true, value: r.value } : { defined: false, reason: r.reason };
}

/**
 * Every agreement figure of a project. The annotations are read with one SQL
 * query that returns one row per sentence, grouped by document,
 * holding each annotator's label packed as coder × 4 + label; they go straight
 * into a ReliabilityDataBuilder without a row object per annotation.
 */
export async function projectAgreement(args: {
  actor: Actor;
  projectSlug: string;
  filters: unknown;
}): Promise<{ access: ProjectAccess; figures: AgreementFigures }> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "annotation:read-all",
  );
  const filters = parseInput(agreementFiltersSchema, args.filters);
  return { access, figures: await agreementFigures(access.project.id, filters) };
}

export async function agreementFigures(
  projectId: string,
  filters: AgreementFilters,
): Promise<AgreementFigures> {
  const K = LABELS.length;
  const docFilter = filters.documents.length > 0;
  const coderFilter = filters.annotators.length > 0;
  const [coderRows, documents] = await Promise.all([
    // The coder list comes from the memberships and a skip-scan over the
    // (projectId, annotatorId) index, not a DISTINCT over every annotation.
    db.$queryRaw<Array<{ id: string }>>`
      WITH RECURSIVE c AS (
        (SELECT "annotatorId" AS id FROM "Annotation" WHERE "projectId" = ${projectId}::uuid ORDER BY "annotatorId" LIMIT 1)
        UNION ALL
        SELECT (SELECT "annotatorId" FROM "Annotation" WHERE "projectId" = ${projectId}::uuid AND "annotatorId" > c.id ORDER BY "annotatorId" LIMIT 1)
        FROM c WHERE c.id IS NOT NULL)
      SELECT id::text AS id FROM c WHERE id IS NOT NULL
        AND (NOT ${coderFilter} OR id = ANY(${filters.annotators}::uuid[]))
      ORDER BY id`,
    db.document.findMany({
      where: { projectId, ...(docFilter ? { id: { in: filters.documents } } : {}) },
      select: { id: true, title: true },
    }),
  ]);
  const coderIds = coderRows.map((r) => r.id);
  const identities = await annotatorIdentities(projectId, coderIds);
  const coders = coderIds.map((id) => ({ id, display: identities.names.get(id) ?? "Annotator" }));
  const titleOf = new Map(documents.map((d) => [d.id, d.title]));

  // The grouping needs more than the default 4 MB of work memory on large
  // projects; without it PostgreSQL spills to disk and takes twice as long.
  // Sentences are grouped without joining "Sentence" (the annotation carries
  // its document); boilerplate, excluded by default, is a small hashed set.
  const rows =
    coderIds.length === 0
      ? []
      : (
          await db.$transaction([
            db.$executeRaw`SET LOCAL work_mem = '64MB'`,
            db.$queryRaw<Array<{ d: string; w: number; v: number[] }>>`
      SELECT a."documentId"::text AS d,
             floor((extract(epoch FROM max(a."updatedAt")) + ${MONDAY_OFFSET}) / ${WEEK_SECONDS})::int AS w,
             array_agg((array_position(${coderIds}::uuid[], a."annotatorId") - 1) * ${K}
                       + CASE a.label WHEN 'SOURCED_FACT' THEN 0 WHEN 'UNVERIFIED_CLAIM' THEN 1 WHEN 'OPINION' THEN 2 ELSE 3 END) AS v
      FROM "Annotation" a
      WHERE a."projectId" = ${projectId}::uuid
        AND (${filters.boilerplate} OR a."sentenceId" NOT IN (
              SELECT id FROM "Sentence" WHERE "projectId" = ${projectId}::uuid AND "isBoilerplate"))
        AND (NOT ${docFilter} OR a."documentId" = ANY(${filters.documents}::uuid[]))
        AND a."annotatorId" = ANY(${coderIds}::uuid[])
      GROUP BY a."documentId", a."sentenceId"
      ORDER BY a."documentId", a."sentenceId"`,
          ])
        )[1];

  const builder = new ReliabilityDataBuilder({
    coderCount: Math.max(1, coders.length),
    categoryCount: K,
  });
  const docRuns: Array<{ documentId: string; start: number; end: number }> = [];
  const weekOf = new Int32Array(rows.length);
  let annotations = 0;
  rows.forEach((row, u) => {
    const last = docRuns[docRuns.length - 1];
    if (last?.documentId === row.d) last.end = u + 1;
    else docRuns.push({ documentId: row.d, start: u, end: u + 1 });
    weekOf[u] = row.w;
    for (const code of row.v) builder.add(u, Math.floor(code / K), code % K);
    annotations += row.v.length;
  });
  const data = builder.build();
  const table = toCountTable(data);

  const alpha = krippendorffAlpha(table);
  const samples = bootstrapSamplesFor(alpha.pairableUnits);
  const interval = alphaBootstrap(table, { samples });
  const fleiss = fleissKappa(table);
  const specific = specificAgreement(table);
  const labelTotals = new Array<number>(K).fill(0);
  for (let i = 0; i < table.counts.length; i++)
    labelTotals[i % K] = (labelTotals[i % K] ?? 0) + (table.counts[i] ?? 0);

  return {
    filters: {
      documents: filters.documents,
      annotators: filters.annotators,
      includeBoilerplate: filters.boilerplate,
    },
    labels: [...LABELS],
    coders,
    annotations,
    units: data.unitCount,
    pairableUnits: alpha.pairableUnits,
    alpha,
    interval,
    bootstrapNote:
      samples < 1000
        ? `${samples} resamples instead of 1,000: with ${alpha.pairableUnits.toLocaleString("en")} pairable sentences the interval is already narrow, and fewer resamples keep the page fast.`
        : null,
    fleiss,
    percentAgreement: percentAgreement(table),
    ac1: gwetAC1(table),
    perLabel: LABELS.map((label, k) => {
      const s = specific[k];
      const f = fleiss.defined ? fleiss.perCategory[k] : undefined;
      return {
        label,
        annotations: labelTotals[k] ?? 0,
        specificAgreement: s ? plain(s) : { defined: false, reason: "No such label." },
        fleissKappa: f
          ? plain(f)
          : { defined: false, reason: fleiss.defined ? "No such label." : fleiss.reason },
      };
    }),
    pairs:
      coders.length < 2
        ? []
        : pairwiseCohenKappa(data).map((p) => ({
            coderA: coders[p.coderA]?.id ?? "",
            coderB: coders[p.coderB]?.id ?? "",
            kappa: p.kappa,
            confusion: confusionMatrix(data, p.coderA, p.coderB).counts,
          })),
    labelDistribution: labelDistribution(data, coders),
    perDocument: docRuns
      .map((run) => ({
        documentId: run.documentId,
        title: titleOf.get(run.documentId) ?? "",
        ...groupAgreement(slice(table, run.start, run.end)),
      }))
      .sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0)),
    overTime: overTime(table, weekOf),
    sourceAlpha: await sourceAgreement(projectId, filters, coderIds),
    credibility: await credibilityFigure(projectId, filters),
    sourceReliability: await sourceReliabilityFigure(projectId, filters),
  };
}

async function sourceAgreement(
  projectId: string,
  filters: AgreementFilters,
  coderIds: string[],
): Promise<AgreementFigures["sourceAlpha"]> {
  const docFilter = filters.documents.length > 0;
  // One row per sentence: each annotator's source packed as coder index and source id.
  const rows =
    coderIds.length < 2
      ? []
      : await db.$queryRaw<Array<{ c: number[]; s: string[] }>>`
      SELECT array_agg(array_position(${coderIds}::uuid[], a."annotatorId") - 1) AS c, array_agg(a."sourceId"::text) AS s
      FROM "Annotation" a
      WHERE a."projectId" = ${projectId}::uuid AND a."sourceId" IS NOT NULL
        AND a."annotatorId" = ANY(${coderIds}::uuid[])
        AND (NOT ${docFilter} OR a."documentId" = ANY(${filters.documents}::uuid[]))
        AND (${filters.boilerplate} OR a."sentenceId" NOT IN (
              SELECT id FROM "Sentence" WHERE "projectId" = ${projectId}::uuid AND "isBoilerplate"))
      GROUP BY a."sentenceId"
      HAVING count(*) > 1`;
  const sourceIndex = new Map<string, number>();
  for (const row of rows)
    for (const id of row.s) if (!sourceIndex.has(id)) sourceIndex.set(id, sourceIndex.size);
  const builder = new ReliabilityDataBuilder({
    coderCount: Math.max(1, coderIds.length),
    categoryCount: Math.max(1, sourceIndex.size),
  });
  rows.forEach((row, u) =>
    row.c.forEach((coder, i) => builder.add(u, coder, sourceIndex.get(row.s[i] ?? "") ?? 0)),
  );
  return { ...krippendorffAlpha(builder.build()), sources: sourceIndex.size };
}

function slice(table: CountTable, start: number, end: number): CountTable {
  const K = table.categoryCount;
  return {
    kind: "counts",
    unitCount: end - start,
    categoryCount: K,
    counts: table.counts.subarray(start * K, end * K),
  };
}

function groupAgreement(table: CountTable): GroupAgreement {
  const alpha = krippendorffAlpha(table);
  return {
    units: table.unitCount,
    pairableUnits: alpha.pairableUnits,
    alpha: plain(alpha),
    percentAgreement: plain(percentAgreement(table)),
  };
}

function overTime(table: CountTable, weekOf: Int32Array): Array<{ week: string } & GroupAgreement> {
  const K = table.categoryCount;
  const byWeek = new Map<number, number[]>();
  weekOf.forEach((w, u) => {
    const list = byWeek.get(w) ?? [];
    list.push(u);
    byWeek.set(w, list);
  });
  return [...byWeek.entries()]
    .sort(([a], [b]) => a - b)
    .map(([w, units]) => {
      const counts = new Int32Array(units.length * K);
      units.forEach((u, i) => counts.set(table.counts.subarray(u * K, u * K + K), i * K));
      const week = new Date((w * WEEK_SECONDS - MONDAY_OFFSET) * 1000).toISOString().slice(0, 10);
      return {
        week,
        ...groupAgreement({ kind: "counts", unitCount: units.length, categoryCount: K, counts }),
      };
    });
}

function labelDistribution(data: ReliabilityData, coders: Coder[]) {
  const { unitCount, coderCount: M, categoryCount: K, values } = data;
  const counts = new Int32Array(M * K);
  for (let i = 0; i < unitCount * M; i++) {
    const v = values[i] ?? -1;
    if (v >= 0) counts[(i % M) * K + v] = (counts[(i % M) * K + v] ?? 0) + 1;
  }
  return coders.map((c, m) => {
    const row = Array.from(counts.subarray(m * K, m * K + K));
    return { coder: c.id, counts: row, total: row.reduce((s, n) => s + n, 0) };
  });
}
