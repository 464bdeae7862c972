// Runs Next's CLI in this process (node next-child.mjs start --port …) and
// exits as soon as the process that spawned it is gone — even after a kill -9
// of `npm start` — so no orphaned web server keeps holding the port.
import http from "node:http";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 1000).unref();

// Next passes no socket address to route handlers and server actions (it copies it into
// X-Forwarded-For only when a client sent none, which a client controls). So every request
// Next's server receives first gets our own header with the TCP peer's address, overwriting
// any a client sent; lib/server/accounts/throttle.ts believes it only when this flag is set.
const SOCKET_ADDRESS_HEADER = "x-sourcelight-socket-address";
const createServer = http.createServer;
http.createServer = function (...args) {
  const server = createServer.apply(this, args);
  server.prependListener("request", (req) => {
    req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  });
  return server;
};
process.env.SOURCELIGHT_SOCKET_ADDRESS_HEADER = "1";

process.argv = [process.argv[0], require.resolve("next/dist/bin/next"), ...process.argv.slice(2)];
require("next/dist/bin/next");
