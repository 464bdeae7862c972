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

/**
 * A function that serves `req` and returns true, or returns false (having touched
 * nothing) for Next to serve it. `distDir` is the build's directory, read on first use.
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
    if (rules === undefined) rules = readHeaderRules(distDir);
    const extra = rules && configHeaders(rules, pathname);
    if (!extra) return false;
    let requestUrl;
    let headers;
    try {
      requestUrl = new URL(url, `http://${req.headers.host ?? "localhost"}`);
      headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else if (value !== undefined) headers.append(name, value);
      }
    } catch {
      return false;
    }
    void respond(req, res, {
      handler: routes.annotationSave,
      slug: match[1],
      requestUrl,
      headers,
      extra,
    });
    return true;
  };
}

const utf8 = new TextDecoder();

async function respond(req, res, { handler, slug, requestUrl, headers, extra }) {
  const chunks = [];
  try {
    for await (const chunk of req) chunks.push(chunk);
  } catch {
    // The client went away mid-body: nobody to answer.
    return;
  }
  const bytes = Buffer.concat(chunks);
  // What the handler reads of a Request; json() decodes as Request.json() does (UTF-8, BOM dropped).
  const request = {
    headers,
    url: requestUrl.href,
    json: async () => JSON.parse(utf8.decode(bytes)),
  };
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
  const body = Buffer.from(JSON.stringify(reply.body));
  for (const { key, value } of extra) res.setHeader(key, value);
  // As Response.json(body, { status, headers }) would answer, in one write.
  res.setHeader("content-type", "application/json");
  for (const [key, value] of Object.entries(reply.headers)) res.setHeader(key, value);
  res.setHeader("content-length", body.length);
  res.statusCode = reply.status;
  res.end(body);
}
