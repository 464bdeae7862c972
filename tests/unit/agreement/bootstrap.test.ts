import { describe, expect, it } from "vitest";
import {
  DEFAULT_BOOTSTRAP_SAMPLES,
  Mulberry32,
  alphaBootstrap,
  countTable,
  krippendorffAlpha,
  reliabilityDataFromUnits,
  type AlphaInterval,
} from "@/lib/domain/agreement";
import { simulatedUnits, valueOf } from "./helpers";

// 400 sentences, 4 annotators, 4 labels, 75% accuracy, 15% missing.
const units = simulatedUnits({
  units: 400,
  coders: 4,
  categories: 4,
  accuracy: 0.75,
  missing: 0.15,
  seed: 7,
});
const data = reliabilityDataFromUnits(units, 4);

function bounds(interval: AlphaInterval): { lower: number; upper: number } {
  if (!interval.defined) throw new Error(interval.reason);
  return { lower: interval.lower, upper: interval.upper };
}

describe("bootstrap interval for alpha", () => {
  it("is reproducible: the same seed gives the same interval", () => {
    const first = alphaBootstrap(data, { seed: 12345 });
    const second = alphaBootstrap(data, { seed: 12345 });
    expect(second).toEqual(first);
    expect(first).toMatchObject({
      defined: true,
      samples: DEFAULT_BOOTSTRAP_SAMPLES,
      seed: 12345,
      level: 0.95,
      undefinedSamples: 0,
    });
  });

  it("changes with the seed", () => {
    expect(bounds(alphaBootstrap(data, { seed: 1 }))).not.toEqual(
      bounds(alphaBootstrap(data, { seed: 2 })),
    );
  });

  it("contains the point estimate and is a sensible width", () => {
    for (const metric of ["nominal", "ordinal", "interval"] as const) {
      const alpha = valueOf(krippendorffAlpha(data, { metric }));
      const { lower, upper } = bounds(alphaBootstrap(data, { metric }));
      expect(lower).toBeLessThan(alpha);
      expect(upper).toBeGreaterThan(alpha);
      expect(upper - lower).toBeGreaterThan(0.01);
      expect(upper - lower).toBeLessThan(0.2);
    }
  });

  it("matches a naive bootstrap that rebuilds every resampled matrix (within Monte Carlo error)", () => {
    // Independent of the library's profile bookkeeping: resample rows, rebuild
    // the data, recompute alpha. Both sides are seeded, so this is deterministic;
    // the tolerance is about four Monte Carlo standard errors at 2,000 samples.
    const pairable = units.filter((row) => row.filter((v) => v !== null).length >= 2);
    const draw = new Mulberry32(2024);
    const estimates: number[] = [];
    for (let s = 0; s < 2000; s++) {
      const resample = pairable.map(
        () => pairable[Math.floor((draw.next() / 2 ** 32) * pairable.length)] ?? [],
      );
      estimates.push(valueOf(krippendorffAlpha(reliabilityDataFromUnits(resample, 4, 4))));
    }
    estimates.sort((a, b) => a - b);
    const at = (p: number): number => {
      const h = (estimates.length - 1) * p;
      const lo = Math.floor(h);
      return (
        (estimates[lo] ?? NaN) + (h - lo) * ((estimates[lo + 1] ?? NaN) - (estimates[lo] ?? NaN))
      );
    };
    const { lower, upper } = bounds(alphaBootstrap(data, { samples: 2000 }));
    expect(Math.abs(lower - at(0.025))).toBeLessThan(0.008);
    expect(Math.abs(upper - at(0.975))).toBeLessThan(0.008);
  });

  it("narrows with a lower confidence level", () => {
    const wide = bounds(alphaBootstrap(data, { level: 0.95 }));
    const narrow = bounds(alphaBootstrap(data, { level: 0.5 }));
    expect(narrow.lower).toBeGreaterThan(wide.lower);
    expect(narrow.upper).toBeLessThan(wide.upper);
  });

  it("depends on the data, not on the order of the units", () => {
    const reversed = reliabilityDataFromUnits([...units].reverse(), 4);
    expect(alphaBootstrap(reversed, { seed: 99, samples: 200 })).toEqual(
      alphaBootstrap(data, { seed: 99, samples: 200 }),
    );
  });

  it("is undefined when alpha is, and drops resamples where alpha is undefined", () => {
    const single = alphaBootstrap(
      countTable([
        [3, 0],
        [2, 0],
      ]),
    );
    expect(single.defined).toBe(false);
    if (!single.defined) expect(single.reason).toMatch(/Alpha itself is undefined/);

    // Two units, one per category: half of all resamples draw the same unit twice.
    const tiny = alphaBootstrap(
      countTable([
        [2, 0],
        [0, 2],
      ]),
      { samples: 500 },
    );
    expect(tiny.defined).toBe(true);
    if (tiny.defined) {
      expect(tiny.undefinedSamples).toBeGreaterThan(150);
      expect(tiny.undefinedSamples).toBeLessThan(350);
      expect(tiny.lower).toBe(1);
      expect(tiny.upper).toBe(1);
    }
  });

  it("throws for options a caller cannot mean", () => {
    expect(() => alphaBootstrap(data, { samples: 0 })).toThrow(RangeError);
    expect(() => alphaBootstrap(data, { level: 1 })).toThrow(RangeError);
    expect(() => alphaBootstrap(data, { seed: -1 })).toThrow(RangeError);
    expect(() => alphaBootstrap(data, { seed: 1.5 })).toThrow(RangeError);
  });
});

describe("Mulberry32", () => {
  it("is deterministic per seed and stays within 32 bits", () => {
    const a = new Mulberry32(42);
    const b = new Mulberry32(42);
    const c = new Mulberry32(43);
    const fromA = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(fromA);
    expect(Array.from({ length: 1000 }, () => c.next())).not.toEqual(fromA);
    for (const x of fromA) {
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(2 ** 32);
    }
    // Roughly uniform: the mean of 1,000 draws is near 2³¹.
    const mean = fromA.reduce((s, x) => s + x, 0) / fromA.length / 2 ** 32;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
