import { describe, expect, it } from "vitest";
import {
  isStorableJson,
  isStorableText,
  PG_INT_MAX,
  PG_INT_MIN,
  pgInt,
  pgIntCoerced,
  pgText,
} from "@/lib/domain/input";

describe("isStorableText", () => {
  it("accepts text, surrogate pairs included", () => {
    for (const s of ["", "plain", "emoji \uD83D\uDE00", "accents é ß", "tab\tand\nnewline"])
      expect(isStorableText(s), JSON.stringify(s)).toBe(true);
  });

  it("refuses NUL and lone surrogates wherever they are", () => {
    for (const s of [
      "\u0000",
      "a\u0000",
      "\uD800",
      "a\uD800b",
      "\uDC00",
      "x\uDFFF",
      "\uDC00\uD800",
    ])
      expect(isStorableText(s), JSON.stringify(s)).toBe(false);
  });
});

describe("isStorableJson", () => {
  it("looks into keys, nested values and arrays", () => {
    expect(isStorableJson({ a: ["b", { c: 1, d: null }] })).toBe(true);
    expect(isStorableJson({ a: ["b", { c: "\u0000" }] })).toBe(false);
    expect(isStorableJson({ "k\uD800": 1 })).toBe(false);
    expect(isStorableJson(["\uDC00"])).toBe(false);
  });
});

describe("pgText", () => {
  it("keeps chaining and names the problem", () => {
    const schema = pgText().trim().max(5, "Too long.");
    expect(schema.parse("  ok ")).toBe("ok");
    expect(schema.safeParse("toolong").error?.issues[0]?.message).toBe("Too long.");
    expect(schema.safeParse("a\u0000").error?.issues[0]?.message).toMatch(/cannot be stored/);
  });
});

describe("pgInt", () => {
  it("holds exactly what a 32-bit integer column holds", () => {
    expect(pgInt().parse(PG_INT_MAX)).toBe(PG_INT_MAX);
    expect(pgInt().parse(PG_INT_MIN)).toBe(PG_INT_MIN);
    for (const n of [PG_INT_MAX + 1, PG_INT_MIN - 1, 1e308, 0.5, Number.MAX_SAFE_INTEGER + 2]) {
      const result = pgInt().safeParse(n);
      expect(result.success, String(n)).toBe(false);
      expect(result.error?.issues[0]?.message).toBeTruthy();
    }
  });

  it("coerces text from forms and query strings, within the same range", () => {
    expect(pgIntCoerced().parse("42")).toBe(42);
    expect(pgIntCoerced().safeParse("2147483648").success).toBe(false);
    expect(pgIntCoerced().min(0).safeParse("-1").success).toBe(false);
  });
});
