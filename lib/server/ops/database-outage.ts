import "server-only";
import { AppError, RETRY_AFTER_SECONDS } from "@/lib/domain/errors";

export { RETRY_AFTER_SECONDS };

// What the pg driver, pg-pool, @prisma/adapter-pg and Prisma call a database that is not
// there, not answering, or not accepting us right now: all of them pass once it is back.
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);
const POSTGRES_CODES: Record<string, Outage> = {
  "57P01": "restarting", // admin_shutdown: the server is stopping or was restarted
  "57P02": "restarting", // crash_shutdown
  "57P03": "restarting", // cannot_connect_now: starting up or in recovery
  "53300": "busy", // too_many_connections
  "57014": "slow", // query_canceled: our statement_timeout
};
const ADAPTER_KINDS: Record<string, Outage> = {
  DatabaseNotReachable: "unreachable",
  ConnectionClosed: "unreachable",
  SocketTimeout: "slow",
  TooManyConnections: "busy",
};
const PRISMA_CODES: Record<string, Outage> = {
  P1001: "unreachable",
  P1002: "slow",
  P1008: "slow",
  P1017: "unreachable",
  P2024: "busy",
};
const MESSAGES: Array<[RegExp, Outage]> = [
  [/timeout exceeded when trying to connect/i, "busy"],
  [/connection terminated/i, "unreachable"],
  [/can't reach database server/i, "unreachable"],
  [/the database system is (starting up|shutting down|in recovery mode)/i, "restarting"],
];

export type Outage = "unreachable" | "restarting" | "busy" | "slow";

const DESCRIPTIONS: Record<Outage, string> = {
  unreachable: "the database server cannot be reached",
  restarting: "the database server is restarting",
  busy: "no database connection became free in time",
  slow: "the database did not answer in time",
};

/** What kind of outage `error` reports, or null when it is something else (a bug, bad input). */
export function classifyOutage(error: unknown, depth = 0): Outage | null {
  if (depth > 5 || typeof error !== "object" || error === null) return null;
  const code = "code" in error && typeof error.code === "string" ? error.code : "";
  if (NETWORK_CODES.has(code)) return "unreachable";
  const known = POSTGRES_CODES[code] ?? PRISMA_CODES[code];
  if (known) return known;
  if ("kind" in error && typeof error.kind === "string") {
    const kind = ADAPTER_KINDS[error.kind];
    if (kind) return kind;
  }
  if (error instanceof Error) {
    for (const [pattern, outage] of MESSAGES) if (pattern.test(error.message)) return outage;
  }
  const nested: unknown[] = [];
  if ("cause" in error) nested.push(error.cause);
  if ("meta" in error && typeof error.meta === "object" && error.meta !== null) {
    nested.push(Reflect.get(error.meta, "driverAdapterError"));
  }
  if (error instanceof AggregateError) {
    const errors: unknown[] = error.errors;
    nested.push(...errors);
  }
  for (const inner of nested) {
    const found = classifyOutage(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The outage in words, for /api/health and the logs: never a code like "P2010". */
export function describeOutage(outage: Outage): string {
  return DESCRIPTIONS[outage];
}

/**
 * The AppError to answer with when `error` means the database is away for now (503 with
 * Retry-After), or null. Nothing was written: every user action is one transaction.
 */
export function outageError(error: unknown): AppError | null {
  const outage = classifyOutage(error);
  if (!outage) return null;
  return new AppError(
    "UNAVAILABLE",
    `The server cannot save or load anything right now: ${describeOutage(outage)}. Nothing was changed; try again in a few seconds.`,
  );
}
