// @ts-check

/** On every response, pages and API alike; the pages' CSP, with its per-request nonce, comes from proxy.ts. */
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers that predate CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  },
];
// API answers are data, never a document: nothing may load from them or frame them.
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
// Plain JavaScript (not next.config.ts): the product's layout names next.config.js,
// and Next then loads it without transpiling a TypeScript config first.

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Lets parallel work trees or test runs build side by side without sharing .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The container image's build (Dockerfile) only: a self-contained server.js with the
  // node_modules it needs. `npm start` keeps running `next start` on an ordinary build.
  output: process.env.NEXT_OUTPUT_STANDALONE === "1" ? "standalone" : undefined,
  poweredByHeader: false,
  // These load native or WASM code at run time and must not be bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  typedRoutes: false,
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }],
      },
    ];
  },
};

export default nextConfig;
