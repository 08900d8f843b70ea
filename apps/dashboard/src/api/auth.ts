import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginRequest, LoginResponse, UserView } from '@league/contracts';
import { ApiError, call } from './client';
import { initialAnswer, initialAnswersAt } from './initial-answers';
import { endSession } from './query-client';
import { queryKeys } from './query-keys';

/** Who is logged in: the user, or null when the session is missing or expired. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async (): Promise<UserView | null> => {
      try {
        return await call('get', '/api/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    initialData: () => initialAnswer('/api/auth/me') as UserView | undefined,
    initialDataUpdatedAt: initialAnswersAt,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest): Promise<LoginResponse> => call('post', '/api/auth/login', { body }),
    onSuccess: (response) => client.setQueryData(queryKeys.me, response.user),
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
