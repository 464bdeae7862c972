import "server-only";
import { AppError, type AppErrorCode } from "@/lib/domain/errors";

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
  if (error instanceof AppError) {
    return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
  }
  console.error("Unexpected error in a server action:", error);
  return { ok: false, message: "Something went wrong. Please try again.", fieldErrors: {} };
}

/** Turns any thrown value into a JSON error response; unknown errors are logged, never shown. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    // RFC 6750: tell API clients which scheme to use.
    const headers: Record<string, string> =
      error.code === "UNAUTHENTICATED" ? { "WWW-Authenticate": 'Bearer realm="sourcelight"' } : {};
    return Response.json(errorBody(error.code, error.message, error.fieldErrors), {
      status: httpStatus(error),
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
