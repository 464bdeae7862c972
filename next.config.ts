import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Lets parallel work trees or test runs build side by side without sharing .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // These load native or WASM code at run time and must not be bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  typedRoutes: false,
};

export default nextConfig;
