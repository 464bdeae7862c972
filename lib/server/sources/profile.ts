import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/domain/errors";
import { type Label, type SourceView } from "@/lib/domain/annotation";
import {
  credibilityDistribution,
  isCredibility,
  reliabilityDistribution,
  type Credibility,
  type GradeDistribution,
  type ReliabilityGrade,
} from "@/lib/domain/sources";
import { requireProjectAccess } from "../access";
import type { Actor } from "../actor";
import { annotatorIdentities } from "../review/review";
import { projectSource } from "./registry";
import { settledGradeSelect } from "./list";
import { visibleSources } from "./visibility";

export interface ProfileAnnotation {
  /** The annotator as the project shows them (a name or a pseudonym); "You" for the caller. */
  annotator: string;
  mine: boolean;
  label: Label;
  credibility: Credibility | null;
}

export interface ProfileSentence {
  sentenceId: string;
  documentId: string;
  documentTitle: string;
  index: number;
  text: string;
  /** Where to read it: the review page for reviewers, the workspace for everyone else. */
  href: string;
  annotations: ProfileAnnotation[];
}

export interface ProfileGrade {
  annotator: string;
  mine: boolean;
  grade: ReliabilityGrade;
  rationale: string;
  at: Date;
}

export interface SourceProfile {
  source: SourceView;
  settled: { grade: ReliabilityGrade; rationale: string; by: string | null; at: Date } | null;
  /** Every settled grade, newest first (the first is `settled`). */
  history: Array<{ grade: ReliabilityGrade; rationale: string; by: string | null; at: Date }>;
  /** True when the caller sees only their own annotations and grades (blind project, annotator). */
  ownOnly: boolean;
  sentences: ProfileSentence[];
  documents: number;
  labelMix: Record<Label, number>;
  credibility: GradeDistribution<Credibility> & { notGiven: number };
  myGrade: { grade: ReliabilityGrade; rationale: string; version: number } | null;
  /** Each annotator's grade; null for callers who may not see other annotators' work. */
  annotatorGrades: ProfileGrade[] | null;
  /** How the annotators' grades spread (F counted apart); null with annotatorGrades. */
  gradeSpread: GradeDistribution<ReliabilityGrade> | null;
  citedWith: Array<{ id: string; name: string; sentences: number; documents: number }>;
  can: { grade: boolean; settle: boolean; manage: boolean };
}

/**
 * Everything known about one source: what was attributed to it, how those
 * claims were tagged and graded, how the source itself was graded, and who
 * else is cited beside it. A blind project's annotator sees only their own
 * annotations and grade: other annotators' work is not read at all.
 */
export async function sourceProfile(args: {
  actor: Actor;
  projectSlug: string;
  sourceId: string;
}): Promise<SourceProfile> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:read",
  );
  const projectId = access.project.id;
  const source = await projectSource(projectId, args.sourceId);
  // An entry only another annotator of a blind project added is not there for this caller.
  if (
    !(await db.source.count({ where: { id: source.id, ...visibleSources(access, args.actor.id) } }))
  )
    throw notFound("That source");
  const seeAll = access.can("annotation:read-all");
  const own = seeAll ? {} : { annotatorId: args.actor.id };
  const toReview = access.can("adjudication:write");
  const base = `/projects/${access.project.slug}`;

  const [annotations, history, grades, together] = await Promise.all([
    db.annotation.findMany({
      where: { projectId, sourceId: source.id, ...own },
      select: {
        annotatorId: true,
        label: true,
        credibility: true,
        sentenceId: true,
        documentId: true,
        sentence: { select: { index: true, text: true } },
        document: { select: { title: true } },
      },
    }),
    db.sourceAssessment.findMany({
      where: { projectId, sourceId: source.id },
      orderBy: { createdAt: "desc" },
      select: settledGradeSelect,
    }),
    db.sourceGrade.findMany({
      where: { projectId, sourceId: source.id, ...own },
      orderBy: { updatedAt: "asc" },
      select: { annotatorId: true, grade: true, rationale: true, version: true, updatedAt: true },
    }),
    citedWith(projectId, source.id, seeAll ? null : args.actor.id),
  ]);

  const identities = await annotatorIdentities(projectId, [
    ...new Set([...annotations.map((a) => a.annotatorId), ...grades.map((g) => g.annotatorId)]),
  ]);
  const shown = (id: string) =>
    id === args.actor.id ? "You" : (identities.names.get(id) ?? "Annotator");

  const bySentence = new Map<string, ProfileSentence>();
  const labelMix: Record<Label, number> = {
    SOURCED_FACT: 0,
    UNVERIFIED_CLAIM: 0,
    OPINION: 0,
    NOT_A_CLAIM: 0,
  };
  const credibilities: Array<Credibility | null> = [];
  for (const a of annotations) {
    const credibility = isCredibility(a.credibility) ? a.credibility : null;
    labelMix[a.label] += 1;
    credibilities.push(credibility);
    let entry = bySentence.get(a.sentenceId);
    if (!entry) {
      entry = {
        sentenceId: a.sentenceId,
        documentId: a.documentId,
        documentTitle: a.document.title,
        index: a.sentence.index,
        text: a.sentence.text,
        href: `${base}/${toReview ? "review" : "documents"}/${a.documentId}`,
        annotations: [],
      };
      bySentence.set(a.sentenceId, entry);
    }
    entry.annotations.push({
      annotator: shown(a.annotatorId),
      mine: a.annotatorId === args.actor.id,
      label: a.label,
      credibility,
    });
  }
  const sentences = [...bySentence.values()].sort(
    (a, b) => a.documentTitle.localeCompare(b.documentTitle) || a.index - b.index,
  );
  const mine = grades.find((g) => g.annotatorId === args.actor.id);
  const assessments = history.map((h) => ({
    grade: h.grade,
    rationale: h.rationale,
    by: h.reviewer?.name ?? null,
    at: h.createdAt,
  }));

  return {
    source,
    settled: assessments[0] ?? null,
    history: assessments,
    ownOnly: !seeAll,
    sentences,
    documents: new Set(sentences.map((s) => s.documentId)).size,
    labelMix,
    credibility: credibilityDistribution(credibilities),
    myGrade: mine ? { grade: mine.grade, rationale: mine.rationale, version: mine.version } : null,
    annotatorGrades: seeAll
      ? grades.map((g) => ({
          annotator: shown(g.annotatorId),
          mine: g.annotatorId === args.actor.id,
          grade: g.grade,
          rationale: g.rationale,
          at: g.updatedAt,
        }))
      : null,
    gradeSpread: seeAll ? reliabilityDistribution(grades.map((g) => g.grade)) : null,
    citedWith: together,
    can: {
      grade: access.can("source:grade"),
      settle: access.can("source:settle"),
      manage: access.can("source:manage"),
    },
  };
}

/**
 * Other sources attributed in the same sentences and the same documents as
 * this one, most shared sentences first. `onlyBy` restricts both sides to
 * one annotator's annotations (a blind project's annotator).
 */
async function citedWith(
  projectId: string,
  sourceId: string,
  onlyBy: string | null,
): Promise<SourceProfile["citedWith"]> {
  const rows = await db.$queryRaw<
    Array<{ id: string; name: string; sentences: number; documents: number }>
  >`
    WITH mine AS (
      SELECT a."sentenceId", a."documentId" FROM "Annotation" a
      WHERE a."projectId" = ${projectId}::uuid AND a."sourceId" = ${sourceId}::uuid
        AND (${onlyBy}::uuid IS NULL OR a."annotatorId" = ${onlyBy}::uuid)),
    other AS (
      SELECT o."sourceId", o."sentenceId", o."documentId" FROM "Annotation" o
      WHERE o."projectId" = ${projectId}::uuid AND o."sourceId" IS NOT NULL AND o."sourceId" <> ${sourceId}::uuid
        AND (${onlyBy}::uuid IS NULL OR o."annotatorId" = ${onlyBy}::uuid)
        AND o."documentId" IN (SELECT "documentId" FROM mine))
    SELECT s.id::text AS id, s.name,
           count(DISTINCT o."sentenceId") FILTER (WHERE o."sentenceId" IN (SELECT "sentenceId" FROM mine))::int AS sentences,
           count(DISTINCT o."documentId")::int AS documents
    FROM other o JOIN "Source" s ON s.id = o."sourceId"
    GROUP BY s.id, s.name
    ORDER BY sentences DESC, documents DESC, s.name
    LIMIT 25`;
  return rows;
}
