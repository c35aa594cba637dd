/**
 * DKFDS table. Below 768 px each row becomes a block with the column name before each value
 * (table--responsive-headers + data-title), so a phone never scrolls sideways; wide content
 * scrolls inside its own focusable container instead of the page.
 */
import type { ReactNode } from "react";

export interface Column<T> {
  key: string;
  header: ReactNode;
  /** Column name before the value on small screens. */
  title: string;
  render: (row: T) => ReactNode;
  className?: string;
  /** The row header (th scope="row"): usually the name. */
  rowHeader?: boolean;
  /** A sortable column says how the rows are sorted by it now. */
  ariaSort?: "ascending" | "descending" | "none";
}

export function Table<T>({
  caption,
  captionHidden = false,
  columns,
  rows,
  rowKey,
  compact = false,
  rowClassName,
}: {
  caption: string;
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  compact?: boolean;
  rowClassName?: (row: T) => string | undefined;
}) {
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className={`table table--responsive-headers table--zebra${compact ? " table--compact" : ""}`}>
        <caption className={captionHidden ? "sr-only" : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.className} aria-sort={c.ariaSort}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row" data-title={c.title} className={c.className}>
                    {c.render(row)}
                  </th>
                ) : (
                  <td key={c.key} data-title={c.title} className={c.className}>
                    {c.render(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
