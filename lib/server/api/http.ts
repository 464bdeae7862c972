import "server-only";
import { AppError } from "@/lib/domain/errors";
import { pageQuerySchema, type PageQuery } from "@/lib/domain/api/pagination";
import { requireApiActor } from "../accounts/api-auth";
import type { Actor } from "../actor";
import { sha256Hex } from "../hash";
import { errorBody, errorResponse, toResponse, type JsonReply } from "../results";
import { parseInput } from "../validation";

/**
 * The transport every JSON route handler shares: who is calling (a token or
 * the session, with the scope the method needs), the JSON body, the paging
 * query, and one error body for every failure. A handler is then one call to
 * the lib/server function its page uses, and the shaping of the reply.
 */
export interface ApiContext<P> {
  actor: Actor;
  request: Request;
  params: P;
  search: URLSearchParams;
  /** The request's JSON body; a missing or malformed body is a 422 naming the problem. */
  body: () => Promise<unknown>;
  /** `page` and `pageSize` from the query string, checked (422 when out of range). */
  page: () => PageQuery;
}

type Handler<P> = (ctx: ApiContext<P>) => Promise<Response>;
type Need = "read" | "write";

async function run<P>(request: Request, need: Need, params: () => Promise<P>, handler: Handler<P>) {
  try {
    const actor = await requireApiActor(request, need);
    const search = new URL(request.url).searchParams;
    return await handler({
      actor,
      request,
      params: await params(),
      search,
      body: () => jsonBody(request),
      page: () =>
        parseInput(pageQuerySchema, {
          page: search.get("page") ?? undefined,
          pageSize: search.get("pageSize") ?? undefined,
        }),
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** A route without path parameters (`/api/projects`). */
export function apiRoute(need: Need, handler: Handler<Record<string, never>>) {
  return (request: Request): Promise<Response> =>
    run(request, need, () => Promise.resolve({}), handler);
}

/** A route with path parameters (`/api/projects/{slug}/…`), as Next passes them. */
export function apiRouteWith<P extends Record<string, string>>(need: Need, handler: Handler<P>) {
  return (request: Request, context: { params: Promise<P> }): Promise<Response> =>
    run(request, need, () => context.params, handler);
}

async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "")
    throw new AppError(
      "VALIDATION",
      "Send the input as a JSON body (Content-Type: application/json).",
    );
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("VALIDATION", "The request body is not valid JSON.");
  }
}

/** A JSON reply that no cache keeps (every answer depends on who asks). */
export function json(data: unknown, init: { status?: number } = {}): Response {
  return toResponse(jsonReply(data, init));
}

export function jsonReply(data: unknown, init: { status?: number } = {}): JsonReply {
  return {
    status: init.status ?? 200,
    headers: { "Cache-Control": "private, no-store" },
    body: data,
  };
}

/**
 * A JSON reply with a strong ETag over its exact bytes: a client that sends the
 * tag back in If-None-Match gets 304 and no body while nothing changed. The
 * answer is still computed (it depends on the caller and on every row behind
 * it); what is saved is the transfer and the client's parsing.
 */
export function jsonWithETag(request: Request, data: unknown): Response {
  const body = JSON.stringify(data);
  const etag = `"${sha256Hex(body).slice(0, 32)}"`;
  // private, no-cache: a browser may keep it but must ask again each time; shared caches may not.
  const headers = {
    ETag: etag,
    "Cache-Control": "private, no-cache",
    Vary: "Authorization, Cookie",
  };
  if (matchesETag(request.headers.get("if-none-match"), etag))
    return new Response(null, { status: 304, headers });
  return new Response(body, {
    headers: { ...headers, "Content-Type": "application/json" },
  });
}

function matchesETag(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  // If-None-Match compares weakly: W/"x" matches "x".
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/** A 409 that carries the server's current value, so a script can choose as the workspace's prompt does. */
export function conflictResponse(message: string, current: unknown): Response {
  return toResponse(conflictReply(message, current));
}

export function conflictReply(message: string, current: unknown): JsonReply {
  return {
    status: 409,
    headers: { "Cache-Control": "no-store" },
    body: { ...errorBody("CONFLICT", message), current },
  };
}

const NO_FILE = 'Send the file as multipart/form-data in a field named "file".';

/**
 * The `file` of a multipart upload and the rest of its form. The declared
 * length is checked before anything is read (`bodyTooLarge`), the file's own
 * size before its bytes are (`fileTooLarge`, given the file's name), so a huge
 * upload is never held in memory; a body that is not multipart, or has no
 * `file`, is a 422 saying how to send it.
 */
export async function uploadedFile(
  request: Request,
  limits: {
    maxBodyBytes: number;
    bodyTooLarge: string;
    maxFileBytes: number;
    fileTooLarge: (fileName: string) => string;
  },
): Promise<{ form: FormData; file: File; bytes: Uint8Array }> {
  if (Number(request.headers.get("content-length") ?? "0") > limits.maxBodyBytes)
    throw new AppError("PAYLOAD_TOO_LARGE", limits.bodyTooLarge);
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!form || !(file instanceof File)) throw new AppError("VALIDATION", NO_FILE);
  if (file.size > limits.maxFileBytes)
    throw new AppError("PAYLOAD_TOO_LARGE", limits.fileTooLarge(file.name));
  return { form, file, bytes: new Uint8Array(await file.arrayBuffer()) };
}
