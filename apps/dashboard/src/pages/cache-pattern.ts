import type { CacheStatusView } from '@league/contracts';

/** A cache glob as a regular expression (`*` any run, `?` one character), as the server matches it. */
function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/**
 * How many keys a pattern would remove, from the per-type counts: exact when it covers whole types
 * (`leaderboard:*`, `*`), otherwise an upper bound (the keys of every type it may touch).
 */
export function keysMatching(pattern: string, keys: CacheStatusView['keys']): { count: number; exact: boolean } {
  const regex = globToRegExp(pattern);
  let count = 0;
  let exact = true;
  for (const [type, n] of Object.entries(keys.by_type)) {
    const whole = regex.test(`${type}:`) && (pattern.endsWith('*') || pattern === '*');
    const wildcard = pattern.search(/[*?]/);
    const literal = wildcard === -1 ? pattern : pattern.slice(0, wildcard);
    const touches = literal.startsWith(`${type}:`) || `${type}:`.startsWith(literal);
    if (whole && (literal === '' || `${type}:`.startsWith(literal))) count += n;
    else if (touches) {
      count += n;
      exact = false;
    }
  }
  return { count, exact: exact && !keys.truncated };
}
