import { Auth1764300000000 } from './1764300000000-auth.js';
import { Trading1764300001000 } from './1764300001000-trading.js';

/** Every migration, oldest first. Append new ones here. */
export const MIGRATIONS = [Auth1764300000000, Trading1764300001000];
