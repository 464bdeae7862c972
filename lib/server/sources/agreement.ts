import "server-only";
import { db } from "@/lib/db";
import {
  alphaOrReason,
  credibilityAgreement,
  reliabilityGradeAgreement,
  type GradeAgreement,
} from "@/lib/domain/agreement/grades";
import { bootstrapSamplesFor } from "@/lib/domain/review";
import { isCredibility } from "@/lib/domain/sources";

/** One grade figure as the dashboard and the JSON API give it. */
export interface GradeFigure {
  /** Ordinal Krippendorff's alpha, or why it cannot be computed. */
  alpha: number | { undefined: string };
  interval:
    | { lower: number; upper: number; level: number; samples: number; method: string }
    | { undefined: string };
  /** Units with at least one grade ("cannot be judged" included). */
  units: number;
  /** Scale-point values in units graded by two or more annotators: what alpha uses. */
  pairable: number;
  pairableUnits: number;
  /** Grades given, and how many of them were "cannot be judged" (read as missing). */
  ratings: number;
  cannotBeJudged: number;
  coders: number;
}

function figure(result: GradeAgreement, coders: number): GradeFigure {
  const i = result.interval;
  return {
    alpha: alphaOrReason(result.alpha),
    interval: i.defined
      ? { lower: i.lower, upper: i.upper, level: i.level, samples: i.samples, method: i.method }
      : { undefined: i.reason },
    units: result.units,
    pairable: result.pairable,
    pairableUnits: result.pairableUnits,
    ratings: result.ratings,
    cannotBeJudged: result.cannotBeJudged,
    coders,
  };
}

export interface GradeFilters {
  documents: string[];
  annotators: string[];
  boilerplate: boolean;
}

/**
 * Agreement on information credibility: units are sentences, one value per
 * annotator who gave one (6 "cannot be judged" is missing). Honours the
 * dashboard's document, annotator and boilerplate filters.
 */
export async function credibilityFigure(
  projectId: string,
  filters: GradeFilters,
): Promise<GradeFigure> {
  const docFilter = filters.documents.length > 0;
  const coderFilter = filters.annotators.length > 0;
  const rows = await db.$queryRaw<Array<{ unit: string; coder: string; value: number }>>`
    SELECT a."sentenceId"::text AS unit, a."annotatorId"::text AS coder, a.credibility AS value
    FROM "Annotation" a
    WHERE a."projectId" = ${projectId}::uuid AND a.credibility IS NOT NULL
      AND (NOT ${docFilter} OR a."documentId" = ANY(${filters.documents}::uuid[]))
      AND (NOT ${coderFilter} OR a."annotatorId" = ANY(${filters.annotators}::uuid[]))
      AND (${filters.boilerplate} OR a."sentenceId" NOT IN (
            SELECT id FROM "Sentence" WHERE "projectId" = ${projectId}::uuid AND "isBoilerplate"))`;
  const ratings = rows.flatMap((r) => {
    const value: number = r.value;
    return isCredibility(value) ? [{ unit: r.unit, coder: r.coder, value }] : [];
  });
  return gradeFigure(ratings, credibilityAgreement);
}

/**
 * Agreement on source reliability: units are sources, one value per
 * annotator who graded it (F "cannot be judged" is missing). The annotator
 * filter applies; documents do not bound a source's grade.
 */
export async function sourceReliabilityFigure(
  projectId: string,
  filters: Pick<GradeFilters, "annotators">,
): Promise<GradeFigure> {
  const rows = await db.sourceGrade.findMany({
    where: {
      projectId,
      ...(filters.annotators.length ? { annotatorId: { in: filters.annotators } } : {}),
    },
    select: { sourceId: true, annotatorId: true, grade: true },
  });
  return gradeFigure(
    rows.map((r) => ({ unit: r.sourceId, coder: r.annotatorId, value: r.grade })),
    reliabilityGradeAgreement,
  );
}

function gradeFigure<Value>(
  ratings: Array<{ unit: string; coder: string; value: Value }>,
  agreement: (
    r: Array<{ unit: string; coder: string; value: Value }>,
    o: { bootstrap: { samples: number } },
  ) => GradeAgreement,
): GradeFigure {
  const units = new Set(ratings.map((r) => r.unit)).size;
  const result = agreement(ratings, { bootstrap: { samples: bootstrapSamplesFor(units) } });
  return figure(result, new Set(ratings.map((r) => r.coder)).size);
}
