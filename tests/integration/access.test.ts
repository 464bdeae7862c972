/**
 * requireProjectAccess: the one query behind every page, action and API call
 * that touches a project. What it returns is what every permission decision
 * reads, so its shape is checked here against the rows themselves.
 */
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { requireProjectAccess } from "@/lib/server/access";
import { createProject, createUser } from "../support/factories";

afterAll(disconnectDb);

describe("requireProjectAccess", () => {
  it("returns the project and the actor's role, by slug or by id", async () => {
    const owner = await createUser();
    const reviewer = await createUser();
    const project = await createProject({
      members: [
        [owner, "OWNER"],
        [reviewer, "REVIEWER"],
      ],
    });
    const bySlug = await requireProjectAccess(owner, { slug: project.slug }, "document:import");
    const row = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(bySlug.project).toEqual({
      id: row.id,
      slug: row.slug,
      name: row.name,
      description: row.description,
      blindAnnotation: row.blindAnnotation,
      annotatorsPerDocument: row.annotatorsPerDocument,
      assistantEnabled: row.assistantEnabled,
      archivedAt: null,
    });
    expect(bySlug.role).toBe("OWNER");
    const byId = await requireProjectAccess(reviewer, { id: project.id }, "document:read");
    expect(byId.role).toBe("REVIEWER");
    expect(byId.can("document:import")).toBe(false);
  });

  it("gives archivedAt as a Date once the project is archived", async () => {
    const owner = await createUser();
    const project = await createProject({ members: [[owner, "OWNER"]] });
    const when = new Date("2026-01-02T03:04:05.678Z");
    await db.project.update({ where: { id: project.id }, data: { archivedAt: when } });
    const access = await requireProjectAccess(owner, { slug: project.slug }, "document:read");
    expect(access.project.archivedAt).toBeInstanceOf(Date);
    expect(access.project.archivedAt?.toISOString()).toBe(when.toISOString());
  });

  it("lets an administrator in without a role, and answers a non-member, a bad id and a missing slug alike", async () => {
    const admin = await createUser({ admin: true });
    const outsider = await createUser();
    const project = await createProject();
    const access = await requireProjectAccess(admin, { slug: project.slug }, "document:import");
    expect(access.role).toBeNull();
    expect(access.can("document:import")).toBe(true);
    for (const ref of [
      { slug: project.slug },
      { id: project.id },
      { id: "not-a-uuid" },
      { slug: "no-such-project" },
    ]) {
      await expect(requireProjectAccess(outsider, ref, "document:read")).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
  });

  it("refuses a member whose role lacks the permission with FORBIDDEN", async () => {
    const annotator = await createUser();
    const project = await createProject({ members: [[annotator, "ANNOTATOR"]] });
    await expect(
      requireProjectAccess(annotator, { slug: project.slug }, "document:import"),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
