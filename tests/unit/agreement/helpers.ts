import { expect } from "vitest";
import type { Result, Undefined } from "@/lib/domain/agreement";

/** The value of a defined result; fails the test with the reason otherwise. */
export function valueOf(result: Result): number {
  if (!result.defined) throw new Error(`expected a defined result, got: ${result.reason}`);
  return result.value;
}

/** Published fractions are compared at 1e-9, not against their rounded decimals. */
export function expectExact(result: Result, expected: number): void {
  expect(valueOf(result)).toBeCloseTo(expected, 9);
}

export function expectUndefined(
  result: { readonly defined: true } | Undefined,
  reason: RegExp,
): void {
  expect(result.defined).toBe(false);
  if (!result.defined) expect(result.reason).toMatch(reason);
}

/**
 * A coder's row as printed in Krippendorff's papers: values separated by
 * spaces, "." for no value; categories are the 1-based values shifted to 0.
 */
export function paperRow(row: string): Array<number | null> {
  return row.split(" ").map((cell) => (cell === "." ? null : Number(cell) - 1));
}

/** Rows of letters ("a b c") as category indices a = 0, b = 1, … */
export function letterRow(row: string): number[] {
  return row.split(" ").map((cell) => cell.charCodeAt(0) - "a".charCodeAt(0));
}

/**
 * A reproducible, realistic annotation set: every unit has a true category
 * and each coder reports it with probability `accuracy`, else a random one.
 */
export function simulatedUnits(options: {
  units: number;
  coders: number;
  categories: number;
  accuracy: number;
  missing: number;
  seed: number;
}): Array<Array<number | null>> {
  let state = options.seed >>> 0;
  const random = (): number => {
    // mulberry32, kept separate from the library's so the test data does not
    // change if the library's generator does.
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (): number => Math.floor(random() * options.categories);
  return Array.from({ length: options.units }, () => {
    const truth = pick();
    return Array.from({ length: options.coders }, () => {
      if (random() < options.missing) return null;
      return random() < options.accuracy ? truth : pick();
    });
  });
}
