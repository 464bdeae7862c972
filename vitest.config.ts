import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // Outside React Server Components `server-only` throws on import; the
      // server modules under test are exactly the ones that import it.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      // No database: `vitest run tests/unit` starts no PostgreSQL.
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // One PostgreSQL for the run and a migrated template database…
          globalSetup: ["tests/integration/global-setup.ts"],
          // …cloned into a fresh database for each test file, so files may run in parallel.
          setupFiles: ["tests/integration/setup-db.ts"],
        },
      },
    ],
  },
});
