// Runs Next's server in this process — `next start`/`next dev`, or the standalone
// server.js of a container image (`standalone <path>`) — and adds what Next lacks:
//  - one log line per request (method, route, status, duration, user id) and one line,
//    with a timestamp, for everything the process logs (log-format.mjs, LOG_FORMAT);
//  - a graceful stop on SIGTERM/SIGINT: no new connections, the requests in flight are
//    answered (up to SHUTDOWN_TIMEOUT_MS), then exit 0;
//  - the annotation save served in front of Next's router (fast-route.mjs);
//  - an exit as soon as the process that spawned it is gone — even after a kill -9 of
//    the supervisor — so no orphaned web server keeps holding the port.
import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fastRoutes } from "./fast-route.mjs";
import { installConsole, logFormat, writeRecord } from "./log-format.mjs";

const require = createRequire(import.meta.url);
installConsole();

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) {
    console.error("The Sourcelight supervisor is gone; stopping the web server.");
    void stop(1);
  }
}, 1000).unref();

// Next passes no socket address to route handlers and server actions (it copies it into
// X-Forwarded-For only when a client sent none, which a client controls). So every request
// Next's server receives first gets our own header with the TCP peer's address, overwriting
// any a client sent; lib/server/accounts/throttle.ts believes it only when this flag is set.
const SOCKET_ADDRESS_HEADER = "x-sourcelight-socket-address";
process.env.SOURCELIGHT_SOCKET_ADDRESS_HEADER = "1";

// lib/server/ops/request-log.ts records the signed-in user's id in this request's store.
const requestLog = new AsyncLocalStorage();
globalThis[Symbol.for("sourcelight.requestLog")] = requestLog;

// Paths whose last segment is a secret (an invitation's token) are logged without it.
const SECRET_SEGMENTS = /^\/(invite|reset-password|reset)\/[^/]+/;
function routeOf(url) {
  const pathname = (url ?? "/").split("?")[0] ?? "/";
  return pathname.replace(SECRET_SEGMENTS, "/$1/[token]");
}

const servers = new Set();
let inFlight = 0;
let stopping = false;

/** Counts the request in flight and writes its log line when it is answered (or abandoned). */
function track(req, res) {
  req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  inFlight++;
  if (stopping) res.setHeader("Connection", "close");
  const started = process.hrtime.bigint();
  const store = requestLog.getStore();
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    inFlight--;
    const route = routeOf(req.url);
    // Build assets are immutable and many per page: not worth a line each.
    if (route.startsWith("/_next/static/")) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const status = res.writableFinished ? res.statusCode : 499;
    const durationMs = Math.round(ms * 10) / 10;
    const userId = store?.userId ?? null;
    const level = status >= 500 ? "error" : "info";
    if (logFormat() === "json") {
      writeRecord(level, "request", { method: req.method, route, status, durationMs, userId });
    } else {
      writeRecord(level, `${req.method} ${route} ${status} ${durationMs}ms user=${userId ?? "-"}`);
    }
  };
  res.once("finish", finish);
  res.once("close", finish);
}

const [mode, ...rest] = process.argv.slice(2);
// Production only: the dev server recompiles the handler on every change, this would not.
// A standalone server.js keeps its build in .next beside it.
const serveFast =
  mode === "dev"
    ? () => false
    : fastRoutes(
        mode === "standalone"
          ? path.join(path.dirname(path.resolve(rest[0] ?? "server.js")), ".next")
          : path.resolve(process.env.NEXT_DIST_DIR || ".next"),
      );

const createServer = http.createServer;
http.createServer = function (...args) {
  const server = createServer.apply(this, args);
  servers.add(server);
  // Every request runs in its own store — Next's handler too — and is tracked; the
  // annotation save is answered here, everything else by Next's listeners.
  const emit = server.emit;
  server.emit = function (event, ...args) {
    if (event !== "request") return emit.call(this, event, ...args);
    const [req, res] = args;
    return requestLog.run({}, () => {
      track(req, res);
      return serveFast(req, res) || emit.call(this, event, ...args);
    });
  };
  return server;
};

const SHUTDOWN_TIMEOUT_MS = Number(process.env.SHUTDOWN_TIMEOUT_MS) || 20_000;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const server of servers) {
    server.close();
    // Keep-alive connections with no request in flight would hold close() open.
    server.closeIdleConnections();
  }
  const deadline = Date.now() + SHUTDOWN_TIMEOUT_MS;
  while (inFlight > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const server of servers) server.closeIdleConnections();
  }
  if (inFlight > 0) console.error(`Stopped with ${inFlight} request(s) still unanswered.`);
  process.exit(code);
}

// Next would exit at once on these; we answer what is in flight first. (`next dev` serves
// from a process of its own, which stops with its parent: left to Next.)
if (mode !== "dev") {
  process.env.NEXT_MANUAL_SIG_HANDLE = "1";
  process.on("SIGTERM", () => void stop(0));
  process.on("SIGINT", () => void stop(0));
}

if (mode === "standalone") {
  // The standalone server.js reads PORT and HOSTNAME and changes into its own directory.
  const serverJs = path.resolve(rest[0] ?? "server.js");
  process.argv = [process.argv[0], serverJs];
  require(serverJs);
} else {
  process.argv = [process.argv[0], require.resolve("next/dist/bin/next"), mode, ...rest];
  require("next/dist/bin/next");
}
