import type { SortOrder } from '@league/contracts';
import { useUrlState } from '../settings/url-state';
import type { Column, SortState } from './DataTable';

/**
 * The order of a table the API sorts (`?sort=&order=`), kept in the URL as `<prefix>sort` and `<prefix>order`:
 * the table's sort state, the handler that changes it (back to the first page, `pageParam`), the query parameters
 * to send, and the columns with only those the API can sort by marked sortable.
 */
export function useServerSort<R, K extends string>(
  columns: Array<Column<R>>,
  keys: readonly K[],
  fallback: { key: K; order: SortOrder },
  { prefix = '', pageParam = 'page' }: { prefix?: string; pageParam?: string } = {},
) {
  const sortParam = `${prefix}sort`;
  const orderParam = `${prefix}order`;
  const [state, setState] = useUrlState<Record<string, string>>({
    [sortParam]: fallback.key,
    [orderParam]: fallback.order,
    [pageParam]: '1',
  });
  const allowed = keys as readonly string[];
  const key = allowed.includes(state[sortParam]) ? (state[sortParam] as K) : fallback.key;
  const order: SortOrder = state[orderParam] === 'asc' ? 'asc' : 'desc';
  return {
    sort: { key, order } satisfies SortState,
    onSort: (next: SortState) => setState({ [sortParam]: next.key, [orderParam]: next.order, [pageParam]: '1' }),
    params: { sort: key, order },
    columns: columns.map((c) => ({ ...c, sortable: allowed.includes(c.key) })),
  };
}
