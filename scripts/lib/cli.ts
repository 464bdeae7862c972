/** An error whose message is the whole story for the user: printed without a stack trace. */
export class UserFacingError extends Error {
  override name = "UserFacingError";
}

// Errors from other modules whose messages are written for users too.
const USER_FACING = new Set([
  "UserFacingError",
  "DatabaseStartError",
  "DatabaseUnreachableError",
  "MigrationError",
  "EnvError",
  "AppError",
]);

/** Runs a CLI entry point: user-facing errors print their message, anything else its stack; both exit 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof Error && USER_FACING.has(error.name))
      console.error(`\n${error.message}\n`);
    else console.error(error);
    process.exit(1);
  });
}

/** Loads `.env` from the project root when there is one (variables already set win). */
export function loadDotEnv(): void {
  try {
    process.loadEnvFile(".env");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
