import { Session } from '../auth/session.entity.js';
import { User } from '../auth/user.entity.js';

/** Every TypeORM entity. Append new ones here. */
export const ENTITIES = [User, Session];
