import "server-only";
import { db } from "@/lib/db";
import { version } from "@/package.json";

export type Health =
  | { status: "ok"; db: "ok"; version: string }
  | { status: "error"; db: "unreachable"; reason: string; version: string };

const TIMEOUT_MS = 3_000;

/** A one-line reason; connection failures (AggregateError, errno errors) often carry an empty message. */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors[0] !== undefined)
    return describe(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const line = error.message.split("\n")[0]?.trim();
    return line || code || error.name;
  }
  return "unknown error";
}

export async function checkHealth(): Promise<Health> {
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS),
      ),
    ]);
    return { status: "ok", db: "ok", version };
  } catch (error) {
    const reason = describe(error);
    // The driver's message names host and port at most; strip any URL that could carry a password.
    return {
      status: "error",
      db: "unreachable",
      reason: reason.replace(/postgres(ql)?:\/\/\S+/g, "[database URL]"),
      version,
    };
  }
}
