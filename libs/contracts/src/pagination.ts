/** Every paginated list: 1-based page, its size, and the total number of items. */
export interface Page<T> {
  items: T[];
  page: number;
  page_size: number;
  total: number;
}
