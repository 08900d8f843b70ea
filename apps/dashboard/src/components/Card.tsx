import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { Link } from 'react-router';
import { serverTimeOf } from '../api/client';
import { useRefresh } from '../settings/refresh';
import { formatAge, useNow } from './age';
import { formatDate, useLocalDates } from './LocalTime';
import { Skeleton } from './Skeleton';

export interface CardProps<T> {
  title: string;
  query: UseQueryResult<T>;
  /** The card's detail page, relative to the dashboard root (`alerts`). */
  to?: string;
  wide?: boolean;
  /** Pickers and buttons, shown under the heading. */
  actions?: ReactNode;
  /** What to show instead of the content when the data is empty. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

function DataAge({ updatedAt, failed }: { updatedAt: number; failed: boolean }) {
  const now = useNow();
  const local = useLocalDates();
  const { refetchInterval } = useRefresh();
  if (!updatedAt) return null;
  const age = now - updatedAt;
  const stale = failed || (refetchInterval !== false && age > 2 * refetchInterval + 5_000);
  return (
    // The age differs by a second or so between the server's rendering and the browser's: the browser's text wins.
    <span className={stale ? 'age stale' : 'age'} title={formatDate(updatedAt, local)} suppressHydrationWarning>
      {stale ? 'stale · ' : ''}
      {formatAge(age)}
    </span>
  );
}

/** The server's time for the data on screen (its Server-Timing), e.g. "· 12 ms". */
function ServerTime({ data }: { data: unknown }) {
  const ms = serverTimeOf(data);
  if (ms === undefined) return null;
  return (
    <span className="server-time" title="Server time for this data (Server-Timing)">
      {' · '}
      {ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms
    </span>
  );
}

function CardBody<T>({ query, isEmpty, empty, children }: Omit<CardProps<T>, 'title' | 'to' | 'wide' | 'actions'>) {
  if (query.data === undefined) {
    if (query.isError) return <p role="alert">{query.error.message}</p>;
    return <Skeleton />;
  }
  return (
    <>
      {query.isError && (
        <p role="alert" className="banner">
          Refresh failed: {query.error.message}. Showing the last data.
        </p>
      )}
      {isEmpty?.(query.data) ? <div className="muted">{empty}</div> : children(query.data)}
    </>
  );
}

/**
 * A dashboard card around one query: title (linking to its page), its data's age, the content once loaded (a
 * skeleton before), and on a failed refresh the last data under an error banner. A rendering error stays inside
 * the card.
 */
export function Card<T>({ title, query, to, wide, actions, ...body }: CardProps<T>) {
  return (
    <section className={wide ? 'card wide' : 'card'} aria-label={title} data-testid={`card-${title}`}>
      <header className="card-head">
        <h2>{to ? <Link to={`/${to}`}>{title}</Link> : title}</h2>
        <small aria-live="off">
          {query.isFetching && query.data !== undefined ? 'refreshing… ' : ''}
          <DataAge updatedAt={query.dataUpdatedAt} failed={query.isError} />
          <ServerTime data={query.data} />
        </small>
      </header>
      {actions && <div className="card-actions">{actions}</div>}
      <ErrorBoundary
        fallbackRender={({ error }) => (
          <p role="alert">This card failed to render: {error instanceof Error ? error.message : String(error)}</p>
        )}
      >
        <CardBody query={query} {...body} />
      </ErrorBoundary>
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

export { formatMoney, formatNumber } from './format';
