import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { parseUpload, type ParsedDocument } from "@/lib/domain/ingest";
import { toInput } from "./import";
import { insertDocument } from "./store";

export const SAMPLE_PROJECT = {
  name: "Sample: South Front reports",
  slug: "sample-south-front",
  description:
    "Two South Front reports on the Iraqi–Syrian border (2017), shipped with Sourcelight to try it out.",
} as const;

const SEEDS_DIR = path.join(process.cwd(), "seeds");

/**
 * The sample articles, read exactly as an upload of the same .md file would
 * be: Markdown links keep their text and lose their brackets and targets.
 */
export async function readSampleArticles(): Promise<
  Array<{ file: string; document: ParsedDocument }>
> {
  const files = (await readdir(SEEDS_DIR)).filter((f) => f.endsWith(".md")).sort();
  return Promise.all(
    files.map(async (file) => {
      const parsed = parseUpload(file, await readFile(path.join(SEEDS_DIR, file)));
      const document = parsed.ok ? parsed.documents[0] : undefined;
      if (!document) {
        throw new Error(
          `The sample article ${file} cannot be read: ${parsed.ok ? "no document" : parsed.error}`,
        );
      }
      return { file, document };
    }),
  );
}

/**
 * On an empty database, creates the sample project with the articles under
 * seeds/. Does nothing once any project exists, so it is safe on every start
 * and never brings back a sample someone deleted (nor re-segments one).
 */
export async function seedSampleProject(): Promise<{ created: boolean; documents: number }> {
  if ((await db.project.count({ take: 1 })) > 0) return { created: false, documents: 0 };
  const articles = await readSampleArticles();

  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sourcelight:seed'))`;
    if ((await tx.project.count({ take: 1 })) > 0) return { created: false, documents: 0 };
    const project = await tx.project.create({
      data: {
        ...SAMPLE_PROJECT,
        blindAnnotation: true,
        annotatorsPerDocument: 2,
        guidelines: SAMPLE_GUIDELINES,
      },
      select: { id: true },
    });
    for (const { file, document } of articles) {
      await insertDocument(tx, {
        projectId: project.id,
        importedById: null,
        input: toInput(document, file),
        audit: { actorId: null, via: "seed" },
      });
    }
    return { created: true, documents: articles.length };
  });
}

const SAMPLE_GUIDELINES = `# Labels

- **Sourced fact** — a statement of fact that the text attributes to a named or identifiable source ("according to the Iraqi military").
- **Unverified claim** — a statement presented as fact with no source, or attributed only vaguely ("reports say", "pro-government sources").
- **Opinion** — evaluation, prediction or interpretation by the author or a quoted party.
- **Not a claim** — headlines, bylines, questions, boilerplate.

# Attributed source

Select the words that name the source, or type the source, and pick its type.
`;
