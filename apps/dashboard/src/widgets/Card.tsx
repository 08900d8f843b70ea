import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/**
 * A dashboard card around one query: title, its content once loaded, the error otherwise, and when it was
 * last refreshed.
 */
export function Card<T>({
  title,
  query,
  wide,
  actions,
  children,
}: {
  title: string;
  query: UseQueryResult<T>;
  wide?: boolean;
  actions?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const updated = query.dataUpdatedAt ? new Date(query.dataUpdatedAt).toLocaleTimeString() : null;
  return (
    <section className={wide ? 'card wide' : 'card'} aria-label={title} data-testid={`card-${title}`}>
      <h2>
        {title}
        <small>
          {actions} {query.isFetching ? 'refreshing…' : updated ? `updated ${updated}` : ''}
        </small>
      </h2>
      {query.isError ? (
        <p role="alert">{query.error.message}</p>
      ) : query.data === undefined ? (
        <p className="muted">Loading…</p>
      ) : (
        children(query.data)
      )}
    </section>
  );
}

export function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="stat">
      <b>{value}</b>
      <span>{label}</span>
    </div>
  );
}

export const formatNumber = (n: number) => n.toLocaleString('en-US');
export const formatMoney = (n: number) => n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
