import "server-only";
import { unstable_rethrow } from "next/navigation";
import { requireUser } from "@/lib/auth";
import type { Actor } from "@/lib/server/actor";
import { failure, type ActionResult } from "@/lib/server/results";

/**
 * The body of every server action: server actions are public POST endpoints,
 * so each one resolves who is asking before anything else, and no error —
 * expected (AppError) or not — reaches the browser as anything but a safe
 * ActionResult. Next's own control-flow throws (redirect, notFound) pass
 * through, or they would be reported as failures.
 */
export async function asUser<T>(
  run: (actor: Actor) => Promise<T>,
  values?: Record<string, string>,
): Promise<ActionResult<T>> {
  try {
    const actor = await requireUser();
    return { ok: true, data: await run(actor) };
  } catch (error) {
    unstable_rethrow(error);
    return values ? { ...failure(error), values } : failure(error);
  }
}
