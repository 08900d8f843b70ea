import { keysMatching } from './cache-pattern';

const keys = {
  by_type: { leaderboard: 12, league: 4, quote: 30 },
  total: 46,
  truncated: false,
  source: 'redis' as const,
};

describe('keys a clear pattern would remove', () => {
  it('counts whole types exactly and bounds partial patterns', () => {
    expect(keysMatching('leaderboard:*', keys)).toEqual({ count: 12, exact: true });
    expect(keysMatching('*', keys)).toEqual({ count: 46, exact: true });
    expect(keysMatching('leaderboard:5:*', keys)).toEqual({ count: 12, exact: false });
    expect(keysMatching('nothing:*', keys)).toEqual({ count: 0, exact: true });
  });
});
