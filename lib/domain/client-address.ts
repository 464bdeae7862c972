/*
 * Which address a request comes from, for per-address sign-in throttling.
 * X-Forwarded-For is a list any client can write; only the entries our own
 * proxies appended are true. So it is read only when TRUSTED_PROXIES says
 * which proxies those are — a hop count, or their addresses/CIDR ranges —
 * and otherwise the socket address is the client.
 */

/** TRUSTED_PROXIES, parsed: no proxy, N proxies in front, or the proxies' address ranges. */
export type TrustedProxies =
  | { kind: "none" }
  | { kind: "hops"; count: number }
  | { kind: "ranges"; ranges: readonly AddressRange[] };

export interface AddressRange {
  /** The address as 16 bytes (IPv4 as IPv4-mapped IPv6). */
  bytes: Uint8Array;
  /** The prefix length over those 16 bytes. */
  prefix: number;
}

const MAX_HOPS = 10;

/**
 * Parses TRUSTED_PROXIES: unset or empty for none; a whole number 1–10 for
 * that many proxies in front of the app; or a comma-separated list of proxy
 * addresses and CIDR ranges (`10.0.0.0/8, 192.168.1.7, fd00::/8`). Throws an
 * Error naming the bad entry.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    if (count > MAX_HOPS) throw new Error(`a hop count must be at most ${MAX_HOPS}, not ${text}`);
    return { kind: "hops", count };
  }
  const ranges = text.split(",").map((entry) => {
    const trimmed = entry.trim();
    const range = parseRange(trimmed);
    if (!range) throw new Error(`"${trimmed}" is not an IP address or CIDR range`);
    return range;
  });
  return { kind: "ranges", ranges };
}

function parseRange(entry: string): AddressRange | null {
  const [address = "", prefixText, ...rest] = entry.split("/");
  if (rest.length > 0) return null;
  const bytes = parseAddress(address);
  if (!bytes) return null;
  const v4 = !address.includes(":");
  const max = v4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { bytes, prefix: v4 ? prefix + 96 : prefix };
}

/** An IPv4 or IPv6 address as 16 bytes (IPv4 as ::ffff:a.b.c.d), or null when it is not one. */
export function parseAddress(text: string): Uint8Array | null {
  const address = text.trim();
  if (address.length === 0 || address.length > 45) return null;
  if (!address.includes(":")) {
    const v4 = parseIpv4(address);
    if (!v4) return null;
    const bytes = new Uint8Array(16);
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    bytes.set(v4, 12);
    return bytes;
  }
  return parseIpv6(address);
}

function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
}

function parseIpv6(text: string): Uint8Array | null {
  // A zone (fe80::1%eth0) names an interface, not a different address.
  const address = text.split("%")[0] ?? "";
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string | undefined): number[] | null => {
    if (!half) return [];
    const out: number[] = [];
    const parts = half.split(":");
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && part.includes(".")) {
        const v4 = parseIpv4(part);
        if (!v4) return null;
        out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      } else if (/^[0-9a-f]{1,4}$/i.test(part)) out.push(parseInt(part, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...new Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

function inRange(bytes: Uint8Array, range: AddressRange): boolean {
  for (let bit = 0; bit < range.prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    const i = Math.floor(bit / 8);
    if (((bytes[i] ?? 0) & mask) !== ((range.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** The address in a canonical text form, so one client is one counter however it is spelt. */
export function canonicalAddress(text: string): string | null {
  const bytes = parseAddress(text);
  if (!bytes) return null;
  const mapped =
    bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return Array.from(bytes.slice(12)).join(".");
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(":");
}

/**
 * The client's address: the socket address when no proxy is trusted; else
 * the X-Forwarded-For entry the outermost trusted proxy saw — counted from
 * the right by hops, or the right-most entry (the socket address included)
 * outside the trusted ranges. Null when it is not known or not an address.
 */
export function selectClientAddress({
  forwardedFor,
  socketAddress,
  trusted,
}: {
  forwardedFor: string | null;
  socketAddress: string | null;
  trusted: TrustedProxies;
}): string | null {
  const socket = socketAddress ? canonicalAddress(socketAddress) : null;
  if (trusted.kind === "none") return socket;
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (trusted.kind === "hops") {
    // The nearest proxy appended what it saw; each proxy further out one entry to the left.
    const entry =
      chain.length === 0 ? socketAddress : chain[Math.max(0, chain.length - trusted.count)];
    return entry ? canonicalAddress(entry) : null;
  }
  const hops = socketAddress ? [...chain, socketAddress] : chain;
  for (let i = hops.length - 1; i >= 0; i--) {
    const bytes = parseAddress(hops[i] ?? "");
    // Garbage where an address should be: whoever wrote it is not to be believed, so the address is unknown.
    if (!bytes) return null;
    if (i === 0 || !trusted.ranges.some((r) => inRange(bytes, r)))
      return canonicalAddress(hops[i] ?? "");
  }
  return null;
}
