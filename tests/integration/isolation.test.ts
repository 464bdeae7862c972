/**
 * Cross-project isolation (IDOR) and blind annotation, through the doors a
 * user or a script would use: route handlers with API tokens, and the
 * lib/server functions behind pages and server actions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as agreementGet } from "@/app/api/projects/[slug]/agreement/route";
import { GET as annotationsGet } from "@/app/api/projects/[slug]/documents/[id]/annotations/route";
import { GET as exportGet } from "@/app/api/projects/[slug]/export/route";
import { GET as projectsGet } from "@/app/api/projects/route";
import { db, disconnectDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { getDocument } from "@/lib/server/documents/store";
import { changeMember, listMembers } from "@/lib/server/projects/members";
import { createApiToken } from "@/lib/server/accounts/tokens";
import { annotate, createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

let memberOfA: Actor;
let tokenA: string;
let annotator: Actor;
let annotatorToken: string;
let a: { id: string; slug: string };
let b: { id: string; slug: string };
let docA: string;
let docB: string;
let outsiderInB: Actor;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });

beforeAll(async () => {
  memberOfA = await createUser();
  annotator = await createUser();
  outsiderInB = await createUser();
  a = await createProject({
    blind: true,
    members: [
      [memberOfA, "OWNER"],
      [annotator, "ANNOTATOR"],
    ],
  });
  b = await createProject({ blind: true, members: [[outsiderInB, "OWNER"]] });
  docA = (await importDocument(a.id)).id;
  docB = (await importDocument(b.id)).id;
  tokenA = (await createApiToken({ actor: memberOfA, input: { name: "a", scope: "READ" } })).token;
  annotatorToken = (await createApiToken({ actor: annotator, input: { name: "n", scope: "READ" } }))
    .token;
  // Another annotator's work in project A, which the blind annotator must never see.
  const other = await createUser({ name: "Other Analyst" });
  await db.membership.create({ data: { projectId: a.id, userId: other.id, role: "ANNOTATOR" } });
  const sentence = await db.sentence.findFirstOrThrow({
    where: { documentId: docA },
    select: { id: true },
  });
  await annotate(sentence.id, other.id, "OPINION", { sourceText: "secret source" });
});

describe("a member of project A asking for project B's data by id", () => {
  it("gets 404 for B's document, whether asked under A's slug or B's", async () => {
    await expect(
      getDocument({ actor: memberOfA, projectSlug: a.slug, documentId: docB }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      getDocument({ actor: memberOfA, projectSlug: b.slug, documentId: docB }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("gets 404 and no data for B's annotations", async () => {
    for (const slug of [a.slug, b.slug]) {
      const res = await annotationsGet(
        new Request(`http://t/api/projects/${slug}/documents/${docB}/annotations`, {
          headers: bearer(tokenA),
        }),
        params({ slug, id: docB }),
      );
      expect(res.status).toBe(404);
      expect(JSON.stringify(await res.json())).not.toContain(docB);
    }
  });

  it("gets 404 for B's export, and cannot pull B's document into A's", async () => {
    const res = await exportGet(
      new Request(`http://t/api/projects/${b.slug}/export?format=jsonl`, {
        headers: bearer(tokenA),
      }),
      params({ slug: b.slug }),
    );
    expect(res.status).toBe(404);
    const mixed = await exportGet(
      new Request(`http://t/api/projects/${a.slug}/export?format=jsonl&document=${docB}`, {
        headers: bearer(tokenA),
      }),
      params({ slug: a.slug }),
    );
    expect(mixed.status).toBeGreaterThanOrEqual(400);
    expect(await mixed.text()).not.toContain("Report");
  });

  it("gets 404 for B's members and cannot change them", async () => {
    await expect(listMembers({ actor: memberOfA, projectId: b.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      changeMember({
        actor: memberOfA,
        projectId: b.id,
        userId: outsiderInB.id,
        role: "ANNOTATOR",
      }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(
      (await db.membership.findFirstOrThrow({ where: { projectId: b.id, userId: outsiderInB.id } }))
        .role,
    ).toBe("OWNER");
  });

  it("does not see B in its project list", async () => {
    const res = await projectsGet(
      new Request("http://t/api/projects", { headers: bearer(tokenA) }),
    );
    const body = JSON.stringify(await res.json());
    expect(body).toContain(a.slug);
    expect(body).not.toContain(b.slug);
  });
});

describe("blind annotation", () => {
  it("answers a blind annotator's API requests for others' labels and agreement with 403 and no data", async () => {
    const annotations = await annotationsGet(
      new Request(`http://t/api/projects/${a.slug}/documents/${docA}/annotations`, {
        headers: bearer(annotatorToken),
      }),
      params({ slug: a.slug, id: docA }),
    );
    expect(annotations.status).toBe(403);
    const agreement = await agreementGet(
      new Request(`http://t/api/projects/${a.slug}/agreement`, { headers: bearer(annotatorToken) }),
      params({ slug: a.slug }),
    );
    expect(agreement.status).toBe(403);
    for (const body of [await annotations.text(), await agreement.text()]) {
      expect(body).not.toContain("OPINION");
      expect(body).not.toContain("secret source");
      expect(body).not.toContain("Other Analyst");
    }
  });

  it("shows the blind annotator's project list without anyone's annotation counts", async () => {
    const res = await projectsGet(
      new Request("http://t/api/projects", { headers: bearer(annotatorToken) }),
    );
    const body = JSON.stringify(await res.json());
    expect(body).toContain(a.slug);
    expect(body).not.toMatch(/annotation/i);
  });
});
