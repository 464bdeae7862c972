/** A page's searchParams as Next passes them: a key may repeat (`?page=2&page=3`). */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a repeated query parameter, which is the one a screen reads. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
