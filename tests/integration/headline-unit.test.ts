import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { importFile } from "@/lib/server/documents/import";
import { updateProject } from "@/lib/server/projects/projects";
import { createProject, createUser } from "../support/factories";

afterAll(disconnectDb);

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MSN = path.join(ROOT, "tests/fixtures/ingest/msn-image-credit.html");
const SAMPLE = path.join(ROOT, "seeds/southfront-2017-06-08-western-iraq.md");
const TITLE = "Nintendo's first iPhone game will launch in December for $10";

async function ownerProject() {
  const owner = await createUser();
  const project = await createProject({ members: [[owner, "OWNER"]] });
  return { owner, project };
}

async function units(
  owner: Awaited<ReturnType<typeof createUser>>,
  slug: string,
  file: string,
  fileName: string,
) {
  const result = await importFile({
    actor: owner,
    projectSlug: slug,
    fileName,
    bytes: new Uint8Array(await readFile(file)),
    via: "upload",
  });
  expect(result).toMatchObject({ ok: true, errors: [] });
  const id = result.documents[0]?.id;
  const doc = await db.document.findUniqueOrThrow({
    where: { id },
    select: {
      title: true,
      sentences: { orderBy: { index: "asc" }, select: { text: true, isBoilerplate: true } },
    },
  });
  return { title: doc.title, units: doc.sentences.map((s) => [s.text, s.isBoilerplate]) };
}

describe("the title: metadata, and by the project's setting a taggable headline unit", () => {
  it("by default a web page starts with its headline, taggable; the msn credit is flagged and the first sentence is not", async () => {
    const { owner, project } = await ownerProject();
    const { title, units: msn } = await units(owner, project.slug, MSN, "msn.html");
    expect(title).toBe(TITLE);
    expect(msn.slice(0, 3)).toEqual([
      [TITLE, false],
      ["© Provided by Business Insider Inc Nintendo/Apple", true],
      [expect.stringMatching(/^Nintendo and Apple shocked the world/), false],
    ]);
  });

  it("with the setting off the title is metadata only: no headline is added, a headline line is flagged", async () => {
    const { owner, project } = await ownerProject();
    const settings = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    await updateProject({
      actor: owner,
      projectId: project.id,
      input: {
        name: settings.name,
        slug: settings.slug,
        blindAnnotation: "on",
        annotatorsPerDocument: "2",
        headlineUnit: "off",
      },
    });
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).headlineUnit).toBe(
      false,
    );
    const { title, units: msn } = await units(owner, project.slug, MSN, "msn.html");
    expect(title).toBe(TITLE);
    expect(msn[0]).toEqual(["© Provided by Business Insider Inc Nintendo/Apple", true]);
    expect(msn[1]).toEqual([expect.stringMatching(/^Nintendo and Apple shocked/), false]);

    const sample = await units(owner, project.slug, SAMPLE, "sample.md");
    expect(sample.units[0]).toEqual([sample.title, true]);
    // The first sentence of the body is still taggable.
    expect(sample.units.find(([, flagged]) => !flagged)?.[0]).toMatch(
      /^The Iraqi Popular Mobilization Units/,
    );
  });
});
