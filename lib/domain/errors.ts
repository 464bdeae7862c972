/**
 * The one error type for failures a user may be told about. `message` is safe
 * to show; anything else that is thrown is a bug and is reported as
 * "Something went wrong" with the details logged on the server.
 */
export type AppErrorCode =
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  /** The database is unreachable for now: answered 503 with Retry-After. */
  | "UNAVAILABLE";

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

/** How long a client should wait before trying again while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The digest a server-rendered page's error carries when the database is away,
 * so the error boundary (which sees only the digest in production) can say so
 * and retry by itself instead of showing "Something went wrong".
 */
export const DATABASE_UNAVAILABLE_DIGEST = "SOURCELIGHT_DATABASE_UNAVAILABLE";

export const notFound = (what = "That item") => new AppError("NOT_FOUND", `${what} was not found.`);
