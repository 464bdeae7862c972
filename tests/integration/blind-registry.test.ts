/**
 * Blind mode hides what other annotators found (issue 14, item 7): the
 * workspace's autocomplete, the Sources list and a source's page offer an
 * annotator the project's registry (entries owners, reviewers and admins
 * added) and their own entries, never entries only other annotators added.
 */
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { listRegistry, listSources } from "@/lib/server/sources/list";
import { sourceProfile } from "@/lib/server/sources/profile";
import { createSource } from "@/lib/server/sources/registry";
import { annotate, createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

async function setup(blind: boolean) {
  const owner = await createUser();
  const reviewer = await createUser();
  const admin = await createUser({ admin: true });
  const ann = await createUser();
  const ben = await createUser();
  const project = await createProject({
    blind,
    members: [
      [owner, "OWNER"],
      [reviewer, "REVIEWER"],
      [ann, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
    ],
  });
  const slug = project.slug;
  const add = (actor: Actor, name: string, inline = true) =>
    createSource({
      actor,
      projectSlug: slug,
      inline,
      input: { name, type: "NAMED_ORGANISATION" },
    });
  const byOwner = await add(owner, "Ministry of Defence", false);
  const byReviewer = await add(reviewer, "Reuters", false);
  const byAdmin = await add(admin, "United Nations", false);
  const byAnn = await add(ann, "the PMU");
  const byBen = await add(ben, "local sources");
  return { owner, reviewer, ann, ben, project, slug, byOwner, byReviewer, byAdmin, byAnn, byBen };
}

const names = (list: Array<{ name: string }>) => list.map((s) => s.name).sort();

describe("blind registry", () => {
  it("offers an annotator the project's entries and their own, not another annotator's", async () => {
    const { ann, ben, slug } = await setup(true);
    expect(names(await listSources({ actor: ann, projectSlug: slug }))).toEqual(
      ["Ministry of Defence", "Reuters", "United Nations", "the PMU"].sort(),
    );
    expect(names(await listSources({ actor: ben, projectSlug: slug }))).toEqual(
      ["Ministry of Defence", "Reuters", "United Nations", "local sources"].sort(),
    );
    const registry = await listRegistry({ actor: ben, projectSlug: slug, query: { q: "the" } });
    expect(names(registry.sources)).toEqual([]);
  });

  it("shows reviewers and owners the whole registry", async () => {
    const { owner, reviewer, slug } = await setup(true);
    for (const actor of [owner, reviewer])
      expect(await listSources({ actor, projectSlug: slug })).toHaveLength(5);
  });

  it("shows everyone everything in an open project", async () => {
    const { ben, slug } = await setup(false);
    expect(await listSources({ actor: ben, projectSlug: slug })).toHaveLength(5);
  });

  it("refuses another annotator's entry's page (404) but shows it once the annotator cites it", async () => {
    const { ben, slug, project, byAnn } = await setup(true);
    await expect(
      sourceProfile({ actor: ben, projectSlug: slug, sourceId: byAnn.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const doc = await importDocument(project.id);
    const sentence = await db.sentence.findFirstOrThrow({
      where: { documentId: doc.id },
      select: { id: true },
    });
    await annotate(sentence.id, ben.id, "SOURCED_FACT", { sourceId: byAnn.id });
    expect(names(await listSources({ actor: ben, projectSlug: slug }))).toContain("the PMU");
    const profile = await sourceProfile({ actor: ben, projectSlug: slug, sourceId: byAnn.id });
    expect(profile.source.name).toBe("the PMU");
  });

  it("gives an annotator who types a hidden entry's name that entry instead of a refusal", async () => {
    const { ben, slug, byAnn } = await setup(true);
    const again = await createSource({
      actor: ben,
      projectSlug: slug,
      inline: true,
      input: { name: "the PMU", type: "NAMED_ORGANISATION" },
    });
    expect(again.id).toBe(byAnn.id);
    // A visible entry's name is still a conflict: the autocomplete offered it.
    await expect(
      createSource({
        actor: ben,
        projectSlug: slug,
        inline: true,
        input: { name: "Reuters", type: "MEDIA_OUTLET" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
