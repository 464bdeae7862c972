import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // These load native or WASM code at run time and must not be bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  typedRoutes: false,
};

export default nextConfig;
