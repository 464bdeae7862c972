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
 * insertDocument (so sentences get the same offsets), then the annotations,
 * registry sources and adjudications. Annotators are matched by email; anyone
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
            createdById: args.actorId,
          },
          update: {},
          select: { id: true },
        });
        sources.set(s.name, row.id);
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
        const byIndex = new Map(rows.map((r) => [r.index, r]));
        const annotationRows: Prisma.AnnotationCreateManyInput[] = [];
        for (const line of group) {
          const s = byIndex.get(line.sentence.index);
          if (!s || s.start !== line.sentence.start || s.end !== line.sentence.end) {
            throw new AppError(
              "VALIDATION",
              `Sentence ${line.sentence.index} of "${d.title}" does not match this version's segmentation (offsets ${line.sentence.start}–${line.sentence.end}).`,
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
            annotationRows.push({
              projectId,
              documentId: document.id,
              sentenceId: s.id,
              annotatorId: await person(a.annotator),
              label: a.label,
              sourceText: a.source_text,
              sourceStart: a.source_start,
              sourceEnd: a.source_end,
              sourceId: await source(a.source),
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
                status: adj.status,
                sourceText: adj.source_text,
                sourceId: await source(adj.source),
                note: adj.note,
                reviewerId: await person(adj.reviewer),
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
      const result = {
        documents: byDocument.size,
        sentences,
        annotations,
        adjudications,
        placeholders,
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
