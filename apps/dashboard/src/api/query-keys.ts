/** Query-key factory: one key per endpoint (and its parameters), so invalidation is precise. */
export const queryKeys = {
  me: ['me'] as const,
  monitoring: (endpoint: string, params: Record<string, unknown> = {}) => ['monitoring', endpoint, params] as const,
};
