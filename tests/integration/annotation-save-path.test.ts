/**
 * The one-statement save path (lib/server/annotations/save-statement.ts):
 * credentials are checked in the statement that writes, so every revocation
 * must still stop the very next save, and the submitted lock holds.
 */
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { clearAnnotation, saveAnnotation } from "@/lib/server/annotations/annotations";
import { DocumentLocked } from "@/lib/server/annotations/lock";
import { setDocumentSubmitted } from "@/lib/server/annotations/progress";
import { tokenCredential, type Credential } from "@/lib/server/accounts/credentials";
import { endAllSessions } from "@/lib/server/accounts/sessions";
import { createApiToken, revokeApiToken } from "@/lib/server/accounts/tokens";
import { createProject, createUser, importDocument } from "../support/factories";

afterAll(disconnectDb);

async function scenario() {
  const ann = await createUser();
  const rita = await createUser();
  const project = await createProject({
    members: [
      [ann, "ANNOTATOR"],
      [rita, "REVIEWER"],
    ],
  });
  const doc = await importDocument(project.id);
  const sentence = await db.sentence.findFirstOrThrow({
    where: { documentId: doc.id, isBoilerplate: false },
    orderBy: { index: "asc" },
  });
  return { ann, rita, project, doc, sentence };
}

async function token(actor: { id: string; email: string; name: string; isAdmin: boolean }) {
  const created = await createApiToken({ actor, input: { name: "t", scope: "READ_WRITE" } });
  const credential = tokenCredential(created.token);
  if (!credential) throw new Error("createApiToken made a token tokenCredential refuses");
  return { credential, id: created.summary.id };
}

describe("the one-statement save", () => {
  it("saves with a token and stops at once when the token is revoked", async () => {
    const { ann, project, sentence } = await scenario();
    const { credential, id } = await token(ann);
    const input = { sentenceId: sentence.id, label: "OPINION", expectedVersion: 0 };
    const saved = await saveAnnotation({ credential, projectSlug: project.slug, input });
    expect(saved).toMatchObject({ version: 1, fields: { label: "OPINION" } });
    const row = await db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.lastUsedAt).not.toBeNull();

    await revokeApiToken({ actor: ann, tokenId: id });
    await expect(
      saveAnnotation({
        credential,
        projectSlug: project.slug,
        input: { ...input, label: "NOT_A_CLAIM", expectedVersion: 1 },
      }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const kept = await db.annotation.findFirstOrThrow({ where: { sentenceId: sentence.id } });
    expect(kept).toMatchObject({ label: "OPINION", version: 1 });
  });

  it("refuses a read-only token, a disabled owner, an ended session and a reviewer, writing nothing", async () => {
    const { ann, rita, project, sentence } = await scenario();
    const input = { sentenceId: sentence.id, label: "OPINION", expectedVersion: 0 };
    const read = await createApiToken({ actor: ann, input: { name: "r", scope: "READ" } });
    const readCredential = tokenCredential(read.token);
    if (!readCredential) throw new Error("unexpected: a created token was refused");
    await expect(
      saveAnnotation({ credential: readCredential, projectSlug: project.slug, input }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/read-only/) });

    const reviewer = await token(rita);
    await expect(
      saveAnnotation({ credential: reviewer.credential, projectSlug: project.slug, input }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/role/) });

    const session: Credential = { kind: "session", claims: { userId: ann.id, sessionVersion: 0 } };
    await endAllSessions({ actor: ann, userId: ann.id });
    await expect(
      saveAnnotation({ credential: session, projectSlug: project.slug, input }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(
      saveAnnotation({
        credential: { kind: "session", claims: { userId: ann.id, sessionVersion: 1 } },
        projectSlug: project.slug,
        input,
      }),
    ).resolves.toMatchObject({ version: 1 });

    const live = await token(ann);
    await db.user.update({ where: { id: ann.id }, data: { disabledAt: new Date() } });
    await expect(
      saveAnnotation({
        credential: live.credential,
        projectSlug: project.slug,
        input: { ...input, expectedVersion: 1 },
      }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await db.annotation.count({ where: { sentenceId: sentence.id } })).toBe(1);
  });

  it("answers a stranger's token NOT_FOUND for the project whatever the input, and a bad input VALIDATION for a member", async () => {
    const { ann, project, sentence } = await scenario();
    const stranger = await token(await createUser());
    for (const input of [{ sentenceId: sentence.id, label: "OPINION", expectedVersion: 0 }, {}]) {
      await expect(
        saveAnnotation({ credential: stranger.credential, projectSlug: project.slug, input }),
      ).rejects.toMatchObject({ code: "NOT_FOUND", message: "That project was not found." });
    }
    const own = await token(ann);
    await expect(
      saveAnnotation({ credential: own.credential, projectSlug: project.slug, input: {} }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("takes the quote from the sentence when a span comes without one, and refuses a span outside it", async () => {
    const { ann, project, sentence } = await scenario();
    const { credential } = await token(ann);
    const saved = await saveAnnotation({
      credential,
      projectSlug: project.slug,
      input: {
        sentenceId: sentence.id,
        label: "SOURCED_FACT",
        sourceStart: sentence.start,
        sourceEnd: sentence.start + 3,
        expectedVersion: 0,
      },
    });
    expect(saved.fields.sourceText).toBe(sentence.text.slice(0, 3));
    await expect(
      saveAnnotation({
        credential,
        projectSlug: project.slug,
        input: {
          sentenceId: sentence.id,
          label: "SOURCED_FACT",
          sourceStart: sentence.start,
          sourceEnd: sentence.end + 1,
          expectedVersion: 1,
        },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { sourceStart: expect.any(Array) },
    });
  });
});

describe("the submitted lock", () => {
  it("refuses saves and clears on a submitted document until it is reopened", async () => {
    const { ann, project, doc, sentence } = await scenario();
    const saved = await saveAnnotation({
      actor: ann,
      projectSlug: project.slug,
      input: { sentenceId: sentence.id, label: "OPINION", expectedVersion: 0 },
    });
    await setDocumentSubmitted({
      actor: ann,
      projectSlug: project.slug,
      documentId: doc.id,
      submitted: true,
    });
    const change = saveAnnotation({
      actor: ann,
      projectSlug: project.slug,
      input: { sentenceId: sentence.id, label: "NOT_A_CLAIM", expectedVersion: 1 },
    });
    await expect(change).rejects.toBeInstanceOf(DocumentLocked);
    await expect(change).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/Reopen the document to change it/),
    });
    await expect(
      clearAnnotation({
        actor: ann,
        projectSlug: project.slug,
        input: { annotationId: saved.id, expectedVersion: 1 },
      }),
    ).rejects.toBeInstanceOf(DocumentLocked);
    expect(await db.annotation.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({
      label: "OPINION",
      version: 1,
    });

    await setDocumentSubmitted({
      actor: ann,
      projectSlug: project.slug,
      documentId: doc.id,
      submitted: false,
    });
    await expect(
      saveAnnotation({
        actor: ann,
        projectSlug: project.slug,
        input: { sentenceId: sentence.id, label: "NOT_A_CLAIM", expectedVersion: 1 },
      }),
    ).resolves.toMatchObject({ version: 2, fields: { label: "NOT_A_CLAIM" } });
  });
});
