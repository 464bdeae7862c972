// The npm registry reachable here lacks some platform builds of optional
// native packages (e.g. @next/swc-darwin-arm64). npm then leaves them out of
// package-lock.json, and `npm ci` refuses the lock as out of sync. This adds
// an entry with the os/cpu the package's name declares for each such optional
// dependency, so `npm ci` sees a complete lock and skips them as foreign
// platforms. Run after any change to the lock: node scripts/lockfile-platform-stubs.mjs
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;
const OSES = [
  "darwin",
  "win32",
  "linux",
  "freebsd",
  "android",
  "openharmony",
  "sunos",
  "aix",
  "netbsd",
  "openbsd",
];
const CPUS = [
  "arm64",
  "x64",
  "ia32",
  "arm",
  "ppc64",
  "riscv64",
  "s390x",
  "loong64",
  "mips64el",
  "wasm32",
];

function platform(name) {
  const parts = name.split("/").at(-1).split("-");
  return { os: OSES.find((o) => parts.includes(o)), cpu: CPUS.find((c) => parts.includes(c)) };
}

const added = [];
for (const [path, meta] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${dep}`;
    if (packages[nested] || packages[`node_modules/${dep}`]) continue;
    const { os, cpu } = platform(dep);
    if (!os && !cpu) continue;
    packages[`node_modules/${dep}`] = {
      version,
      optional: true,
      ...(os && { os: [os] }),
      ...(cpu && { cpu: [cpu] }),
    };
    added.push(dep);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) =>
    a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0,
  ),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added.length
    ? `Added ${added.length} platform entries: ${added.join(", ")}`
    : "The lock is complete.",
);
