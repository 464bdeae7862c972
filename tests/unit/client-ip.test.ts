import { afterEach, describe, expect, it } from "vitest";
import { clientIp, SOCKET_ADDRESS_HEADER } from "@/lib/server/accounts/throttle";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("clientIp", () => {
  const headers = (extra: Record<string, string>) => new Headers(extra);

  it("ignores a forged X-Forwarded-For when no proxy is trusted", () => {
    delete process.env.TRUSTED_PROXIES;
    process.env.SOURCELIGHT_SOCKET_ADDRESS_HEADER = "1";
    expect(
      clientIp(headers({ "x-forwarded-for": "6.6.6.6", [SOCKET_ADDRESS_HEADER]: "198.51.100.4" })),
    ).toBe("198.51.100.4");
  });

  it("believes the socket-address header only when the start script set it", () => {
    delete process.env.TRUSTED_PROXIES;
    delete process.env.SOURCELIGHT_SOCKET_ADDRESS_HEADER;
    expect(
      clientIp(headers({ "x-forwarded-for": "6.6.6.6", [SOCKET_ADDRESS_HEADER]: "6.6.6.7" })),
    ).toBeNull();
  });

  it("reads X-Forwarded-For through the trusted proxies", () => {
    process.env.TRUSTED_PROXIES = "1";
    process.env.SOURCELIGHT_SOCKET_ADDRESS_HEADER = "1";
    expect(
      clientIp(
        headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9", [SOCKET_ADDRESS_HEADER]: "10.0.0.2" }),
      ),
    ).toBe("203.0.113.9");
  });
});
