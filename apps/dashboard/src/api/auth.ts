import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginRequest, LoginResponse, UserView } from '@league/contracts';
import { api, ApiError } from './client';
import { endSession } from './query-client';
import { queryKeys } from './query-keys';

/** Who is logged in: the user, or null when the session is missing or expired. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async (): Promise<UserView | null> => {
      try {
        return await api<UserView>('/api/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => api<LoginResponse>('/api/auth/login', { method: 'POST', body }),
    onSuccess: (response) => client.setQueryData(queryKeys.me, response.user),
  });
}

/** Logs out: the login page at once, whether or not the server still knew the session. */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/auth/logout', { method: 'POST' }),
    // The session ends on screen first (the request still carries the cookie), so no card polls in between.
    onMutate: () => endSession(client),
  });
}
