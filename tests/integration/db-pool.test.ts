/**
 * The process's one pool reports a connection the server drops while it is in use, and
 * stays quiet about the ones still shutting down after disconnectDb (a CLI command that
 * then stops the embedded PostgreSQL it started printed "A database connection was lost"
 * at exit).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { disconnectDb, sqlPool } from "@/lib/db";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the connection pool's lost-connection report", () => {
  const dropped = new Error("terminating connection due to administrator command");

  it("names a connection lost while the pool is open", async () => {
    const pool = sqlPool();
    await pool.query("SELECT 1");
    const report = vi.spyOn(console, "error").mockImplementation(() => undefined);
    pool.emit("error", dropped);
    expect(report).toHaveBeenCalledWith(`A database connection was lost: ${dropped.message}`);
    await disconnectDb();
  });

  it("says nothing once the pool is being closed", async () => {
    const pool = sqlPool();
    await Promise.all([pool.query("SELECT 1"), pool.query("SELECT 2")]);
    const report = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const closing = disconnectDb();
    pool.emit("error", dropped);
    await closing;
    pool.emit("error", dropped);
    expect(report).not.toHaveBeenCalled();
    // The next use opens a new pool, which reports again.
    const next = sqlPool();
    expect(next).not.toBe(pool);
    await next.query("SELECT 1");
    next.emit("error", dropped);
    expect(report).toHaveBeenCalledTimes(1);
    await disconnectDb();
  });
});
