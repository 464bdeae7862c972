/**
 * Shared shapes of the agreement library. Everything here is plain data: the
 * results are JSON-serialisable as they are, so the API can return them as is.
 */

/** The value of a coder who did not rate a unit, in a flat reliability matrix. */
export const MISSING = -1;

/**
 * A reliability data matrix: units × coders, each cell a category index or
 * MISSING. Unit-major and flat so that 100,000 × 5 cells are one allocation.
 */
export interface ReliabilityData {
  readonly kind: "matrix";
  readonly unitCount: number;
  readonly coderCount: number;
  readonly categoryCount: number;
  /** values[u * coderCount + c] is coder c's category for unit u, or MISSING. */
  readonly values: Int32Array;
}

/**
 * How many coders put each unit in each category (units × categories). The
 * multi-coder measures (alpha, Fleiss, AC1, percent and specific agreement)
 * need nothing more, so a caller can feed them a `GROUP BY unit, label` query.
 */
export interface CountTable {
  readonly kind: "counts";
  readonly unitCount: number;
  readonly categoryCount: number;
  /** counts[u * categoryCount + k] is how many coders put unit u in category k. */
  readonly counts: Int32Array;
}

export type AgreementInput = ReliabilityData | CountTable;

export interface Undefined {
  readonly defined: false;
  /** Human-readable, shown to project owners as is. */
  readonly reason: string;
}

/**
 * A figure that the data may leave undefined. `Always` holds what is known
 * either way (counts of units and the like), `Extra` what only a defined
 * figure has.
 */
export type Result<Extra extends object = object, Always extends object = object> =
  (Always & Extra & { readonly defined: true; readonly value: number }) | (Always & Undefined);

export function undefinedResult(reason: string): Undefined {
  return { defined: false, reason };
}
