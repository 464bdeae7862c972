import { defineConfig } from "prisma/config";

// Only `prisma generate` uses this file: migrations are applied by
// scripts/db.ts through the WASM schema engine, never by the Prisma CLI.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
