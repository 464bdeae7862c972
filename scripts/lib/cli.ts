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

/** Prisma error codes a person at the shell can act on, told as one line. */
const DATABASE_PROBLEMS: Record<string, string> = {
  P2028:
    "The database was too busy to finish in time, and nothing was changed. Try again in a moment.",
  P1001: "The database cannot be reached. Is it running, and is DATABASE_URL right?",
  P1008: "The database did not answer in time, and nothing was changed. Try again in a moment.",
  P2024: "No database connection was free in time, and nothing was changed. Try again in a moment.",
};

/** One line that says what went wrong, for an error that was not written for users. */
export function oneLineError(error: unknown): string {
  const code =
    error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "";
  const known = DATABASE_PROBLEMS[code];
  if (known) return known;
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split("\n").find((line) => line.trim() !== "") ?? "unknown error";
  return `Failed: ${first.trim()}${code ? ` (${code})` : ""}`;
}

/**
 * Runs a CLI entry point: user-facing errors print their message, anything
 * else its stack; both exit 1. With `oneLine`, anything else prints one line
 * too (SOURCELIGHT_DEBUG=1 shows the stack), for commands people type by hand.
 */
export function runMain(main: () => Promise<void>, options: { oneLine?: boolean } = {}): void {
  main().catch((error: unknown) => {
    if (error instanceof Error && USER_FACING.has(error.name))
      console.error(`\n${error.message}\n`);
    else if (options.oneLine && process.env.SOURCELIGHT_DEBUG !== "1")
      console.error(`${oneLineError(error)} (SOURCELIGHT_DEBUG=1 shows the details)`);
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
