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

/**
 * A JSON answer before it is a Response: route handlers make one of it
 * (`toResponse`), the production entry point's fast path (lib/server/api/fast-routes.ts)
 * writes it as it is.
 */
export interface JsonReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** What Response.json makes of a reply (it adds Content-Type: application/json). */
export function toResponse(reply: JsonReply): Response {
  return Response.json(reply.body, { status: reply.status, headers: reply.headers });
}

/** Turns any thrown value into a JSON error response; unknown errors are logged, never shown. */
export function errorResponse(error: unknown): Response {
  return toResponse(errorReply(error));
}

/** errorResponse's answer as a reply. */
export function errorReply(error: unknown): JsonReply {
  const known = error instanceof AppError ? error : outageError(error);
  if (known) {
    if (known !== error) console.error("Database unavailable in a route handler:", error);
    const headers: Record<string, string> = {};
    // RFC 6750: tell API clients which scheme to use.
    if (known.code === "UNAUTHENTICATED")
      headers["WWW-Authenticate"] = 'Bearer realm="sourcelight"';
    if (known.code === "UNAVAILABLE") headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
    return {
      status: httpStatus(known),
      headers,
      body: errorBody(known.code, known.message, known.fieldErrors),
    };
  }
  console.error("Unexpected error in a route handler:", error);
  return { status: 500, headers: {}, body: errorBody("INTERNAL", "Something went wrong.") };
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
