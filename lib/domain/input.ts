import { z } from "zod";

/*
 * What PostgreSQL can store, as zod building blocks for every input schema.
 * A value the column cannot hold must be refused by the schema with a message
 * (a 4xx), not by the database (a 500): an `Int` column is 32 bits, and a
 * `text` or `jsonb` value may not contain NUL. Lone UTF-16 surrogates are
 * refused too: they are not text, and they turn into U+FFFD (or an error) on
 * their way to UTF-8, so what was stored would not be what was sent.
 */

/** The range of a Prisma `Int` (PostgreSQL `integer`). */
export const PG_INT_MIN = -2_147_483_648;
export const PG_INT_MAX = 2_147_483_647;

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store this string as sent. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

export const UNSTORABLE_TEXT_MESSAGE =
  "The text contains a character that cannot be stored (a NUL or an unpaired surrogate).";

/** `z.string()` that refuses NUL and lone surrogates; chain `.trim()`, `.max()`… as usual. */
export function pgText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(isStorableText, { message: UNSTORABLE_TEXT_MESSAGE });
}

const outOfRange = (issue: { input?: unknown }) =>
  `The number ${String(issue.input)} is out of range.`;

/** A whole number an `Int` column can hold; chain `.min()`/`.max()` for the field's own bounds. */
export function pgInt(params?: Parameters<typeof z.number>[0]) {
  return z
    .number(params)
    .int({ error: (issue) => `Use a whole number, not ${String(issue.input)}.` })
    .min(PG_INT_MIN, { error: outOfRange })
    .max(PG_INT_MAX, { error: outOfRange });
}

/** pgInt for form fields and query strings, which arrive as text. */
export function pgIntCoerced(params?: Parameters<typeof z.coerce.number>[0]) {
  return z.coerce
    .number(params)
    .int({ error: (issue) => `Use a whole number, not ${String(issue.input)}.` })
    .min(PG_INT_MIN, { error: outOfRange })
    .max(PG_INT_MAX, { error: outOfRange });
}

/** isStorableText for every key and string inside a JSON value (a `jsonb` column refuses NUL too). */
export function isStorableJson(value: unknown): boolean {
  if (typeof value === "string") return isStorableText(value);
  if (Array.isArray(value)) return value.every(isStorableJson);
  if (value !== null && typeof value === "object")
    return Object.entries(value).every(([k, v]) => isStorableText(k) && isStorableJson(v));
  return true;
}
