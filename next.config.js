// @ts-check
// Plain JavaScript (not next.config.ts): the product's layout names next.config.js,
// and Next then loads it without transpiling a TypeScript config first.

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Lets parallel work trees or test runs build side by side without sharing .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // These load native or WASM code at run time and must not be bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  typedRoutes: false,
};

export default nextConfig;
