import { z } from "zod";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageQuerySchema } from "./pagination";

/**
 * The JSON API's description, built from the same zod schemas the lib/server
 * functions parse their input with, so the two cannot drift apart: a field
 * added to a schema appears here, and tests/unit/openapi.test.ts fails when a
 * route handler exists without an operation, an operation names no route, or
 * an example does not pass its schema.
 */
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/api/projects/{slug}/members/{userId}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Who may call it, in the words of the permission table (lib/domain/permissions.ts). */
  access: string;
  /** The token scope it needs: a READ token may call only "read" operations. */
  scope: "read" | "write" | "none";
  query?: {
    schema: z.ZodObject<Record<string, z.ZodType>>;
    /** The query string as the route reads it into the schema's input (default: one value per name). */
    fromParams?: (params: URLSearchParams) => unknown;
    /** A schema field that travels under another name in the query (e.g. `documents` as repeated `document`). */
    rename?: Record<string, string>;
    example?: string;
  };
  body?:
    | { kind: "json"; schema: z.ZodType; example: unknown }
    | { kind: "multipart"; description: string };
  paginated?: boolean;
  etag?: boolean;
  /**
   * `schema`: the JSON body on success (lib/domain/api/responses.ts), which the API test checks
   * every real answer against; `file`: the media type of a download instead.
   */
  success: { status: number; description: string; schema?: z.ZodType; file?: string };
  /** Outcomes beyond the common 401/403/404/422, e.g. 409 for a stale version. */
  errors?: Record<number, string>;
}

type JsonSchema = Record<string, unknown>;

/** A JSON Schema of what a request may send (`io: "input"`) or what a response carries. */
export const toSchema = (schema: z.ZodType, io: "input" | "output" = "input"): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
};

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe("VALIDATION, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, …"),
    message: z.string().describe("Safe to show to a person."),
    fields: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .describe("Each invalid input (a dotted path) with its messages."),
  }),
});

export const paginationSchema = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().describe("Items matching the query, on every page."),
  pageCount: z.number().int(),
});

const COMMON_ERRORS: Record<number, string> = {
  401: "No valid credentials (Authorization: Bearer slt_…, or a session cookie).",
  403: "Signed in, but the role, or a read-only token, does not allow it.",
  404: "Not found — also what a project you are not a member of looks like.",
  422: "The input is not valid; `fields` names each problem.",
};

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: JsonSchema;
  description?: string;
}

function pathParameters(path: string): Parameter[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
    name: m[1] ?? "",
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
}

/** Path, query and header parameters of an operation, as OpenAPI lists them. */
export function parametersOf(op: ApiOperation): Parameter[] {
  const params: Parameter[] = pathParameters(op.path);
  if (op.query) {
    for (const [name, field] of Object.entries(op.query.schema.shape)) {
      if (op.paginated && (name === "page" || name === "pageSize")) continue;
      params.push({
        name: op.query.rename?.[name] ?? name,
        in: "query",
        required: !field.isOptional(),
        schema: toSchema(field),
      });
    }
  }
  if (op.paginated) {
    params.push(
      { name: "page", in: "query", required: false, schema: toSchema(pageQuerySchema.shape.page) },
      {
        name: "pageSize",
        in: "query",
        required: false,
        schema: toSchema(pageQuerySchema.shape.pageSize),
      },
    );
  }
  if (op.etag)
    params.push({
      name: "If-None-Match",
      in: "header",
      required: false,
      schema: { type: "string" },
      description: "The ETag of an earlier answer: 304 without a body while it still holds.",
    });
  return params;
}

/** Status → description of every documented outcome. */
export function outcomesOf(op: ApiOperation): Array<{ status: number; description: string }> {
  const errors = { ...(op.scope === "none" ? {} : COMMON_ERRORS), ...(op.errors ?? {}) };
  return [
    { status: op.success.status, description: op.success.description },
    ...(op.etag
      ? [{ status: 304, description: "Unchanged since the ETag in If-None-Match." }]
      : []),
    ...Object.entries(errors).map(([status, description]) => ({
      status: Number(status),
      description,
    })),
  ];
}

function responses(op: ApiOperation): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  out[String(op.success.status)] = {
    description:
      op.success.description +
      (op.paginated ? " Beside the list: `pagination` { page, pageSize, total, pageCount }." : ""),
    ...(op.etag ? { headers: { ETag: { schema: { type: "string" } } } } : {}),
    content: op.success.file
      ? { [op.success.file]: { schema: { type: "string", format: "binary" } } }
      : {
          "application/json": {
            schema: op.success.schema ? toSchema(op.success.schema, "output") : { type: "object" },
          },
        },
  };
  if (op.etag) out["304"] = { description: "Unchanged since the ETag in If-None-Match." };
  const errors = {
    ...(op.scope === "none" ? {} : COMMON_ERRORS),
    ...(op.errors ?? {}),
  };
  for (const [status, description] of Object.entries(errors))
    out[status] = {
      description,
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  return out;
}

function operationObject(op: ApiOperation): JsonSchema {
  const parameters = parametersOf(op);
  const body = op.body;
  return {
    operationId: `${op.method}${op.path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, `**Who:** ${op.access}.`, scopeNote(op.scope)]
      .filter(Boolean)
      .join("\n\n"),
    ...(op.scope === "none" ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(body?.kind === "json"
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: toSchema(body.schema), example: body.example },
            },
          },
        }
      : body?.kind === "multipart"
        ? {
            requestBody: {
              required: true,
              description: body.description,
              content: {
                "multipart/form-data": {
                  schema: {
                    type: "object",
                    properties: { file: { type: "string", format: "binary" } },
                    required: ["file"],
                  },
                },
              },
            },
          }
        : {}),
    responses: responses(op),
  };
}

export function scopeNote(scope: ApiOperation["scope"]): string {
  if (scope === "none") return "No credentials needed.";
  return scope === "write" ? "Needs a READ_WRITE token (or a same-origin session)." : "";
}

export const API_OVERVIEW = [
  "Every route answers JSON. Authenticate with a personal API token (Account → API tokens) as",
  "`Authorization: Bearer slt_…`; a READ token may only read. Permissions are the project role's,",
  "exactly as in the browser.",
  "",
  `**Lists** are paged: \`?page=1&pageSize=${DEFAULT_PAGE_SIZE}\` (at most ${MAX_PAGE_SIZE}), and`,
  "every list answer carries `pagination: { page, pageSize, total, pageCount }`.",
  "",
  '**Errors** are always `{ "error": { "code", "message", "fields"? } }` with the HTTP status',
  "(401, 403, 404, 409, 413, 422, 429, 500); a 409 on an annotation also carries `current`.",
  "",
  "**Conditional reads**: the agreement figures and the document reads send an `ETag`; send it back",
  "as `If-None-Match` and an unchanged answer is a `304` without a body.",
  "",
  "**Offsets** are UTF-16 code units over the document's normalised text.",
].join("\n");

/** The OpenAPI 3.1 document for the given operations. */
export function buildOpenApi(operations: readonly ApiOperation[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op);
  return {
    openapi: "3.1.0",
    info: { title: "Sourcelight API", version, description: API_OVERVIEW },
    servers: [{ url: "/" }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "A personal API token (slt_…).",
        },
        sessionCookie: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
      },
      schemas: { Error: toSchema(errorBodySchema), Pagination: toSchema(paginationSchema) },
    },
  };
}
