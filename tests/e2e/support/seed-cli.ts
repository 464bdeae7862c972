/**
 * Test-data door for the end-to-end specs: they run in Playwright's process,
 * which cannot load server-only modules, so they call this script (through
 * tests/e2e/support/data.ts) and read its JSON answer. It builds data with the
 * same lib/server functions and factories as the integration tests.
 *
 *   seed-cli.ts '{"op":"user","admin":false}'
 *   seed-cli.ts '{"op":"project","blind":true,"members":[["<email>","ANNOTATOR"]],"samples":true}'
 *   seed-cli.ts '{"op":"project","members":[["<email>","OWNER"]],"generated":60}'
 */
import { randomUUID } from "node:crypto";
import { db, disconnectDb } from "@/lib/db";
import type { ProjectRole } from "@/lib/domain/permissions";
import { toInput } from "@/lib/server/documents/import";
import { readSampleArticles } from "@/lib/server/documents/seed";
import { insertDocument } from "@/lib/server/documents/store";
import { hashPassword } from "@/lib/server/accounts/passwords";

type Command =
  | { op: "user"; admin?: boolean; name?: string }
  | {
      op: "project";
      blind?: boolean;
      members?: Array<[string, ProjectRole]>;
      samples?: boolean;
      /** This many short documents besides the samples, titled "Generated report 001"… */
      generated?: number;
      assistant?: boolean;
    }
  | {
      op: "annotate";
      documentId: string;
      email: string;
      labels: Array<[number, Label] | [number, Label, string]>;
      submit?: boolean;
    };

type Label = "SOURCED_FACT" | "UNVERIFIED_CLAIM" | "OPINION" | "NOT_A_CLAIM";

export const E2E_PASSWORD = "e2e password that is long";

async function run(command: Command): Promise<unknown> {
  const id = randomUUID().slice(0, 8);
  switch (command.op) {
    case "user": {
      const user = await db.user.create({
        data: {
          email: `e2e-${id}@example.org`,
          name: command.name ?? `Analyst ${id}`,
          role: command.admin ? "ADMIN" : "USER",
          passwordHash: await hashPassword(E2E_PASSWORD),
        },
        select: { id: true, email: true, name: true },
      });
      return { ...user, password: E2E_PASSWORD };
    }
    case "project": {
      const members = await Promise.all(
        (command.members ?? []).map(async ([email, role]) => ({
          userId: (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id,
          role,
        })),
      );
      const project = await db.project.create({
        data: {
          name: `E2E project ${id}`,
          slug: `e2e-${id}`,
          blindAnnotation: command.blind ?? true,
          assistantEnabled: command.assistant ?? true,
          memberships: { create: members },
        },
        select: { id: true, slug: true, name: true },
      });
      const documents: Array<{ id: string; title: string }> = [];
      if (command.samples) {
        for (const { file, document } of await readSampleArticles()) {
          const doc = await db.$transaction((tx) =>
            insertDocument(tx, {
              projectId: project.id,
              importedById: null,
              input: toInput(document, file),
            }),
          );
          documents.push({ id: doc.id, title: doc.title });
        }
      }
      for (let n = 1; n <= (command.generated ?? 0); n++) {
        const title = `Generated report ${String(n).padStart(3, "0")}`;
        const doc = await db.$transaction((tx) =>
          insertDocument(tx, {
            projectId: project.id,
            importedById: null,
            input: { title, text: `${title}. The ministry said ${id}-${n} was sealed.` },
          }),
        );
        documents.push({ id: doc.id, title: doc.title });
      }
      return { ...project, documents };
    }
    case "annotate": {
      // Tags sentences by index as that user, and optionally submits the document, as the workspace would.
      const user = await db.user.findUniqueOrThrow({
        where: { email: command.email },
        select: { id: true },
      });
      const sentences = await db.sentence.findMany({
        where: { documentId: command.documentId, index: { in: command.labels.map(([i]) => i) } },
        select: { id: true, index: true, projectId: true, documentId: true },
      });
      for (const [index, label, sourceName] of command.labels) {
        const sentence = sentences.find((s) => s.index === index);
        if (!sentence) throw new Error(`no sentence ${index}`);
        // A named source is taken from the project's registry, or added to it as an organisation.
        const source = sourceName
          ? await db.source.upsert({
              where: { projectId_name: { projectId: sentence.projectId, name: sourceName } },
              create: {
                projectId: sentence.projectId,
                name: sourceName,
                type: "NAMED_ORGANISATION",
              },
              update: {},
              select: { id: true, type: true },
            })
          : null;
        await db.annotation.create({
          data: {
            projectId: sentence.projectId,
            documentId: sentence.documentId,
            sentenceId: sentence.id,
            annotatorId: user.id,
            label,
            ...(source
              ? { sourceId: source.id, sourceType: source.type, sourceText: sourceName }
              : {}),
          },
        });
      }
      if (command.submit) {
        await db.documentProgress.create({
          data: {
            documentId: command.documentId,
            userId: user.id,
            status: "SUBMITTED",
            submittedAt: new Date(),
          },
        });
      }
      return { annotated: command.labels.length };
    }
  }
}

const arg = process.argv[2];
if (!arg) {
  console.error("usage: seed-cli.ts '<json command>'");
  process.exit(2);
}
run(JSON.parse(arg) as Command)
  .then((result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
