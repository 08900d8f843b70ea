import { Auth1764300000000 } from './1764300000000-auth.js';

/** Every migration, oldest first. Append new ones here. */
export const MIGRATIONS = [Auth1764300000000];
