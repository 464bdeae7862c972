import { describe, expect, it } from "vitest";
import { classifyAddress, isLocalHostname, parseFetchUrl } from "@/lib/domain/public-address";

describe("classifyAddress", () => {
  it.each([
    ["93.184.216.34"],
    ["8.8.8.8"],
    ["1.1.1.1"],
    ["100.63.255.255"],
    ["100.128.0.1"],
    ["172.15.255.255"],
    ["172.32.0.1"],
    ["2606:4700:4700::1111"],
    ["2a00:1450:4001:82a::200e"],
    ["64:ff9b::808:808"],
    ["2002:0808:0808::1"],
  ])("lets %s through", (address) => {
    expect(classifyAddress(address)).toEqual({ public: true });
  });

  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.255.254", "a loopback address"],
    ["0.0.0.0", 'an unspecified ("this network") address'],
    ["10.1.2.3", "a private address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.255", "a private address"],
    ["192.168.1.1", "a private address"],
    ["100.64.0.1", "a shared (carrier-grade NAT) address"],
    ["100.127.255.255", "a shared (carrier-grade NAT) address"],
    ["169.254.0.1", "a link-local address"],
    ["169.254.169.254", "a cloud metadata address"],
    ["100.100.100.200", "a cloud metadata address"],
    ["192.0.0.192", "a cloud metadata address"],
    ["192.0.2.1", "a documentation address"],
    ["198.18.0.1", "a benchmarking address"],
    ["224.0.0.1", "a multicast address"],
    ["239.255.255.250", "a multicast address"],
    ["240.0.0.1", "a reserved address"],
    ["255.255.255.255", "a reserved address"],
    ["::", "an unspecified address"],
    ["::1", "a loopback address"],
    ["::ffff:127.0.0.1", "an IPv4-mapped IPv6 address"],
    ["::ffff:8.8.8.8", "an IPv4-mapped IPv6 address"],
    ["::ffff:7f00:1", "an IPv4-mapped IPv6 address"],
    ["::127.0.0.1", "a reserved (IPv4-compatible) address"],
    ["fc00::1", "a unique local (private) address"],
    ["fd12:3456:789a::1", "a unique local (private) address"],
    ["fd00:ec2::254", "a cloud metadata address"],
    ["fe80::1", "a link-local address"],
    ["fe80::1%eth0", "a link-local address"],
    ["fec0::1", "a site-local address"],
    ["ff02::1", "a multicast address"],
    ["2001:db8::1", "a documentation address"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "a Teredo tunnel address"],
    ["64:ff9b::7f00:1", "a loopback address"],
    ["64:ff9b::a9fe:a9fe", "a cloud metadata address"],
    ["64:ff9b:1::1", "a local-use NAT64 address"],
    ["2002:7f00:0001::1", "a loopback address"],
    ["2002:c0a8:0101::1", "a private address"],
    ["4000::1", "a reserved address"],
  ])("refuses %s as %s", (address, kind) => {
    expect(classifyAddress(address)).toEqual({ public: false, kind });
  });

  it("returns null for what is not an address", () => {
    for (const text of ["", "example.com", "1.2.3", "1.2.3.256", "::g", "1:2:3:4:5:6:7:8:9"]) {
      expect(classifyAddress(text)).toBeNull();
    }
  });
});

describe("isLocalHostname", () => {
  it.each([
    "localhost",
    "LOCALHOST.",
    "app.localhost",
    "metadata.google.internal",
    "printer.local",
  ])("refuses %s", (host) => expect(isLocalHostname(host)).toBe(true));
  it.each(["example.com", "localhost.example.com", "bbc.co.uk"])("lets %s through", (host) =>
    expect(isLocalHostname(host)).toBe(false),
  );
});

describe("parseFetchUrl", () => {
  it("takes http and https addresses", () => {
    const parsed = parseFetchUrl("  https://example.com/news/a?x=1#top ");
    expect(parsed.ok && parsed.url.href).toBe("https://example.com/news/a?x=1#top");
  });

  it("resolves a redirect's relative Location against the current URL", () => {
    const parsed = parseFetchUrl("/b", new URL("https://example.com/a/x"));
    expect(parsed.ok && parsed.url.href).toBe("https://example.com/b");
  });

  it("normalises the numeric spellings of an IPv4 host, so the address check sees them", () => {
    for (const text of ["http://2130706433/", "http://0x7f.1/", "http://0177.0.0.1/"]) {
      const parsed = parseFetchUrl(text);
      expect(parsed.ok && parsed.url.hostname).toBe("127.0.0.1");
    }
  });

  it.each([
    ["", /Give the address/],
    ["not a url", /is not a web address/],
    ["ftp://example.com/a", /Only http and https .* not ftp/],
    ["file:///etc/passwd", /not file/],
    ["javascript:alert(1)", /not javascript/],
    ["https://user:pw@example.com/", /user name or password/],
    [`https://example.com/${"a".repeat(2100)}`, /too long/],
  ])("refuses %j", (text, message) => {
    const parsed = parseFetchUrl(text);
    expect(parsed.ok ? "accepted" : parsed.error).toMatch(message);
  });
});
