import { MISSING, type AgreementInput, type CountTable, type ReliabilityData } from "./types";

/*
 * Builders and conversions for the two input shapes. Malformed input (a
 * category outside the category list, a wrong length, a coder rating a unit
 * twice) is a bug in the caller, not a property of the data, so it throws.
 */

function assertCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

function assertCategory(value: number, categoryCount: number, where: string): void {
  if (!Number.isInteger(value) || value < 0 || value >= categoryCount) {
    throw new RangeError(`${where}: category ${value} is outside 0..${categoryCount - 1}`);
  }
}

/** Wraps a flat unit-major matrix (MISSING for no value) after checking it. */
export function reliabilityData(
  values: ArrayLike<number>,
  dims: { readonly coderCount: number; readonly categoryCount: number },
): ReliabilityData {
  const { coderCount, categoryCount } = dims;
  assertCount("coderCount", coderCount, 1);
  assertCount("categoryCount", categoryCount, 1);
  if (values.length % coderCount !== 0) {
    throw new RangeError(
      `values has ${values.length} cells, not a multiple of coderCount ${coderCount}`,
    );
  }
  const copy = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? MISSING;
    if (v !== MISSING) {
      assertCategory(
        v,
        categoryCount,
        `unit ${Math.floor(i / coderCount)}, coder ${i % coderCount}`,
      );
    }
    copy[i] = v;
  }
  return {
    kind: "matrix",
    unitCount: copy.length / coderCount,
    coderCount,
    categoryCount,
    values: copy,
  };
}

/**
 * One row per unit, one column per coder, null for no value. Rows may be
 * shorter than coderCount (the missing tail is no value); coderCount defaults
 * to the longest row.
 */
export function reliabilityDataFromUnits(
  units: ReadonlyArray<ReadonlyArray<number | null>>,
  categoryCount: number,
  coderCount?: number,
): ReliabilityData {
  const coders = coderCount ?? Math.max(1, ...units.map((row) => row.length));
  assertCount("coderCount", coders, 1);
  assertCount("categoryCount", categoryCount, 1);
  const values = new Int32Array(units.length * coders).fill(MISSING);
  units.forEach((row, u) => {
    if (row.length > coders) {
      throw new RangeError(`unit ${u} has ${row.length} values but coderCount is ${coders}`);
    }
    row.forEach((v, c) => {
      if (v === null) return;
      assertCategory(v, categoryCount, `unit ${u}, coder ${c}`);
      values[u * coders + c] = v;
    });
  });
  return { kind: "matrix", unitCount: units.length, coderCount: coders, categoryCount, values };
}

/**
 * One row per coder, one column per unit: the layout of Krippendorff's papers
 * and of most published examples.
 */
export function reliabilityDataFromCoders(
  coders: ReadonlyArray<ReadonlyArray<number | null>>,
  categoryCount: number,
): ReliabilityData {
  const unitCount = Math.max(0, ...coders.map((row) => row.length));
  const units = Array.from({ length: unitCount }, (_, u) => coders.map((row) => row[u] ?? null));
  return reliabilityDataFromUnits(units, categoryCount, Math.max(1, coders.length));
}

/**
 * Collects (unit, coder, category) rows, e.g. straight from a database
 * cursor, into a reliability matrix without an intermediate array of rows.
 *
 * Rows of one unit must be consecutive (ORDER BY the unit): the builder then
 * needs no map from unit key to row. A key that comes back after another unit
 * throws rather than silently splitting one unit into two, which would change
 * every figure.
 */
export class ReliabilityDataBuilder {
  readonly coderCount: number;
  readonly categoryCount: number;
  private values: Int32Array;
  private readonly keys: Array<string | number> = [];
  private readonly closed = new Set<string | number>();

  constructor(dims: { readonly coderCount: number; readonly categoryCount: number }) {
    assertCount("coderCount", dims.coderCount, 1);
    assertCount("categoryCount", dims.categoryCount, 1);
    this.coderCount = dims.coderCount;
    this.categoryCount = dims.categoryCount;
    this.values = new Int32Array(1024 * dims.coderCount).fill(MISSING);
  }

  add(unitKey: string | number, coder: number, category: number): this {
    const lastKey = this.keys[this.keys.length - 1];
    if (lastKey !== unitKey) {
      if (this.closed.has(unitKey)) {
        throw new Error(
          `unit ${String(unitKey)} appears again after other units: order rows by unit`,
        );
      }
      if (lastKey !== undefined) this.closed.add(lastKey);
      this.keys.push(unitKey);
      this.grow();
    }
    if (!Number.isInteger(coder) || coder < 0 || coder >= this.coderCount) {
      throw new RangeError(`coder ${coder} is outside 0..${this.coderCount - 1}`);
    }
    assertCategory(category, this.categoryCount, `unit ${String(unitKey)}, coder ${coder}`);
    const cell = (this.keys.length - 1) * this.coderCount + coder;
    if (this.values[cell] !== MISSING) {
      throw new Error(`coder ${coder} rated unit ${String(unitKey)} twice`);
    }
    this.values[cell] = category;
    return this;
  }

  /** The unit keys in row order, to map per-unit results back to units. */
  get unitKeys(): ReadonlyArray<string | number> {
    return this.keys;
  }

  build(): ReliabilityData {
    const unitCount = this.keys.length;
    return {
      kind: "matrix",
      unitCount,
      coderCount: this.coderCount,
      categoryCount: this.categoryCount,
      values: this.values.slice(0, unitCount * this.coderCount),
    };
  }

  private grow(): void {
    const needed = this.keys.length * this.coderCount;
    if (needed <= this.values.length) return;
    const next = new Int32Array(this.values.length * 2).fill(MISSING);
    next.set(this.values);
    this.values = next;
  }
}

/** Subjects × categories counts, as in Fleiss (1971) and most kappa examples. */
export function countTable(
  rows: ReadonlyArray<ReadonlyArray<number>>,
  categoryCount?: number,
): CountTable {
  const k = categoryCount ?? rows[0]?.length ?? 0;
  assertCount("categoryCount", k, 1);
  const counts = new Int32Array(rows.length * k);
  rows.forEach((row, u) => {
    if (row.length !== k) {
      throw new RangeError(`unit ${u} has ${row.length} counts, expected ${k}`);
    }
    row.forEach((n, c) => {
      assertCount(`count of unit ${u}, category ${c}`, n, 0);
      counts[u * k + c] = n;
    });
  });
  return { kind: "counts", unitCount: rows.length, categoryCount: k, counts };
}

/** Throws unless the declared sizes match the arrays. */
export function checkShape(input: AgreementInput): void {
  assertCount("categoryCount", input.categoryCount, 1);
  assertCount("unitCount", input.unitCount, 0);
  if (input.kind === "matrix") {
    assertCount("coderCount", input.coderCount, 1);
    if (input.values.length !== input.unitCount * input.coderCount) {
      throw new RangeError(
        `values has ${input.values.length} cells, expected ${input.unitCount} × ${input.coderCount}`,
      );
    }
  } else if (input.counts.length !== input.unitCount * input.categoryCount) {
    throw new RangeError(
      `counts has ${input.counts.length} cells, expected ${input.unitCount} × ${input.categoryCount}`,
    );
  }
}

/**
 * The count table of either input, checked. Input built by hand rather than by
 * the functions above is validated here, in the same pass that counts.
 */
export function toCountTable(input: AgreementInput): CountTable {
  checkShape(input);
  if (input.kind === "counts") {
    const { counts } = input;
    for (let i = 0; i < counts.length; i++) {
      if ((counts[i] ?? 0) < 0) {
        throw new RangeError(`count ${counts[i]} at cell ${i} is negative`);
      }
    }
    return input;
  }
  const { unitCount, coderCount, categoryCount, values } = input;
  const counts = new Int32Array(unitCount * categoryCount);
  for (let u = 0; u < unitCount; u++) {
    const row = u * coderCount;
    for (let c = 0; c < coderCount; c++) {
      const v = values[row + c] ?? MISSING;
      if (v === MISSING) continue;
      if (v < 0 || v >= categoryCount) {
        throw new RangeError(
          `unit ${u}, coder ${c}: category ${v} is outside 0..${categoryCount - 1}`,
        );
      }
      const cell = u * categoryCount + v;
      counts[cell] = (counts[cell] ?? 0) + 1;
    }
  }
  return { kind: "counts", unitCount, categoryCount, counts };
}

/** How many values each unit has. */
export function unitTotals(table: CountTable): Int32Array {
  const { unitCount, categoryCount, counts } = table;
  const totals = new Int32Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    let m = 0;
    const row = u * categoryCount;
    for (let k = 0; k < categoryCount; k++) m += counts[row + k] ?? 0;
    totals[u] = m;
  }
  return totals;
}
