import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { LoginRequest, LoginResponse, UserView } from '@league/contracts';
import { ApiError, call } from './client';
import { dropOpeningAnswers } from './opening';
import { endSession } from './query-client';
import { queryKeys } from './query-keys';

/** The session's user, or null when the session is missing or expired. */
async function fetchMe(): Promise<UserView | null> {
  try {
    return await call('get', '/api/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

const meQuery = { queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 60_000 };

/** Who is logged in: the user, or null when the session is missing or expired. */
export function useMe() {
  return useQuery(meQuery);
}

/** Fetches the session into `client` before the first render, so the app does not render a skeleton first. */
export function prefetchMe(client: QueryClient): Promise<void> {
  return client.prefetchQuery(meQuery);
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest): Promise<LoginResponse> => call('post', '/api/auth/login', { body }),
    onSuccess: (response) => {
      // Anything asked before this login was asked without its session.
      dropOpeningAnswers();
      client.setQueryData(queryKeys.me, response.user);
    },
  });
}

/** Logs out: the login page at once, whether or not the server still knew the session. */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('post', '/api/auth/logout'),
    // The session ends on screen first (the request still carries the cookie), so no card polls in between.
    onMutate: () => endSession(client),
  });
}
