import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

const TYPED = "{app,components,lib,prisma,scripts}/**/*.{ts,tsx}";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Type-aware rules see `any` leaks (JSON, untyped rows) the syntactic rules cannot. Scoped to
    // the code that runs: on all of tests/ and bench/ too, lint took over 3 min on a loaded 2-core box.
    files: [TYPED],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Everything else (tests, benchmarks, JS config files) gets the syntactic rules only.
    ignores: [TYPED],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Layering (DESIGN.md): pure domain code imports nothing of ours outside lib/domain.
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "@/lib/server/*",
            "@/lib/db",
            "@/app/*",
            "@/components/*",
            "node:*",
            "next/*",
            "react",
          ],
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "lib/generated/**",
    ".data/**",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
