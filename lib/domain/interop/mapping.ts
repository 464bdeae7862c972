/**
 * The owner's mapping of another tool's labels and annotators onto
 * Sourcelight's: what the file holds (labels with counts, annotators), a
 * proposal, and the check that a mapping decides every one of them.
 */
import { z } from "zod";
import { LABELS, type Label } from "../annotation/labels";
import type { ForeignFile, ForeignFormat, ForeignPerson } from "./foreign";

/** A label or annotator the owner chose to leave out; anything else must be mapped. */
export const SKIP = "SKIP";

export interface ForeignSummary {
  format: ForeignFormat;
  tasks: number;
  annotations: number;
  labels: Array<{ name: string; choices: number; spans: number; proposed: Label | null }>;
  annotators: Array<ForeignPerson & { annotations: number }>;
  notImported: string[];
}

// Words that name one of our labels in other teams' label sets; the first rule that matches wins.
const LABEL_HINTS: ReadonlyArray<[RegExp, Label]> = [
  [
    /\b(not?[ _-]?(a[ _-]?)?claim|no[ _-]?claim|none|other|irrelevant|neutral|non[ _-]?factual)\b/i,
    "NOT_A_CLAIM",
  ],
  [/(unverified|unsourced|unsupported|rumou?r|alleg|claim)/i, "UNVERIFIED_CLAIM"],
  [/(opinion|subjective|editorial|comment|judg|sentiment|analysis)/i, "OPINION"],
  [/(sourced|attributed|verified|fact|objective)/i, "SOURCED_FACT"],
];

/** Our label whose name or words the other tool's label matches, or null for the owner to decide. */
export function proposeLabel(name: string): Label | null {
  const plain = name.trim();
  const exact = LABELS.find((l) => l === plain.toUpperCase().replace(/[ -]+/g, "_"));
  if (exact) return exact;
  return LABEL_HINTS.find(([pattern]) => pattern.test(plain))?.[1] ?? null;
}

export function summarize(file: ForeignFile): ForeignSummary {
  const labels = new Map<string, { choices: number; spans: number }>();
  const annotators = new Map<string, ForeignPerson & { annotations: number }>();
  let annotations = 0;
  for (const task of file.tasks) {
    for (const a of task.annotations) {
      annotations++;
      const known = annotators.get(a.annotator.key);
      if (known) known.annotations++;
      else annotators.set(a.annotator.key, { ...a.annotator, annotations: 1 });
      for (const m of a.marks) {
        const count = labels.get(m.label) ?? { choices: 0, spans: 0 };
        if (m.kind === "choice") count.choices++;
        else count.spans++;
        labels.set(m.label, count);
      }
    }
  }
  return {
    format: file.format,
    tasks: file.tasks.length,
    annotations,
    labels: [...labels]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([name, c]) => ({ name, ...c, proposed: proposeLabel(name) })),
    annotators: [...annotators.values()],
    notImported: file.notImported,
  };
}

/** A project member the file's annotators can be matched to. */
export interface MemberRef {
  userId: string;
  email: string;
  name: string;
}

/**
 * The member each annotator is proposed to be: the one with the same email
 * (Label Studio gives emails; doccano's file names are usernames, matched to
 * a member whose email's local part or name is that username). Null when
 * nobody matches: the owner picks a member or leaves the annotator out.
 */
export function proposeMember(person: ForeignPerson, members: readonly MemberRef[]): string | null {
  if (person.email) return members.find((m) => m.email === person.email)?.userId ?? null;
  const handle = person.externalId?.toLowerCase();
  if (!handle) return null;
  const matches = members.filter(
    (m) => m.email.split("@")[0] === handle || m.name.toLowerCase() === handle,
  );
  return matches.length === 1 ? (matches[0]?.userId ?? null) : null;
}

export const foreignMappingSchema = z.object({
  labels: z.record(
    z.string(),
    z.union([z.enum(LABELS), z.literal(SKIP)], {
      error: `Map each label to one of ${LABELS.join(", ")}, or to ${SKIP} to leave it out.`,
    }),
  ),
  annotators: z.record(
    z.string(),
    z.string().min(1, `Map each annotator to a member's user id, or to ${SKIP}.`),
  ),
});
export type ForeignMapping = z.infer<typeof foreignMappingSchema>;

/**
 * Every problem with a mapping for this file: a label or annotator it does
 * not decide, an annotator mapped to someone who is not a member. Empty when
 * the mapping can be applied.
 */
export function mappingProblems(
  summary: ForeignSummary,
  mapping: ForeignMapping,
  memberIds: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const unmapped = summary.labels.filter((l) => mapping.labels[l.name] === undefined);
  if (unmapped.length > 0) {
    problems.push(
      `Map these labels to a Sourcelight label or leave them out: ${unmapped.map((l) => `"${l.name}"`).join(", ")}.`,
    );
  }
  for (const a of summary.annotators) {
    const to = mapping.annotators[a.key];
    if (to === undefined) {
      problems.push(
        `Choose a project member for annotator ${describePerson(a)}, or leave their work out.`,
      );
    } else if (to !== SKIP && !memberIds.has(to)) {
      problems.push(
        `Annotator ${describePerson(a)} is mapped to someone who is not a member of this project.`,
      );
    }
  }
  return problems;
}

/** How an annotator of the file is named to the owner. */
export function describePerson(p: ForeignPerson): string {
  if (p.email) return p.name ? `${p.name} <${p.email}>` : p.email;
  if (p.name) return `"${p.name}"`;
  if (p.externalId) return `#${p.externalId}`;
  return "(not named in the file)";
}
