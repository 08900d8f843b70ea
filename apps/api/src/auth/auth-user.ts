import type { UserRole } from '@league/contracts';

/** Who is making a request, as resolved from its session. */
export interface AuthUser {
  id: number;
  username: string;
  role: UserRole;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser;
  }
}
