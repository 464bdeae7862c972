import "server-only";
import { db, type Prisma } from "@/lib/db";
import { normalizeEmail } from "@/lib/domain/email";
import { AppError } from "@/lib/domain/errors";
import { datasetLineSchema, fnv1a, type DatasetLine } from "@/lib/domain/export";
import type { Actor } from "../actor";
import { requireProjectAccess } from "../access";
import { audit } from "../audit/record";
import { insertDocument } from "./store";

export interface DatasetImportResult {
  /** The documents created, in the file's order. */
  created: Array<{ id: string; title: string; sentenceCount: number }>;
  documents: number;
  sentences: number;
  annotations: number;
  adjudications: number;
  placeholders: number;
  /** Settled reliability grades restored for registry sources that had none in this project. */
  settledGrades: number;
  /** Annotators' own grades of the sources they cited (exports that name annotators carry them). */
  annotatorGrades: number;
}

const MAX_REPORTED_ERRORS = 10;

/** Reads every line first: a file with any bad line is refused whole, naming the lines. */
function parseLines(jsonl: string): DatasetLine[] {
  const lines: DatasetLine[] = [];
  const errors: string[] = [];
  jsonl.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === "" || errors.length >= MAX_REPORTED_ERRORS) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      errors.push(`Line ${i + 1} is not valid JSON.`);
      return;
    }
    const parsed = datasetLineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      errors.push(
        `Line ${i + 1}: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "not a Sourcelight dataset line"}.`,
      );
      return;
    }
    lines.push(parsed.data);
  });
  if (errors.length > 0) throw new AppError("VALIDATION", errors.join(" "), { file: errors });
  if (lines.length === 0)
    throw new AppError("VALIDATION", "The file has no dataset lines.", {
      file: ["The file is empty."],
    });
  return lines;
}

/**
 * Imports a Sourcelight JSONL export into a project: documents through
 * insertDocument, keeping the sentences the file records (so the annotations
 * keep their anchors even when this version segments the text differently)
 * and segmenting only the text between them; then the annotations,
 * registry sources (with their settled grades), adjudications and the
 * annotators' own source grades. Annotators are matched by email; anyone
 * unknown (or exported without an email) becomes a disabled placeholder user.
 * All or nothing: one transaction.
 */
export async function importDataset(args: {
  actor: Actor;
  projectSlug: string;
  jsonl: string;
}): Promise<DatasetImportResult> {
  const access = await requireProjectAccess(
    args.actor,
    { slug: args.projectSlug },
    "document:import",
  );
  return restoreDataset({
    projectId: access.project.id,
    actorId: args.actor.id,
    jsonl: args.jsonl,
  });
}

/**
 * restoreDataset for a caller who has already checked the right to import
 * into the project (the import door, once per batch); `actorId` is null for
 * the server's operator at the shell.
 */
export async function restoreDataset(args: {
  projectId: string;
  actorId: string | null;
  jsonl: string;
}): Promise<DatasetImportResult> {
  const projectId = args.projectId;
  const lines = parseLines(args.jsonl);

  const byDocument = new Map<string, DatasetLine[]>();
  for (const line of lines) {
    const group = byDocument.get(line.document.id);
    if (group) group.push(line);
    else byDocument.set(line.document.id, [line]);
  }

  return db.$transaction(
    async (tx) => {
      const people = new Map<string, string>();
      const sources = new Map<string, string>();
      let placeholders = 0;
      let settledGrades = 0;
      // One grade per (source, annotator), however many of their annotations cite the source.
      const annotatorGrades = new Map<string, Prisma.SourceGradeCreateManyInput>();

      const person = async (p: { name: string; email: string | null }): Promise<string> => {
        // Without an email (names or pseudonyms) the name is all there is: the same name is the same placeholder.
        const email = p.email
          ? normalizeEmail(p.email)
          : `imported-${fnv1a(p.name).toString(16)}@placeholder.invalid`;
        const known = people.get(email);
        if (known) return known;
        const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
        let id = existing?.id;
        if (!id) {
          const created = await tx.user.create({
            data: { email, name: p.name, isPlaceholder: true, disabledAt: new Date() },
            select: { id: true },
          });
          id = created.id;
          placeholders++;
          await tx.membership.create({ data: { projectId, userId: id, role: "ANNOTATOR" } });
        }
        people.set(email, id);
        return id;
      };

      const source = async (
        s: DatasetLine["annotations"][number]["source"],
      ): Promise<string | null> => {
        if (!s) return null;
        const known = sources.get(s.name);
        if (known) return known;
        const row = await tx.source.upsert({
          where: { projectId_name: { projectId, name: s.name } },
          create: {
            projectId,
            name: s.name,
            type: s.type,
            aliases: s.aliases,
            affiliation: s.affiliation,
            side: s.side,
            description: s.description,
            createdById: args.actorId,
          },
          update: {},
          select: { id: true },
        });
        sources.set(s.name, row.id);
        // A source this project has already settled keeps its grade; the file's fills only a gap.
        if (s.grade) {
          const settled = await tx.sourceAssessment.findFirst({
            where: { projectId, sourceId: row.id },
            select: { id: true },
          });
          if (!settled) {
            await tx.sourceAssessment.create({
              data: {
                projectId,
                sourceId: row.id,
                grade: s.grade.value,
                rationale: s.grade.rationale,
                reviewerId: s.grade.by ? await person(s.grade.by) : null,
                createdAt: new Date(s.grade.at),
              },
            });
            settledGrades++;
          }
        }
        return row.id;
      };

      const created: DatasetImportResult["created"] = [];
      let sentences = 0;
      let annotations = 0;
      let adjudications = 0;
      const base = Date.now();
      let order = 0;
      for (const [exportedId, group] of byDocument) {
        const first = group[0];
        const text = group.find((l) => l.document.text !== null)?.document.text;
        if (!first || !text) {
          throw new AppError(
            "VALIDATION",
            `Document ${exportedId} has no text in the file; re-import needs a whole JSONL export.`,
          );
        }
        const d = first.document;
        const kept = new Map<string, { start: number; end: number }>();
        for (const line of group) {
          const { start, end } = line.sentence;
          if (text.slice(start, end) !== line.sentence.text) {
            throw new AppError(
              "VALIDATION",
              `Sentence ${line.sentence.index} of "${d.title}" does not match the document's text at ${start}–${end}.`,
            );
          }
          kept.set(`${start}:${end}`, { start, end });
        }
        const document = await insertDocument(tx, {
          projectId,
          importedById: args.actorId,
          input: {
            text,
            title: d.title,
            byline: d.byline,
            publisher: d.publisher,
            publishedAt: d.published_at,
            sourceUrl: d.source_url,
            metadata: d.metadata as Record<string, Prisma.InputJsonValue>,
          },
          keptSentences: [...kept.values()],
        });
        // One transaction gives every row the same now(); spacing createdAt keeps the file's document order.
        created.push(document);
        await tx.document.update({
          where: { id: document.id },
          data: { createdAt: new Date(base + order++) },
        });
        const rows = await tx.sentence.findMany({
          where: { documentId: document.id, projectId },
          select: { id: true, index: true, start: true, end: true, isBoilerplate: true },
        });
        const bySpan = new Map(rows.map((r) => [`${r.start}:${r.end}`, r]));
        const annotationRows: Prisma.AnnotationCreateManyInput[] = [];
        for (const line of group) {
          const s = bySpan.get(`${line.sentence.start}:${line.sentence.end}`);
          if (!s) {
            throw new AppError(
              "VALIDATION",
              `Sentence ${line.sentence.index} of "${d.title}" could not be kept (offsets ${line.sentence.start}–${line.sentence.end}).`,
            );
          }
          sentences++;
          if (s.isBoilerplate !== line.sentence.is_boilerplate) {
            await tx.sentence.update({
              where: { id: s.id },
              data: { isBoilerplate: line.sentence.is_boilerplate },
            });
          }
          for (const a of line.annotations) {
            const annotatorId = await person(a.annotator);
            const sourceId = await source(a.source);
            if (sourceId && a.source_grade) {
              annotatorGrades.set(`${sourceId}:${annotatorId}`, {
                projectId,
                sourceId,
                annotatorId,
                grade: a.source_grade.value,
                rationale: a.source_grade.rationale,
              });
            }
            annotationRows.push({
              projectId,
              documentId: document.id,
              sentenceId: s.id,
              annotatorId,
              label: a.label,
              credibility: a.credibility,
              sourceText: a.source_text,
              sourceStart: a.source_start,
              sourceEnd: a.source_end,
              sourceId,
              sourceType: a.source_type,
              note: a.note,
              unsure: a.unsure,
              ...(a.created_at ? { createdAt: new Date(a.created_at) } : {}),
              ...(a.updated_at ? { updatedAt: new Date(a.updated_at) } : {}),
            });
          }
          const adj = line.adjudication;
          if (adj) {
            await tx.adjudication.create({
              data: {
                projectId,
                sentenceId: s.id,
                label: adj.label,
                goldCredibility: adj.credibility,
                status: adj.status,
                sourceText: adj.source_text,
                sourceId: await source(adj.source),
                note: adj.note,
                reviewerId: await person(adj.reviewer),
                ...(adj.created_at ? { createdAt: new Date(adj.created_at) } : {}),
                ...(adj.updated_at ? { updatedAt: new Date(adj.updated_at) } : {}),
              },
            });
            adjudications++;
          }
        }
        if (annotationRows.length > 0) {
          const r = await tx.annotation.createMany({ data: annotationRows });
          annotations += r.count;
        }
      }
      // An annotator's grade already in this project is theirs to keep.
      const grades =
        annotatorGrades.size > 0
          ? await tx.sourceGrade.createMany({
              data: [...annotatorGrades.values()],
              skipDuplicates: true,
            })
          : { count: 0 };
      const result = {
        documents: byDocument.size,
        sentences,
        annotations,
        adjudications,
        placeholders,
        settledGrades,
        annotatorGrades: grades.count,
      };
      await audit(tx, {
        actorId: args.actorId,
        projectId,
        action: "dataset.import",
        entityType: "Project",
        entityId: projectId,
        after: { ...result },
      });
      return { created, ...result };
    },
    { timeout: 600_000, maxWait: 10_000 },
  );
}
