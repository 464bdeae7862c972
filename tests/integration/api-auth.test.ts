import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/me/route";
import { GET as getProjects } from "@/app/api/projects/route";
import { db, disconnectDb } from "@/lib/db";
import { requireApiActor } from "@/lib/server/accounts/api-auth";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/server/accounts/tokens";
import { createProject, createUser } from "../support/factories";

afterAll(disconnectDb);

const secret = "test-secret-for-session-cookies-0123456789";
beforeAll(() => {
  process.env.AUTH_SECRET = secret;
});

function request(path: string, headers: Record<string, string> = {}, method = "GET") {
  return new Request(`http://sourcelight.test${path}`, {
    method,
    headers: { host: "sourcelight.test", ...headers },
  });
}

async function sessionCookie(userId: string, cookieName = "authjs.session-token") {
  const jwt = await encode({ token: { sub: userId }, secret, salt: cookieName, maxAge: 3600 });
  return `${cookieName}=${jwt}`;
}

describe("personal API tokens", () => {
  it("authenticates GET /api/me and lists only the owner's projects, and is shown once and stored hashed", async () => {
    const user = await createUser();
    const mine = await createProject({ members: [[user, "ANNOTATOR"]] });
    const other = await createProject();
    const { token, summary } = await createApiToken({
      actor: user,
      input: { name: "script", scope: "READ" },
    });
    expect(token).toMatch(/^slt_[A-Za-z0-9_-]{43}$/);
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: summary.id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify(await listApiTokens({ actor: user }))).not.toContain(token);

    const me = await getMe(request("/api/me", { authorization: `Bearer ${token}` }));
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      user: { id: user.id, email: user.email, name: user.name, isAdmin: false },
    });

    const list = await getProjects(request("/api/projects", { authorization: `Bearer ${token}` }));
    const body = (await list.json()) as { projects: Array<{ id: string }> };
    expect(body.projects.map((p) => p.id)).toEqual([mine.id]);
    expect(body.projects.map((p) => p.id)).not.toContain(other.id);
    expect(
      (await db.apiToken.findUniqueOrThrow({ where: { id: summary.id } })).lastUsedAt,
    ).not.toBeNull();
    expect(
      await db.auditEvent.count({ where: { action: "token.create", entityId: summary.id } }),
    ).toBe(1);
  });

  it("answers 401 without credentials, with a malformed header and with an unknown token", async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: "Basic abc" },
      { authorization: "Bearer slt_nope" },
      { authorization: "Bearer " },
    ]) {
      const res = await getMe(request("/api/me", headers));
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
      expect(await res.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    }
  });

  it("refuses writes with a read-only token and allows them with a read-write token", async () => {
    const user = await createUser();
    const read = await createApiToken({ actor: user, input: { name: "r", scope: "READ" } });
    const write = await createApiToken({ actor: user, input: { name: "w", scope: "READ_WRITE" } });
    await expect(
      requireApiActor(request("/x", { authorization: `Bearer ${read.token}` }, "POST"), "write"),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      requireApiActor(request("/x", { authorization: `Bearer ${read.token}` }), "read"),
    ).resolves.toMatchObject({ id: user.id });
    await expect(
      requireApiActor(request("/x", { authorization: `Bearer ${write.token}` }, "POST"), "write"),
    ).resolves.toMatchObject({ id: user.id });
  });

  it("stops a revoked token at once, and only its owner may revoke it", async () => {
    const user = await createUser();
    const stranger = await createUser();
    const { token, summary } = await createApiToken({
      actor: user,
      input: { name: "ci", scope: "READ_WRITE" },
    });
    await expect(revokeApiToken({ actor: stranger, tokenId: summary.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await getMe(request("/api/me", { authorization: `Bearer ${token}` }))).status).toBe(
      200,
    );
    await revokeApiToken({ actor: user, tokenId: summary.id });
    expect((await getMe(request("/api/me", { authorization: `Bearer ${token}` }))).status).toBe(
      401,
    );
    expect(
      await db.auditEvent.count({
        where: { action: "token.revoke", entityId: summary.id, actorId: user.id },
      }),
    ).toBe(1);
  });

  it("stops an expired token", async () => {
    const user = await createUser();
    const { token, summary } = await createApiToken({
      actor: user,
      input: { name: "short", scope: "READ", expiresInDays: "1" },
    });
    expect((await getMe(request("/api/me", { authorization: `Bearer ${token}` }))).status).toBe(
      200,
    );
    await db.apiToken.update({
      where: { id: summary.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await getMe(request("/api/me", { authorization: `Bearer ${token}` }))).status).toBe(
      401,
    );
  });

  it("rejects bad token input with field errors and creates nothing", async () => {
    const user = await createUser();
    await expect(
      createApiToken({ actor: user, input: { name: " ", scope: "ADMIN", expiresInDays: "-3" } }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        name: expect.any(Array),
        scope: expect.any(Array),
        expiresInDays: expect.any(Array),
      },
    });
    expect(await db.apiToken.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("disabled users", () => {
  it("lose their existing session and their tokens on the next request", async () => {
    const user = await createUser();
    const { token } = await createApiToken({ actor: user, input: { name: "t", scope: "READ" } });
    const cookie = await sessionCookie(user.id);
    expect((await getMe(request("/api/me", { authorization: `Bearer ${token}` }))).status).toBe(
      200,
    );
    expect((await getMe(request("/api/me", { cookie }))).status).toBe(200);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect((await getMe(request("/api/me", { authorization: `Bearer ${token}` }))).status).toBe(
      401,
    );
    expect((await getMe(request("/api/me", { cookie }))).status).toBe(401);
    expect((await getProjects(request("/api/projects", { cookie }))).status).toBe(401);
  });
});

describe("session cookies on the JSON API", () => {
  it("accept a valid session (plain and __Secure- cookie) and reject a forged one", async () => {
    const user = await createUser();
    expect((await getMe(request("/api/me", { cookie: await sessionCookie(user.id) }))).status).toBe(
      200,
    );
    expect(
      (
        await getMe(
          request("/api/me", {
            cookie: await sessionCookie(user.id, "__Secure-authjs.session-token"),
          }),
        )
      ).status,
    ).toBe(200);
    const forged = await encode({
      token: { sub: user.id },
      secret: "another-secret-another-secret-0123456",
      salt: "authjs.session-token",
    });
    expect(
      (await getMe(request("/api/me", { cookie: `authjs.session-token=${forged}` }))).status,
    ).toBe(401);
  });

  it("allow writes only from the same origin", async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user.id);
    await expect(
      requireApiActor(
        request("/x", { cookie, origin: "http://sourcelight.test" }, "POST"),
        "write",
      ),
    ).resolves.toMatchObject({ id: user.id });
    await expect(
      requireApiActor(request("/x", { cookie, origin: "https://evil.example" }, "POST"), "write"),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(requireApiActor(request("/x", { cookie }, "POST"), "write")).rejects.toMatchObject(
      { code: "FORBIDDEN" },
    );
  });

  it("judge a request that presents a token by the token alone", async () => {
    const user = await createUser();
    const res = await getMe(
      request("/api/me", {
        cookie: await sessionCookie(user.id),
        authorization: "Bearer slt_revoked-or-unknown",
      }),
    );
    expect(res.status).toBe(401);
  });

  it("grant nothing for an x-middleware-subrequest header", async () => {
    const res = await getMe(
      request("/api/me", {
        "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
      }),
    );
    expect(res.status).toBe(401);
  });
});
