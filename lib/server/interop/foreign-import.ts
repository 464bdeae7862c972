import "server-only";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/domain/errors";
import { decodeUpload } from "@/lib/domain/ingest/decode";
import {
  FOREIGN_FORMAT_NAMES,
  PLACEMENT_RULE,
  SKIP,
  describePerson,
  foreignMappingSchema,
  mappingProblems,
  offsetMap,
  parseForeignExport,
  placeMarks,
  proposeMember,
  summarize,
  type ForeignFile,
  type ForeignSummary,
  type MemberRef,
} from "@/lib/domain/interop";
import { normalizeText } from "@/lib/domain/text";
import type { Actor } from "../actor";
import { requireProjectAccess } from "../access";
import { audit } from "../audit/record";
import { insertDocument } from "../documents/store";
import { sha256Hex } from "../hash";
import { parseInput } from "../validation";

/** Step one: what the file holds and a proposed mapping, for the owner to confirm. */
export interface ForeignPreview extends ForeignSummary {
  fileName: string;
  formatName: string;
  /** The project's members, whom the file's annotators can be mapped to. */
  members: MemberRef[];
  /** Annotator key → the member proposed for them (same email), or null. */
  proposedMembers: Record<string, string | null>;
  rule: string;
}

export interface ForeignImportResult {
  format: ForeignSummary["format"];
  /** Documents created, in the file's order. */
  created: Array<{ id: string; title: string; sentenceCount: number }>;
  /** Tasks whose text was already in the project: their annotations went onto that document. */
  matchedExisting: number;
  annotations: number;
  /** Sentences an annotator had already labelled in this project: their label was kept. */
  keptExisting: number;
  /** Annotations of annotators the owner left out. */
  skippedAnnotations: number;
  conflicts: number;
  unplacedSpans: number;
}

function readFile(args: { fileName: string; bytes: Uint8Array }): ForeignFile {
  const decoded = decodeUpload(args.bytes);
  if (!decoded.ok) throw new AppError("VALIDATION", `${args.fileName}: ${decoded.error}`);
  return parseForeignExport(decoded.text, args.fileName);
}

async function projectMembers(projectId: string): Promise<MemberRef[]> {
  const rows = await db.membership.findMany({
    where: { projectId, user: { disabledAt: null, isPlaceholder: false } },
    orderBy: { user: { email: "asc" } },
    select: { userId: true, user: { select: { email: true, name: true } } },
  });
  return rows.map((r) => ({ userId: r.userId, email: r.user.email, name: r.user.name }));
}

/** Reads a Label Studio or doccano export and proposes how its labels and annotators map. Writes nothing. */
export async function previewForeignImport(args: {
  actor: Actor;
  projectSlug: string;
  fileName: string;
  bytes: Uint8Array;
}): Promise<ForeignPreview> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:import",
  );
  const file = readFile(args);
  const summary = summarize(file);
  const members = await projectMembers(access.project.id);
  return {
    ...summary,
    fileName: args.fileName,
    formatName: FOREIGN_FORMAT_NAMES[summary.format],
    members,
    proposedMembers: Object.fromEntries(
      summary.annotators.map((a) => [a.key, proposeMember(a, members)]),
    ),
    rule: PLACEMENT_RULE,
  };
}

/**
 * Step two: imports the file with the owner's mapping, all or nothing (one
 * transaction, one audit event). Every label and annotator in the file must
 * be decided by the mapping; a text already in the project gets the
 * annotations on its existing document.
 */
export async function applyForeignImport(args: {
  actor: Actor;
  projectSlug: string;
  fileName: string;
  bytes: Uint8Array;
  mapping: unknown;
}): Promise<ForeignImportResult> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:import",
  );
  const projectId = access.project.id;
  const mapping = parseInput(foreignMappingSchema, args.mapping);
  const file = readFile(args);
  const summary = summarize(file);
  const members = await projectMembers(projectId);
  const problems = mappingProblems(summary, mapping, new Set(members.map((m) => m.userId)));
  if (problems.length > 0) {
    throw new AppError("VALIDATION", `Nothing was imported. ${problems.join(" ")}`, {
      mapping: problems,
    });
  }
  const labelFor = (name: string) => {
    const to = mapping.labels[name];
    return to === undefined || to === SKIP ? null : to;
  };

  return db.$transaction(
    async (tx) => {
      const result: ForeignImportResult = {
        format: file.format,
        created: [],
        matchedExisting: 0,
        annotations: 0,
        keptExisting: 0,
        skippedAnnotations: 0,
        conflicts: 0,
        unplacedSpans: 0,
      };
      // One row per (sentence, annotator): a later annotation of the same person in the file wins.
      const rows = new Map<string, Prisma.AnnotationCreateManyInput>();
      const documentOf = new Map<string, string>();
      for (const task of file.tasks) {
        const normalized = normalizeText(task.text);
        if (normalized.trim() === "") {
          throw new AppError("VALIDATION", `${task.ref}: the text is empty; nothing was imported.`);
        }
        const hash = sha256Hex(normalized);
        let documentId = documentOf.get(hash);
        if (!documentId) {
          const existing = await tx.document.findFirst({
            where: { projectId, contentHash: hash },
            select: { id: true },
          });
          if (existing) {
            result.matchedExisting++;
            documentId = existing.id;
          } else {
            const doc = await insertDocument(tx, {
              projectId,
              importedById: args.actor.id,
              input: {
                text: task.text,
                title: task.title,
                metadata: {
                  importedFrom: args.fileName,
                  importedFormat: file.format,
                  ...(task.externalId ? { externalId: task.externalId } : {}),
                },
              },
            });
            result.created.push(doc);
            documentId = doc.id;
          }
          documentOf.set(hash, documentId);
        }
        if (task.annotations.length === 0) continue;
        const sentences = await tx.sentence.findMany({
          where: { documentId, projectId },
          orderBy: { index: "asc" },
          select: { id: true, index: true, start: true, end: true, isBoilerplate: true },
        });
        const map = offsetMap(task.text, normalized);
        if (!map) {
          throw new AppError(
            "VALIDATION",
            `${task.ref}: its text changes under Unicode normalisation (NFC), so its spans cannot be placed; nothing was imported.`,
          );
        }
        const idOf = new Map(sentences.map((s) => [s.index, s.id]));
        for (const a of task.annotations) {
          const annotatorId = mapping.annotators[a.annotator.key];
          if (annotatorId === undefined) {
            // mappingProblems decided every annotator; this is a bug, not bad input.
            throw new Error(`No mapping for annotator ${describePerson(a.annotator)}`);
          }
          if (annotatorId === SKIP) {
            result.skippedAnnotations++;
            continue;
          }
          const placed = placeMarks({ marks: a.marks, sentences, map, labelFor });
          result.conflicts += placed.conflicts;
          result.unplacedSpans += placed.unplaced;
          for (const [index, label] of placed.labels) {
            const sentenceId = idOf.get(index);
            if (!sentenceId) continue;
            rows.set(`${sentenceId}:${annotatorId}`, {
              projectId,
              documentId,
              sentenceId,
              annotatorId,
              label,
            });
          }
        }
      }
      const all = [...rows.values()];
      const inserted =
        all.length > 0
          ? await tx.annotation.createMany({ data: all, skipDuplicates: true })
          : { count: 0 };
      result.annotations = inserted.count;
      result.keptExisting = all.length - inserted.count;
      await audit(tx, {
        actorId: args.actor.id,
        projectId,
        action: "foreign.import",
        entityType: "Project",
        entityId: projectId,
        after: {
          fileName: args.fileName,
          format: file.format,
          documents: result.created.length,
          matchedExisting: result.matchedExisting,
          annotations: result.annotations,
          keptExisting: result.keptExisting,
          skippedAnnotations: result.skippedAnnotations,
          conflicts: result.conflicts,
          unplacedSpans: result.unplacedSpans,
          mapping,
        },
      });
      return result;
    },
    { timeout: 600_000, maxWait: 10_000 },
  );
}
