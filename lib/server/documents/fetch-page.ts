import "server-only";
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { AppError } from "@/lib/domain/errors";
import { MAX_UPLOAD_BYTES } from "@/lib/domain/ingest";
import { megabytes } from "@/lib/domain/ingest/decode";
import {
  bareHostname,
  classifyAddress,
  isLocalHostname,
  parseFetchUrl,
} from "@/lib/domain/public-address";

export const FETCH_TIMEOUT_MS = 15_000;
export const MAX_REDIRECTS = 5;

export interface FetchPageOptions {
  /** The whole fetch — every redirect and the body — must finish within this. */
  timeoutMs?: number;
  /** The largest body taken, after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  /**
   * Resolves a host name to its addresses. Default: the system resolver
   * (every A and AAAA record). Tests give a fixed table.
   */
  resolve?: (hostname: string) => Promise<string[]>;
  /**
   * TESTS ONLY: host names whose addresses are not checked, so a test can
   * serve a page from a local listener. Never set by the app, the API or the
   * CLI: no request can reach this option. A literal IP address in a URL is
   * always checked, whatever this says.
   */
  trustedHostsForTests?: readonly string[];
}

export interface FetchedPage {
  /** The URL that answered, after redirects. */
  finalUrl: string;
  bytes: Uint8Array;
  kind: "html" | "text";
  charset?: string;
}

const refuse = (message: string) => new AppError("VALIDATION", message);

const systemResolve = async (hostname: string) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/**
 * The address to connect to for `url`, checked: a literal IP must be public;
 * a name must not be a local one, and every address it resolves to must be
 * public (one private answer among public ones would let a rebinding DNS
 * server pick). The connection then goes to this very address, so a second
 * lookup cannot swap in another.
 */
async function checkedAddress(
  url: URL,
  options: FetchPageOptions,
  deadline: AbortSignal,
): Promise<string> {
  const host = bareHostname(url);
  const literal = classifyAddress(host);
  if (literal) {
    if (!literal.public)
      throw refuse(`${url.host} is ${literal.kind}; only public web addresses can be imported.`);
    return host;
  }
  if (isLocalHostname(host)) {
    throw refuse(`${host} is a local host name; only public web addresses can be imported.`);
  }
  let addresses: string[];
  try {
    addresses = await withDeadline((options.resolve ?? systemResolve)(host), deadline);
  } catch (error) {
    if (deadline.aborted) throw error;
    throw refuse(`The host ${host} was not found.`);
  }
  const first = addresses[0];
  if (first === undefined) throw refuse(`The host ${host} was not found.`);
  if (options.trustedHostsForTests?.includes(host)) return first;
  for (const address of addresses) {
    const verdict = classifyAddress(address);
    if (!verdict || !verdict.public) {
      throw refuse(
        `${host} resolves to ${address}, ${verdict?.kind ?? "not an address"}; only public web addresses can be imported.`,
      );
    }
  }
  return first;
}

/** A slow resolver counts against the fetch's time limit like a slow server. */
function withDeadline<T>(work: Promise<T>, deadline: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new Error("deadline"));
    if (deadline.aborted) return abort();
    deadline.addEventListener("abort", abort, { once: true });
    work.then(resolve, reject).finally(() => deadline.removeEventListener("abort", abort));
  });
}

const PAGE_TYPES = new Map<string, FetchedPage["kind"]>([
  ["text/html", "html"],
  ["application/xhtml+xml", "html"],
  ["text/plain", "text"],
]);

/**
 * Fetches an article page for import: http(s) only, public addresses only
 * (checked after DNS resolution and again for every redirect, which is
 * followed by hand up to a hop limit), within a time and a size limit.
 * Every refusal is an AppError whose message names the problem.
 */
export async function fetchPage(
  address: string,
  options: FetchPageOptions = {},
): Promise<FetchedPage> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const parsed = parseFetchUrl(address);
  if (!parsed.ok) throw refuse(parsed.error);
  let url = parsed.url;
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      const connectTo = await checkedAddress(url, options, deadline);
      deadline.throwIfAborted();
      const response = await request(url, connectTo, deadline);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location !== undefined) {
        response.destroy();
        if (hop >= maxRedirects) {
          throw refuse(
            `The page redirects more than ${maxRedirects} times; give its final address.`,
          );
        }
        const next = parseFetchUrl(location, url);
        if (!next.ok)
          throw refuse(`The page redirects to an address that cannot be imported: ${next.error}`);
        url = next.url;
        continue;
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        throw refuse(`The page answered ${status} ${response.statusMessage ?? ""}`.trimEnd() + ".");
      }
      const [type = "", ...params] = (response.headers["content-type"] ?? "text/html")
        .split(";")
        .map((part) => part.trim());
      const kind = PAGE_TYPES.get(type.toLowerCase());
      if (!kind) {
        response.destroy();
        throw refuse(
          `The address serves ${type || "an unknown type"}, not a web page (HTML or plain text).`,
        );
      }
      const charset = params
        .map((p) => /^charset\s*=\s*"?([^";]+)"?$/i.exec(p)?.[1])
        .find((c) => c !== undefined);
      const bytes = await readBody(response, maxBytes);
      return { finalUrl: url.href, bytes, kind, ...(charset ? { charset } : {}) };
    }
  } catch (error) {
    if (deadline.aborted && !(error instanceof AppError)) {
      throw refuse(`The page did not arrive within ${timeoutMs / 1000} seconds.`);
    }
    if (error instanceof AppError) throw error;
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    throw refuse(`The page could not be fetched${code ? ` (${code})` : ""}.`);
  }
}

function request(url: URL, connectTo: string, signal: AbortSignal): Promise<http.IncomingMessage> {
  const family = connectTo.includes(":") ? 6 : 4;
  // The checked address, whatever the host name would resolve to now.
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: connectTo, family }]);
    else callback(null, connectTo, family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      {
        protocol: url.protocol,
        hostname: bareHostname(url),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers: {
          "user-agent": "Sourcelight (article import)",
          accept: "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
          "accept-encoding": "gzip, deflate, br",
        },
        lookup: pinned,
        agent: false,
        signal,
      },
      resolve,
    );
    req.on("error", reject);
    req.end();
  });
}

async function readBody(response: http.IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    refuse(`The page is larger than ${megabytes(maxBytes)}; save it and upload the file in parts.`);
  const declared = Number(response.headers["content-length"] ?? NaN);
  if (declared > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const encoding = (response.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  let body: Readable = response;
  if (encoding === "gzip" || encoding === "x-gzip") body = response.pipe(zlib.createGunzip());
  else if (encoding === "deflate") body = response.pipe(zlib.createInflate());
  else if (encoding === "br") body = response.pipe(zlib.createBrotliDecompress());
  else if (encoding !== "identity") {
    response.destroy();
    throw refuse(`The page is sent in an encoding Sourcelight cannot read (${encoding}).`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      // Counted after decompression: a small compressed body may inflate without bound.
      if (size > maxBytes) throw tooLarge();
      chunks.push(buffer);
    }
  } finally {
    response.destroy();
    if (body !== response) body.destroy();
  }
  return new Uint8Array(Buffer.concat(chunks));
}
