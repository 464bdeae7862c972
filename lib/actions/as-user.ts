import "server-only";
import { unstable_rethrow } from "next/navigation";
import { requireUser } from "@/lib/auth";
import type { Actor } from "@/lib/server/actor";
import { failure, type ActionResult } from "@/lib/server/results";

/*
 * The one pattern for server actions. Each action lives in a "use server"
 * file in lib/actions/<area>.ts, reads its arguments, and hands its body to a
 * wrapper here that calls one lib/server function:
 *   asUser(actor => …, values?)  — nearly every action: the signed-in user first;
 *   asUserOr(actor => …, refuse) — the same, for a reply that is not an
 *                                  ActionResult (the annotation save's SaveReply);
 *   asAnyone(() => …, values?, explain?) — sign-in, first-run setup and invite
 *                                  acceptance, which run before there is a user.
 * All three share guarded(): no error reaches the browser as anything but a
 * safe reply, and Next's own control-flow throws (redirect, notFound) pass
 * through, or they would be reported as failures — so revalidatePath and
 * redirect go inside the body, after the work they follow. The two plain form
 * actions that only ever redirect (SSO sign-in, sign-out) need no wrapper.
 */

async function guarded<T, R>(
  run: () => Promise<T>,
  refuse: (error: unknown) => R,
): Promise<{ ok: true; data: T } | R> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    unstable_rethrow(error);
    return refuse(error);
  }
}

function refusal(error: unknown, values?: Record<string, string>, message?: string) {
  const base = message ? { ok: false as const, message, fieldErrors: {} } : failure(error);
  return values ? { ...base, values } : base;
}

/**
 * The body of every server action: server actions are public POST endpoints,
 * so each one resolves who is asking before anything else. `values` are the
 * typed form fields handed back on failure so a refused form loses nothing.
 */
export async function asUser(
  run: (actor: Actor) => Promise<void>,
  values?: Record<string, string>,
): Promise<ActionResult>;
export async function asUser<T>(
  run: (actor: Actor) => Promise<T>,
  values?: Record<string, string>,
): Promise<ActionResult<T>>;
export async function asUser<T>(
  run: (actor: Actor) => Promise<T>,
  values?: Record<string, string>,
): Promise<ActionResult<T>> {
  return guarded(
    async () => run(await requireUser()),
    (error) => refusal(error, values),
  );
}

/** asUser for an action whose failure reply has its own shape, built by `refuse`. */
export async function asUserOr<T, R>(
  run: (actor: Actor) => Promise<T>,
  refuse: (error: unknown) => R,
): Promise<{ ok: true; data: T } | R> {
  return guarded(async () => run(await requireUser()), refuse);
}

/**
 * For the few actions that are public by design (no user exists yet).
 * `explain` may name a safe message for an error that is not an AppError.
 */
export async function asAnyone(
  run: () => Promise<void>,
  values?: Record<string, string>,
  explain?: (error: unknown) => string | undefined,
): Promise<ActionResult>;
export async function asAnyone<T>(
  run: () => Promise<T>,
  values?: Record<string, string>,
  explain?: (error: unknown) => string | undefined,
): Promise<ActionResult<T>>;
export async function asAnyone<T>(
  run: () => Promise<T>,
  values?: Record<string, string>,
  explain?: (error: unknown) => string | undefined,
): Promise<ActionResult<T>> {
  return guarded(run, (error) => refusal(error, values, explain?.(error)));
}
