import { z } from "zod";
import { AppError } from "../errors";
import { PG_INT_MAX, PG_INT_MIN, pgText } from "../input";

/*
 * Assigning documents to annotators: the input of PUT /api/projects/{slug}/assignments
 * (and of the owner's forms), and the balanced distribution "each document to
 * N annotators", which is pure so the same seed always plans the same overlap.
 */

export const MAX_ASSIGNMENT_DOCUMENTS = 5_000;
export const MAX_ASSIGNMENT_ANNOTATORS = 200;

const id = z.uuid({ message: "Not a valid id." });

/**
 * Which documents an assignment change is about: a list of ids (one document
 * or a selection), or every document matching a filter (a batch).
 */
export const documentSelectionSchema = z
  .object({
    documentIds: z
      .array(id)
      .min(1, "Choose at least one document.")
      .max(MAX_ASSIGNMENT_DOCUMENTS, `At most ${MAX_ASSIGNMENT_DOCUMENTS} documents at a time.`)
      .optional(),
    filter: z
      .object({
        /** Title contains this (case-insensitive); empty matches every document. */
        q: pgText().trim().max(200, "At most 200 characters.").default(""),
        /** Only documents nobody is assigned to yet. */
        unassigned: z.boolean().default(false),
      })
      .optional(),
  })
  .refine((s) => (s.documentIds === undefined) !== (s.filter === undefined), {
    message: "Choose documents either by id or by a filter.",
    path: ["documentIds"],
  });
export type DocumentSelection = z.infer<typeof documentSelectionSchema>;

const annotatorIds = z
  .array(id)
  .min(1, "Choose at least one annotator.")
  .max(MAX_ASSIGNMENT_ANNOTATORS, `At most ${MAX_ASSIGNMENT_ANNOTATORS} annotators at a time.`);

/** A calendar date "yyyy-mm-dd" the work is due, or null for none. */
const dueOn = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Give the due date as yyyy-mm-dd.")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && d >= "2000-01-01", {
    message: "That is not a valid due date.",
  })
  .nullable()
  .default(null);

/** One change to a project's assignments: the body of PUT /api/projects/{slug}/assignments. */
export const assignmentChangeSchema = z.discriminatedUnion("action", [
  /** Each chosen document to each chosen annotator (existing assignments get the new due date). */
  z.object({
    action: z.literal("assign"),
    documents: documentSelectionSchema,
    annotatorIds,
    dueOn,
  }),
  /** Each chosen document to `perDocument` of the chosen annotators, balanced, seeded. */
  z.object({
    action: z.literal("distribute"),
    documents: documentSelectionSchema,
    annotatorIds,
    perDocument: z
      .number({ message: "Give a whole number of annotators per document." })
      .int("Give a whole number of annotators per document.")
      .min(1, "At least one annotator per document.")
      .max(20, "At most 20 annotators per document."),
    seed: z
      .number({ message: "Give a whole-number seed." })
      .int("Give a whole-number seed.")
      .min(PG_INT_MIN)
      .max(PG_INT_MAX)
      .default(1),
    dueOn,
  }),
  /** Removes the chosen annotators' assignments of the chosen documents. */
  z.object({ action: z.literal("unassign"), documents: documentSelectionSchema, annotatorIds }),
  /** Moves one annotator's assignments of the chosen documents to another annotator. */
  z.object({
    action: z.literal("reassign"),
    documents: documentSelectionSchema,
    fromAnnotatorId: id,
    toAnnotatorId: id,
  }),
  /** Removes assignments not submitted and untouched for more than `olderThanDays` days. */
  z.object({
    action: z.literal("reclaim"),
    olderThanDays: z
      .number({ message: "Give a whole number of days." })
      .int("Give a whole number of days.")
      .min(1, "At least one day.")
      .max(3650, "At most 3650 days."),
  }),
]);
export type AssignmentChange = z.infer<typeof assignmentChangeSchema>;

/** A 32-bit seeded generator (mulberry32): the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface DistributionInput {
  documentIds: readonly string[];
  annotatorIds: readonly string[];
  perDocument: number;
  seed: number;
  /** Assignments that already exist: they count towards a document's N and an annotator's load. */
  existing?: ReadonlyArray<{ documentId: string; annotatorId: string }>;
}

/**
 * Plans "each document to N annotators", balanced: documents are taken in a
 * seeded order and each goes to the least-loaded annotators it does not have
 * yet, ties broken by a seeded ranking. From equal loads they end at most one
 * apart; existing assignments among the chosen annotators count as load, so a
 * second batch evens out the first. Returns only the new
 * pairs; the same input and seed always give the same plan.
 */
export function distributeAssignments(
  input: DistributionInput,
): Array<{ documentId: string; annotatorId: string }> {
  const annotators = [...new Set(input.annotatorIds)].sort();
  if (input.perDocument > annotators.length) {
    const message = `Each document to ${input.perDocument} annotators needs at least ${input.perDocument} annotators; ${annotators.length} chosen.`;
    throw new AppError("VALIDATION", message, { perDocument: [message] });
  }
  const random = seededRandom(input.seed);
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  };
  const chosen = new Set(annotators);
  const load = new Map(annotators.map((a) => [a, 0]));
  const has = new Map<string, Set<string>>();
  for (const e of input.existing ?? []) {
    const set = has.get(e.documentId) ?? new Set<string>();
    set.add(e.annotatorId);
    has.set(e.documentId, set);
    if (chosen.has(e.annotatorId)) load.set(e.annotatorId, (load.get(e.annotatorId) ?? 0) + 1);
  }
  // A fixed seeded ranking breaks ties, so equal loads do not always favour the same person.
  const rank = new Map(shuffle([...annotators]).map((a, i) => [a, i]));
  const documents = shuffle([...new Set(input.documentIds)].sort());
  const plan: Array<{ documentId: string; annotatorId: string }> = [];
  for (const documentId of documents) {
    const already = has.get(documentId) ?? new Set<string>();
    const need = input.perDocument - [...already].filter((a) => chosen.has(a)).length;
    if (need <= 0) continue;
    const picks = annotators
      .filter((a) => !already.has(a))
      .sort(
        (x, y) =>
          (load.get(x) ?? 0) - (load.get(y) ?? 0) || (rank.get(x) ?? 0) - (rank.get(y) ?? 0),
      )
      .slice(0, need);
    for (const annotatorId of picks) {
      load.set(annotatorId, (load.get(annotatorId) ?? 0) + 1);
      plan.push({ documentId, annotatorId });
    }
  }
  return plan;
}
