import { parseAddress } from "./client-address";

/*
 * Which addresses the server may fetch a page from on a user's behalf (import
 * from a URL). Only public unicast addresses: anything else would let a user
 * make the server reach what only it can reach — itself, the private network,
 * a cloud provider's metadata service. Checked on the addresses a host name
 * resolves to, for every hop of a redirect chain.
 */

export type AddressVerdict = { public: true } | { public: false; kind: string };

type Range = readonly [prefixBytes: readonly number[], prefixBits: number, kind: string];

// Most specific first: the first match names the kind.
const IPV4: readonly Range[] = [
  [[169, 254, 169, 254], 32, "a cloud metadata address"],
  [[100, 100, 100, 200], 32, "a cloud metadata address"],
  [[192, 0, 0, 192], 32, "a cloud metadata address"],
  [[0], 8, 'an unspecified ("this network") address'],
  [[10], 8, "a private address"],
  [[100, 64], 10, "a shared (carrier-grade NAT) address"],
  [[127], 8, "a loopback address"],
  [[169, 254], 16, "a link-local address"],
  [[172, 16], 12, "a private address"],
  [[192, 0, 0], 24, "a reserved (IETF protocol) address"],
  [[192, 0, 2], 24, "a documentation address"],
  [[192, 88, 99], 24, "a reserved (6to4 relay) address"],
  [[192, 168], 16, "a private address"],
  [[198, 18], 15, "a benchmarking address"],
  [[198, 51, 100], 24, "a documentation address"],
  [[203, 0, 113], 24, "a documentation address"],
  [[224], 4, "a multicast address"],
  [[240], 4, "a reserved address"],
];

const IPV6: readonly Range[] = [
  [[0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54], 128, "a cloud metadata address"],
  [new Array<number>(16).fill(0), 128, "an unspecified address"],
  [[...new Array<number>(15).fill(0), 1], 128, "a loopback address"],
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96, "an IPv4-mapped IPv6 address"],
  [new Array<number>(12).fill(0), 96, "a reserved (IPv4-compatible) address"],
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, "a local-use NAT64 address"],
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, "a reserved (discard) address"],
  [[0x20, 0x01, 0x0d, 0xb8], 32, "a documentation address"],
  [[0x20, 0x01, 0x00, 0x00], 32, "a Teredo tunnel address"],
  [[0x20, 0x01, 0x00], 23, "a reserved (IETF protocol) address"],
  [[0xfc], 7, "a unique local (private) address"],
  [[0xfe, 0x80], 10, "a link-local address"],
  [[0xfe, 0xc0], 10, "a site-local address"],
  [[0xff], 8, "a multicast address"],
]; // prettier-ignore

function matches(bytes: Uint8Array | readonly number[], [prefix, bits]: Range): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const i = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((bytes[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function classifyIpv4(v4: readonly number[]): AddressVerdict {
  const range = IPV4.find((r) => matches(v4, r));
  return range ? { public: false, kind: range[2] } : { public: true };
}

/**
 * Whether an IP address (as text, IPv4 dotted or IPv6) is a public unicast
 * address the server may connect to; if not, what kind it is, in words.
 * IPv6 that embeds an IPv4 address for translation (NAT64 64:ff9b::/96,
 * 6to4 2002::/16) is judged by that address; IPv4-mapped IPv6 is refused
 * outright, as no resolver should return it for a public site. Null when
 * the text is not an address.
 */
export function classifyAddress(text: string): AddressVerdict | null {
  const bytes = parseAddress(text);
  if (!bytes) return null;
  const isV6Text = text.includes(":");
  const mapped = matches(bytes, [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96, ""]);
  if (!isV6Text && mapped) return classifyIpv4(Array.from(bytes.subarray(12)));
  const range = IPV6.find((r) => matches(bytes, r));
  if (range) return { public: false, kind: range[2] };
  if (matches(bytes, [[0x00, 0x64, 0xff, 0x9b], 96, ""])) {
    return classifyIpv4(Array.from(bytes.subarray(12)));
  }
  if (matches(bytes, [[0x20, 0x02], 16, ""])) return classifyIpv4(Array.from(bytes.subarray(2, 6)));
  // Global unicast is 2000::/3; everything else is unassigned or special.
  return matches(bytes, [[0x20], 3, ""])
    ? { public: true }
    : { public: false, kind: "a reserved address" };
}

/** Host names that name the server itself or a metadata service, refused before any lookup. */
export function isLocalHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "metadata" ||
    host === "metadata.google.internal" ||
    host.endsWith(".internal") ||
    host.endsWith(".local")
  );
}

export const MAX_IMPORT_URL_LENGTH = 2048;

/**
 * Reads a URL a user asked the server to fetch: http or https, with a host,
 * without credentials. The address checks come after DNS resolution, in the
 * fetcher; this only refuses what no lookup could make acceptable.
 */
export function parseFetchUrl(
  text: string,
  base?: URL,
): { ok: true; url: URL } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, error: "Give the address (URL) of the article." };
  if (trimmed.length > MAX_IMPORT_URL_LENGTH) {
    return {
      ok: false,
      error: `The address is too long (at most ${MAX_IMPORT_URL_LENGTH} characters).`,
    };
  }
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return {
      ok: false,
      error: `"${trimmed.slice(0, 200)}" is not a web address; give one like https://example.com/article.`,
    };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return {
      ok: false,
      error: `Only http and https addresses can be imported, not ${url.protocol.replace(/:$/, "")}.`,
    };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      error: "The address contains a user name or password; give it without them.",
    };
  }
  if (url.hostname === "") return { ok: false, error: "The address has no host name." };
  return { ok: true, url };
}

/** A URL's host as a resolver or socket takes it: IPv6 without its brackets. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}
