// Runs Next's CLI in this process (node next-child.mjs start --port …) and
// exits as soon as the process that spawned it is gone — even after a kill -9
// of `npm start` — so no orphaned web server keeps holding the port.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 1000).unref();

process.argv = [process.argv[0], require.resolve("next/dist/bin/next"), ...process.argv.slice(2)];
require("next/dist/bin/next");
