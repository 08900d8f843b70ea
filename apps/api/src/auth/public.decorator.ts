import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:public';

/** Marks a route as reachable without a session. Never valid under /admin. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
