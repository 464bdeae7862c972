// The production web server's own handling of its hottest request, the annotation save
// (PUT /api/projects/{slug}/annotations), in front of Next's router. Measured under
// --cpu-prof, Next spent most of a save's time around the handler — routing, turning the
// Node request into a Web Request and the Response back into a stream, tracing, and
// gzipping a 300-byte JSON answer in several socket writes — and the save itself about
// 1.3× a raw upsert. Here the function the route file answers with
// (lib/server/api/annotation-save-route.ts, registered by instrumentation.ts) gets the
// request's headers, URL and body, and its reply is written in one go, with the headers
// next.config.js gives every API answer as Next recorded them in routes-manifest.json.
//
// Anything this cannot serve exactly as Next would goes to Next: other methods and paths,
// encoded or odd slugs, bodies without a declared length or larger than MAX_BODY_BYTES,
// a build that uses a base path or conditional headers, a handler not registered yet.
import { readFileSync } from "node:fs";
import path from "node:path";

const REGISTRY = Symbol.for("sourcelight.fastRoutes");
const SAVE_PATH = /^\/api\/projects\/([A-Za-z0-9_-]+)\/annotations$/;
/** A save's body is a few hundred bytes; a larger one is left to Next, which reads any size. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The headers Next adds from next.config.js to a response for `pathname`, or null when
 * Next would decide by something other than the path (a `has`/`missing` condition).
 */
function configHeaders(rules, pathname) {
  const out = [];
  for (const rule of rules) {
    if (!rule.regex.test(pathname)) continue;
    if (rule.conditional) return null;
    out.push(...rule.headers);
  }
  return out;
}

/** The build's header rules, compiled; null (every save to Next) when unreadable or under a base path. */
function readHeaderRules(distDir) {
  try {
    const manifest = JSON.parse(readFileSync(path.join(distDir, "routes-manifest.json"), "utf8"));
    if (manifest.basePath) return null;
    return (manifest.headers ?? []).map((rule) => ({
      regex: new RegExp(rule.regex),
      headers: rule.headers,
      conditional: Boolean(rule.has?.length || rule.missing?.length),
    }));
  } catch {
    return null;
  }
}

/** A Host header Next would route (name or address, optional port); anything else goes to Next. */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/**
 * A function that serves `req` and returns true, or returns false (having touched
 * nothing) for Next to serve it. `distDir` is the build's directory, read on first use.
 *
 * The per-request work is kept to what the answer needs: on this 2-core machine a
 * lone save is a chain of process wake-ups (client, server, PostgreSQL and back), and
 * each microsecond of work here runs cache-cold inside it. Profiled, building a URL, a
 * Web Headers object and an async iterator over the body, and setting headers one by
 * one, was a third of this file's time per save.
 */
export function fastRoutes(distDir) {
  let rules;
  return function serve(req, res) {
    if (req.method !== "PUT") return false;
    const routes = Reflect.get(globalThis, REGISTRY);
    if (typeof routes?.annotationSave !== "function") return false;
    const url = req.url ?? "";
    const query = url.indexOf("?");
    const pathname = query === -1 ? url : url.slice(0, query);
    const match = SAVE_PATH.exec(pathname);
    if (!match) return false;
    const length = Number(req.headers["content-length"]);
    if (!Number.isInteger(length) || length > MAX_BODY_BYTES || req.headers["transfer-encoding"])
      return false;
    const host = req.headers.host ?? "localhost";
    if (!PLAIN_HOST.test(host)) return false;
    if (rules === undefined) rules = readHeaderRules(distDir);
    // Per path: a header rule may match one project's slug and not another's.
    const extra = rules && configHeaders(rules, pathname);
    if (!extra) return false;
    // Listening now, before Node's parser reaches the body of this same packet, takes
    // the chunks as they are parsed.
    const body = readBody(req);
    void respond(res, body, {
      handler: routes.annotationSave,
      slug: match[1],
      request: { headers: headerView(req.headers), url: `http://${host}${url}` },
      extra,
    });
    return true;
  };
}

/**
 * What the handler reads of the request's headers (RequestHead in
 * lib/server/accounts/api-auth.ts): Headers.get over Node's parsed headers, which
 * are lower-cased, with repeated ones already joined or dropped as Node does.
 */
function headerView(headers) {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/** The body's bytes, or null when the client went away before sending all of it. */
function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.once("error", () => resolve(null));
    req.once("close", () => resolve(null));
  });
}

const utf8 = new TextDecoder();

async function respond(res, body, { handler, slug, request, extra }) {
  const bytes = await body;
  // The client went away mid-body: nobody to answer.
  if (bytes === null) return;
  // json() decodes as Request.json() does (UTF-8, BOM dropped).
  request.json = async () => JSON.parse(utf8.decode(bytes));
  let reply;
  try {
    reply = await handler(request, slug);
  } catch (error) {
    // saveReply answers its own errors; should it throw all the same, the API's 500 body.
    console.error("Unexpected error in a route handler:", error);
    reply = {
      status: 500,
      headers: {},
      body: { error: { code: "INTERNAL", message: "Something went wrong." } },
    };
  }
  if (res.destroyed) return;
  const payload = Buffer.from(JSON.stringify(reply.body));
  // As Response.json(body, { status, headers }) would answer, in one write: a later
  // header replaces an earlier one of the same name, as setHeader would.
  const headers = new Map();
  for (const { key, value } of extra) headers.set(key.toLowerCase(), [key, value]);
  headers.set("content-type", ["content-type", "application/json"]);
  for (const [key, value] of Object.entries(reply.headers))
    headers.set(key.toLowerCase(), [key, value]);
  headers.set("content-length", ["content-length", payload.length]);
  const flat = [];
  for (const [key, value] of headers.values()) flat.push(key, value);
  res.writeHead(reply.status, flat);
  res.end(payload);
}
