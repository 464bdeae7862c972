import "server-only";
import { sqlPool } from "@/lib/db";
import { classifyOutage, describeOutage } from "@/lib/server/ops/database-outage";
import { version } from "@/package.json";

export type Health =
  | { status: "ok"; db: "ok"; version: string }
  | { status: "error"; db: "unreachable"; reason: string; version: string };

const TIMEOUT_MS = 3_000;

/** The driver's own words: connection failures (AggregateError, errno errors) often carry an empty message. */
function detail(error: unknown): string {
  if (error instanceof AggregateError && error.errors[0] !== undefined)
    return detail(error.errors[0]);
  if (error instanceof Error) {
    const code = "code" in error && typeof error.code === "string" ? error.code : "";
    const line = error.message.split("\n")[0]?.trim();
    return line || code || error.name;
  }
  return "unknown error";
}

/**
 * Whether the database answers, through the pool the app itself uses (so a pool that
 * cannot get a connection shows here too); the reason is in words, with the driver's
 * message after it, and never a URL that could carry a password.
 */
export async function checkHealth(): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sqlPool().query("SELECT 1"),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${TIMEOUT_MS / 1000} seconds`)),
          TIMEOUT_MS,
        );
      }),
    ]);
    return { status: "ok", db: "ok", version };
  } catch (error) {
    const outage = classifyOutage(error);
    const words = outage ? describeOutage(outage) : "the database check failed";
    const reason = `${words} (${detail(error)})`;
    return {
      status: "error",
      db: "unreachable",
      reason: reason.replace(/postgres(ql)?:\/\/\S+/g, "[database URL]"),
      version,
    };
  } finally {
    clearTimeout(timer);
  }
}
