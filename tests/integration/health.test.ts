import { afterAll, describe, expect, it } from "vitest";

describe("health check", () => {
  it("reports ok with the version on a reachable database", async () => {
    const { checkHealth } = await import("@/lib/server/health");
    const { disconnectDb } = await import("@/lib/db");
    const health = await checkHealth();
    expect(health).toMatchObject({
      status: "ok",
      db: "ok",
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    await disconnectDb();
  });

  describe("with the database unreachable", () => {
    const saved = process.env.DATABASE_URL;
    afterAll(() => {
      process.env.DATABASE_URL = saved;
    });

    it("reports the reason and never the password", async () => {
      // Port 1 on loopback: nothing listens there, so the connection is refused at once.
      process.env.DATABASE_URL = "postgresql://someone:hunter2-secret@127.0.0.1:1/nowhere";
      const { checkHealth } = await import("@/lib/server/health");
      const { disconnectDb } = await import("@/lib/db");
      const health = await checkHealth();
      expect(health.status).toBe("error");
      expect(health).toMatchObject({ db: "unreachable", reason: expect.stringMatching(/\S/) });
      expect(JSON.stringify(health)).not.toContain("hunter2-secret");
      await disconnectDb();
    });
  });
});
