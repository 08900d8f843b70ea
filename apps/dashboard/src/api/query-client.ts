import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isRetryable } from './client';
import { queryKeys } from './query-keys';

/**
 * Drops the session everywhere at once: the login page replaces the dashboard (the URL stays, so the admin
 * comes back to the same page), in-flight polls are cancelled, and once the cards have unmounted their data goes.
 * Removing a query that a mounted card still observes would make the card fetch it again, with the dead session.
 */
export async function endSession(client: QueryClient): Promise<void> {
  client.setQueryData(queryKeys.me, null);
  await client.cancelQueries({ queryKey: ['monitoring'] });
  // React renders the login page on a later task; by then no card observes the monitoring queries.
  await new Promise((resolve) => setTimeout(resolve, 0));
  client.removeQueries({ queryKey: ['monitoring'], type: 'inactive' });
}

/** The dashboard's query client: 4xx never retried, and any 401 (an expired or revoked session) leads to login. */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) void endSession(client);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        refetchIntervalInBackground: false,
        retry: (failures, error) => isRetryable(error) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
