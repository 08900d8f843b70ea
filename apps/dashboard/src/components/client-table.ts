import { useUrlState } from '../settings/url-state';
import { sortRows, type Column, type Paging, type SortOrder, type SortState } from './DataTable';

/** Sorting and paging of a complete list in the browser, with its state in the URL under `prefix`. */
export function useClientTable<R>(
  all: R[],
  columns: Array<Column<R>>,
  options: { prefix: string; sort: SortState; pageSize?: number },
): { rows: R[]; sort: SortState; onSort: (sort: SortState) => void; paging: Paging } {
  const pageSize = options.pageSize ?? 10;
  const [state, setState] = useUrlState(
    { sort: options.sort.key, order: options.sort.order as string, page: '1' },
    options.prefix,
  );
  const sort: SortState = { key: state.sort, order: state.order === 'asc' ? 'asc' : 'desc' };
  const pages = Math.max(1, Math.ceil(all.length / pageSize));
  const page = Math.min(pages, Math.max(1, Number(state.page) || 1));
  return {
    rows: sortRows(all, columns, sort).slice((page - 1) * pageSize, page * pageSize),
    sort,
    onSort: (next) => setState({ sort: next.key, order: next.order as SortOrder, page: '1' }),
    paging: { page, pageSize, total: all.length, onPage: (p) => setState({ page: String(p) }) },
  };
}
