import "server-only";
import { AppError, type AppErrorCode } from "@/lib/domain/errors";
import { outageError, RETRY_AFTER_SECONDS } from "@/lib/server/ops/database-outage";

/** What every form's server action returns: rendered with useActionState. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      message: string;
      fieldErrors: Record<string, string[]>;
      values?: Record<string, string>;
    };

const STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
};

export function httpStatus(error: AppError): number {
  return STATUS[error.code];
}

/** Turns any thrown value into a safe action result; unknown errors are logged, never shown. */
export function failure(error: unknown): {
  ok: false;
  message: string;
  fieldErrors: Record<string, string[]>;
} {
  const known = error instanceof AppError ? error : outageError(error);
  if (known) {
    if (known !== error) console.error("Database unavailable in a server action:", error);
    return { ok: false, message: known.message, fieldErrors: known.fieldErrors };
  }
  console.error("Unexpected error in a server action:", error);
  return { ok: false, message: "Something went wrong. Please try again.", fieldErrors: {} };
}

/** Turns any thrown value into a JSON error response; unknown errors are logged, never shown. */
export function errorResponse(error: unknown): Response {
  const known = error instanceof AppError ? error : outageError(error);
  if (known) {
    if (known !== error) console.error("Database unavailable in a route handler:", error);
    const headers: Record<string, string> = {};
    // RFC 6750: tell API clients which scheme to use.
    if (known.code === "UNAUTHENTICATED")
      headers["WWW-Authenticate"] = 'Bearer realm="sourcelight"';
    if (known.code === "UNAVAILABLE") headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
    return Response.json(errorBody(known.code, known.message, known.fieldErrors), {
      status: httpStatus(known),
      headers,
    });
  }
  console.error("Unexpected error in a route handler:", error);
  return Response.json(errorBody("INTERNAL", "Something went wrong."), { status: 500 });
}

/**
 * The one error body of the JSON API: `{ error: { code, message, fields? } }`,
 * `fields` naming each invalid input (a dotted path) with its messages, and
 * present only when there are any.
 */
export function errorBody(
  code: string,
  message: string,
  fields: Record<string, string[]> = {},
): { error: { code: string; message: string; fields?: Record<string, string[]> } } {
  return {
    error: { code, message, ...(Object.keys(fields).length > 0 ? { fields } : {}) },
  };
}
