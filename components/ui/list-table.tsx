import { Children, type ReactNode } from "react";

/** A column heading; a bare string is a plain left-aligned heading. */
export interface ListColumn {
  name: string;
  /** Right-aligned, for numbers. */
  numeric?: boolean;
  /** Named for screen readers only, e.g. the corner of a cross-table whose rows have headers. */
  hidden?: boolean;
  /** Extra classes for this heading, e.g. the padding of the cells below it. */
  className?: string;
}

/**
 * The one table of the app: a caption (for screen readers unless shown), a
 * header row of column names, and the caller's rows. When there are no rows,
 * one row spanning every column says so. Tables without a caption take their
 * name from `label` or from the heading that labels their region.
 */
export function ListTable(props: {
  caption?: string;
  /** Show the caption as the table's title instead of keeping it for screen readers. */
  captionVisible?: boolean;
  captionId?: string;
  label?: string;
  columns: ReadonlyArray<string | ListColumn>;
  empty?: string;
  /** "auto" lets the table be as wide as its content. */
  width?: "full" | "auto";
  className?: string;
  /** The header row's look; the account and admin pages' look by default. */
  headClassName?: string;
  /** Padding and type of every heading, to line up with the caller's cells. */
  cellClassName?: string;
  children?: ReactNode;
}) {
  const rows = Children.toArray(props.children);
  const columns = props.columns.map((c) => (typeof c === "string" ? { name: c } : c));
  const cell = props.cellClassName ?? "py-2";
  return (
    <table
      aria-label={props.label}
      className={`${props.width === "auto" ? "" : "w-full"} text-left text-sm ${props.className ?? ""}`}
    >
      {props.caption ? (
        <caption
          id={props.captionId}
          className={props.captionVisible ? "mb-1 text-left font-semibold" : "sr-only"}
        >
          {props.caption}
        </caption>
      ) : null}
      <thead className={props.headClassName ?? "border-b border-stone-200 text-xs text-stone-500"}>
        <tr>
          {columns.map((c, i) => (
            <th
              key={`${i}:${c.name}`}
              scope="col"
              className={`${cell} ${c.numeric ? "text-right" : ""} ${c.className ?? ""}`}
            >
              {c.hidden ? <span className="sr-only">{c.name}</span> : c.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows}
        {rows.length === 0 && props.empty ? (
          <tr>
            <td
              colSpan={columns.length}
              className={`${props.cellClassName ?? "py-4"} text-stone-500`}
            >
              {props.empty}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
