import { describe, expect, it } from "vitest";
import { pageOf, pageQuerySchema, pagination } from "@/lib/domain/api/pagination";

describe("the API's paging", () => {
  it("defaults to page 1 of 50 and reads the query's text", () => {
    expect(pageQuerySchema.parse({})).toEqual({ page: 1, pageSize: 50 });
    expect(pageQuerySchema.parse({ page: "3", pageSize: "20" })).toEqual({ page: 3, pageSize: 20 });
  });

  it("refuses pages and sizes out of range, naming the field", () => {
    for (const [input, field] of [
      [{ page: "0" }, "page"],
      [{ page: "1.5" }, "page"],
      [{ page: "x" }, "page"],
      [{ pageSize: "201" }, "pageSize"],
      [{ pageSize: "0" }, "pageSize"],
    ] as const) {
      const result = pageQuerySchema.safeParse(input);
      expect(result.success, JSON.stringify(input)).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual([field]);
    }
  });

  it("gives one page of a list with the total, and an empty page past the end", () => {
    const items = Array.from({ length: 7 }, (_, i) => i);
    expect(pageOf(items, { page: 2, pageSize: 3 })).toEqual({
      items: [3, 4, 5],
      pagination: { page: 2, pageSize: 3, total: 7, pageCount: 3 },
    });
    expect(pageOf(items, { page: 4, pageSize: 3 }).items).toEqual([]);
    expect(pagination(0, { page: 1, pageSize: 50 }).pageCount).toBe(1);
  });
});
