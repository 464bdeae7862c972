import Link from "next/link";

/**
 * Previous / "Page n of m" / Next under a paged list, nothing when it fits on
 * one page. From a page past the end (an edited URL, or the last rows of the
 * last page removed), Previous leads to the last page that has rows.
 */
export function Pager(props: { page: number; pageCount: number; href: (page: number) => string }) {
  const { page, pageCount, href } = props;
  if (pageCount <= 1 && page <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
      {page > 1 ? (
        <Link
          href={href(Math.min(page - 1, pageCount))}
          className="text-sky-800 hover:underline"
          rel="prev"
        >
          ← Previous
        </Link>
      ) : null}
      <span aria-current="page">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className="text-sky-800 hover:underline" rel="next">
          Next →
        </Link>
      ) : null}
    </nav>
  );
}
