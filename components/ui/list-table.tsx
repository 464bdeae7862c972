import { Children, type ReactNode } from "react";

/**
 * The plain list table of the account and admin pages: a hidden caption for
 * screen readers, a header row of column names, and the caller's rows. When
 * there are no rows, one row spanning every column says so.
 */
export function ListTable(props: {
  caption: string;
  columns: readonly string[];
  empty?: string;
  className?: string;
  children?: ReactNode;
}) {
  const rows = Children.toArray(props.children);
  return (
    <table className={`w-full text-left text-sm ${props.className ?? ""}`}>
      <caption className="sr-only">{props.caption}</caption>
      <thead className="border-b border-stone-200 text-xs text-stone-500">
        <tr>
          {props.columns.map((name) => (
            <th key={name} scope="col" className="py-2">
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows}
        {rows.length === 0 && props.empty ? (
          <tr>
            <td colSpan={props.columns.length} className="py-4 text-stone-500">
              {props.empty}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
