import { afterEach, describe, expect, it } from "vitest";
import { env, EnvError, sessionMaxAgeDays, trustedProxies } from "@/lib/env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("the environment", () => {
  it("reads the session length without needing DATABASE_URL, 14 days by default", () => {
    delete process.env.DATABASE_URL;
    delete process.env.SESSION_MAX_AGE_DAYS;
    expect(sessionMaxAgeDays()).toBe(14);
    process.env.SESSION_MAX_AGE_DAYS = "30";
    expect(sessionMaxAgeDays()).toBe(30);
    expect(() => env()).toThrow(/DATABASE_URL: is not set/);
  });

  it("names a bad session length instead of quietly using another", () => {
    for (const bad of ["0", "400", "two weeks", "1.5"]) {
      process.env.SESSION_MAX_AGE_DAYS = bad;
      expect(() => sessionMaxAgeDays()).toThrow(EnvError);
      expect(() => sessionMaxAgeDays()).toThrow(/SESSION_MAX_AGE_DAYS/);
    }
  });

  it("checks DATABASE_URL and AUTH_SECRET", () => {
    process.env.DATABASE_URL = "mysql://localhost/x";
    expect(() => env()).toThrow(/DATABASE_URL must start with postgresql:\/\//);
    process.env.DATABASE_URL = "postgresql://u@localhost:5432/db";
    process.env.AUTH_SECRET = "short";
    expect(() => env()).toThrow(/AUTH_SECRET must be at least 32 characters/);
    process.env.AUTH_SECRET = "x".repeat(32);
    expect(env().DATABASE_URL).toBe("postgresql://u@localhost:5432/db");
  });

  it("reads TRUSTED_PROXIES without needing DATABASE_URL, and names a bad one", () => {
    delete process.env.DATABASE_URL;
    delete process.env.TRUSTED_PROXIES;
    expect(trustedProxies()).toEqual({ kind: "none" });
    process.env.TRUSTED_PROXIES = "1";
    expect(trustedProxies()).toEqual({ kind: "hops", count: 1 });
    process.env.TRUSTED_PROXIES = "10.0.0.0/8, proxy";
    expect(() => trustedProxies()).toThrow(EnvError);
    expect(() => trustedProxies()).toThrow(/TRUSTED_PROXIES: "proxy" is not an IP address/);
  });
});
