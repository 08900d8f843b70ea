import { useState, type ReactNode } from 'react';
import { downloadCsv } from './csv';
import { formatNumber } from './format';

export interface Column<R> {
  key: string;
  label: string;
  /** The cell's value for sorting and CSV. */
  value: (row: R) => string | number | null;
  /** How the cell looks; the value when absent. */
  render?: (row: R) => ReactNode;
  numeric?: boolean;
  sortable?: boolean;
}

export type SortOrder = 'asc' | 'desc';
export interface SortState {
  key: string;
  order: SortOrder;
}

export interface Paging {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

/** Sorts rows by a column (a copy; nulls last). */
export function sortRows<R>(rows: R[], columns: Array<Column<R>>, sort: SortState | undefined): R[] {
  const column = sort && columns.find((c) => c.key === sort.key);
  if (!column || !sort) return rows;
  const factor = sort.order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * factor;
  });
}

/**
 * A table with sortable headers (buttons, announced through aria-sort), pages and CSV export of the whole result
 * (`exportRows` fetches every page when the table shows one).
 */
export function DataTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  sort,
  onSort,
  paging,
  exportName,
  exportRows,
  empty = 'Nothing to show.',
}: {
  caption: string;
  columns: Array<Column<R>>;
  rows: R[];
  rowKey: (row: R) => string | number;
  sort?: SortState;
  onSort?: (sort: SortState) => void;
  paging?: Paging;
  exportName?: string;
  exportRows?: () => Promise<R[]>;
  empty?: ReactNode;
}) {
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const pages = paging ? Math.max(1, Math.ceil(paging.total / paging.pageSize)) : 1;

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await downloadCsv(`${exportName}.csv`, columns, exportRows ? await exportRows() : rows);
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(false);
    }
  };

  const header = (c: Column<R>) => {
    if (!onSort || c.sortable === false) return c.label;
    const active = sort?.key === c.key;
    const next: SortOrder = active && sort?.order === 'desc' ? 'asc' : 'desc';
    return (
      <button type="button" className="sort" onClick={() => onSort({ key: c.key, order: next })}>
        {c.label}
        <span aria-hidden="true">{active ? (sort?.order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    );
  };

  return (
    <div className="table-block">
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={sort?.key === c.key ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {header(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="muted">
                  {empty}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((c) => (
                    <td key={c.key} className={c.numeric ? 'num' : undefined}>
                      {c.render ? c.render(row) : c.value(row)}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {(paging || exportName) && (
        <div className="table-foot">
          {paging && (
            <nav aria-label={`${caption} pages`} className="pager">
              <button
                type="button"
                onClick={() => paging.onPage(paging.page - 1)}
                disabled={paging.page <= 1}
                aria-label="Previous page"
              >
                ‹
              </button>
              <span>
                Page {paging.page} of {pages} · {formatNumber(paging.total)} rows
              </span>
              <button
                type="button"
                onClick={() => paging.onPage(paging.page + 1)}
                disabled={paging.page >= pages}
                aria-label="Next page"
              >
                ›
              </button>
            </nav>
          )}
          {exportName && (
            <button type="button" onClick={() => void exportCsv()} disabled={exporting}>
              {exporting ? 'Exporting…' : 'Export CSV'}
            </button>
          )}
          {exportError && <p role="alert">Export failed: {exportError}</p>}
        </div>
      )}
    </div>
  );
}
