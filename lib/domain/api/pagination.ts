import { z } from "zod";

/**
 * The JSON API's one paging scheme: `?page=1&pageSize=50` in, and beside every
 * list a `pagination` object with the total, so a script knows when to stop
 * (page < pageCount) and how much there is without fetching it all.
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export const pageQuerySchema = z.object({
  page: z.coerce
    .number({ error: "Give the page as a number." })
    .int("Give the page as a whole number.")
    .min(1, "Pages start at 1.")
    .max(100_000, "At most page 100,000.")
    .default(1),
  pageSize: z.coerce
    .number({ error: "Give the page size as a number." })
    .int("Give the page size as a whole number.")
    .min(1, "The page size is at least 1.")
    .max(MAX_PAGE_SIZE, `The page size is at most ${MAX_PAGE_SIZE}.`)
    .default(DEFAULT_PAGE_SIZE),
});
export type PageQuery = z.output<typeof pageQuerySchema>;

/**
 * `?page=` of a paged screen (the documents list, the assignments page): a
 * person who edits the URL badly gets page 1, not an error page; a page past
 * the end is simply empty.
 */
export const screenPageSchema = z.coerce.number().int().min(1).max(100_000).catch(1).default(1);

export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

export function pagination(total: number, query: PageQuery): Pagination {
  return {
    page: query.page,
    pageSize: query.pageSize,
    total,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
  };
}

/** One page of a list that is already in memory (lists bounded by their nature: members, a thread). */
export function pageOf<T>(
  items: readonly T[],
  query: PageQuery,
): { items: T[]; pagination: Pagination } {
  const start = (query.page - 1) * query.pageSize;
  return {
    items: items.slice(start, start + query.pageSize),
    pagination: pagination(items.length, query),
  };
}
