import { describe, expect, it } from "vitest";
import {
  canonicalAddress,
  parseTrustedProxies,
  selectClientAddress,
  type TrustedProxies,
} from "@/lib/domain/client-address";

const none: TrustedProxies = { kind: "none" };

describe("parseTrustedProxies", () => {
  it("reads nothing, a hop count, or a list of addresses and ranges", () => {
    expect(parseTrustedProxies(undefined)).toEqual(none);
    expect(parseTrustedProxies(" ")).toEqual(none);
    expect(parseTrustedProxies("0")).toEqual(none);
    expect(parseTrustedProxies("2")).toEqual({ kind: "hops", count: 2 });
    const list = parseTrustedProxies("10.0.0.0/8, 192.168.1.7 ,fd00::/8,::1");
    expect(list.kind).toBe("ranges");
    expect(list.kind === "ranges" && list.ranges.map((r) => r.prefix)).toEqual([104, 128, 8, 128]);
  });

  it("names a bad entry", () => {
    for (const bad of [
      "11",
      "10.0.0.0/33",
      "300.1.1.1",
      "proxy.local",
      "10.0.0.1/8/2",
      "::1/129",
      "1,2",
    ])
      expect(() => parseTrustedProxies(bad), bad).toThrow(/./);
    expect(() => parseTrustedProxies("10.0.0.1, nope")).toThrow(/"nope" is not an IP address/);
  });
});

describe("canonicalAddress", () => {
  it("spells one address one way, IPv4-mapped IPv6 as IPv4", () => {
    expect(canonicalAddress("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(canonicalAddress("203.0.113.9")).toBe("203.0.113.9");
    expect(canonicalAddress("2001:DB8::1")).toBe("2001:db8:0:0:0:0:0:1");
    expect(canonicalAddress("2001:db8:0:0:0:0:0:1")).toBe("2001:db8:0:0:0:0:0:1");
    expect(canonicalAddress("fe80::1%eth0")).toBe("fe80:0:0:0:0:0:0:1");
    for (const bad of ["", "1.2.3", "1.2.3.256", "::1::", "1:2:3:4:5:6:7:8:9", "g::1", "unknown"])
      expect(canonicalAddress(bad), bad).toBeNull();
  });
});

describe("selectClientAddress", () => {
  const forged = "6.6.6.6, 7.7.7.7";

  it("without trusted proxies is the socket address, whatever X-Forwarded-For says", () => {
    expect(
      selectClientAddress({ forwardedFor: forged, socketAddress: "198.51.100.4", trusted: none }),
    ).toBe("198.51.100.4");
    expect(
      selectClientAddress({ forwardedFor: forged, socketAddress: null, trusted: none }),
    ).toBeNull();
  });

  it("with a hop count takes the entry the outermost proxy appended", () => {
    const one: TrustedProxies = { kind: "hops", count: 1 };
    const two: TrustedProxies = { kind: "hops", count: 2 };
    // The client forged two entries; the one proxy appended the real address.
    expect(
      selectClientAddress({
        forwardedFor: `${forged}, 203.0.113.9`,
        socketAddress: "10.0.0.2",
        trusted: one,
      }),
    ).toBe("203.0.113.9");
    expect(
      selectClientAddress({
        forwardedFor: `${forged}, 203.0.113.9, 10.0.0.3`,
        socketAddress: "10.0.0.2",
        trusted: two,
      }),
    ).toBe("203.0.113.9");
    // Fewer entries than hops: the left-most one there is.
    expect(
      selectClientAddress({ forwardedFor: "203.0.113.9", socketAddress: null, trusted: two }),
    ).toBe("203.0.113.9");
    expect(
      selectClientAddress({ forwardedFor: null, socketAddress: "10.0.0.2", trusted: one }),
    ).toBe("10.0.0.2");
    expect(
      selectClientAddress({ forwardedFor: "not-an-ip", socketAddress: null, trusted: one }),
    ).toBeNull();
  });

  it("with ranges takes the right-most address outside them, the socket address first", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 2001:db8::/32");
    expect(
      selectClientAddress({
        forwardedFor: `${forged}, 203.0.113.9, 10.1.2.3`,
        socketAddress: "::ffff:10.0.0.2",
        trusted,
      }),
    ).toBe("203.0.113.9");
    expect(
      selectClientAddress({
        forwardedFor: "203.0.113.9, 2001:db8::7",
        socketAddress: "2001:db8::1",
        trusted,
      }),
    ).toBe("203.0.113.9");
    // Reached directly, not through a trusted proxy: the header is the client's own words.
    expect(
      selectClientAddress({ forwardedFor: forged, socketAddress: "198.51.100.4", trusted }),
    ).toBe("198.51.100.4");
    // Garbage where an address should be is not believed.
    expect(
      selectClientAddress({ forwardedFor: "junk", socketAddress: "10.0.0.2", trusted }),
    ).toBeNull();
    // Only trusted addresses: the left-most one.
    expect(
      selectClientAddress({ forwardedFor: "10.9.9.9", socketAddress: "10.0.0.2", trusted }),
    ).toBe("10.9.9.9");
  });
});
