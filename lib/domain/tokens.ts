import { z } from "zod";
import { pgText } from "./input";

/** Personal API tokens: a recognisable prefix (so leaked tokens are easy to grep for) and 256 random bits. */
export const API_TOKEN_PREFIX = "slt_";

export const TOKEN_SCOPES = ["READ", "READ_WRITE"] as const;
export type TokenScopeName = (typeof TOKEN_SCOPES)[number];

export const createApiTokenSchema = z.object({
  name: pgText({ error: "Give the token a name." })
    .trim()
    .min(1, "Give the token a name.")
    .max(80, "Use at most 80 characters."),
  scope: z.enum(TOKEN_SCOPES, { error: "Choose read or read-write." }),
  // Days until the token stops working; empty means it does not expire.
  expiresInDays: z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : v),
    z.coerce
      .number({ error: "Enter a number of days." })
      .int("Enter a whole number of days.")
      .min(1, "Use at least 1 day.")
      .max(3650, "Use at most 3650 days.")
      .optional(),
  ),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

/** Whether a token of this scope may do what the request needs. */
export function scopeAllows(scope: TokenScopeName, need: "read" | "write"): boolean {
  return need === "read" || scope === "READ_WRITE";
}
