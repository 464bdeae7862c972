import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/domain/errors";

/** Parses input with its schema; failures become one VALIDATION AppError with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = result.error.issues[0]?.message ?? "The input is not valid.";
  throw new AppError("VALIDATION", first, fieldErrors);
}
