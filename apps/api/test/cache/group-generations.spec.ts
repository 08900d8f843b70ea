import { CacheGroup, CacheKey } from '../../src/cache/cache-key.js';
import { GroupGenerations } from '../../src/cache/group-generations.js';

describe('GroupGenerations', () => {
  it('keeps a bounded number of groups however many are read (one per user any client can walk)', async () => {
    const generations = new GroupGenerations(null);
    for (let user = 1; user <= 25_000; user++) await generations.of(CacheKey.userStats(user));
    expect(generations.size).toBeLessThanOrEqual(20_000);
    expect(generations.size).toBeGreaterThan(0);
  });

  it('without Redis a bump gives the group a new number; numbers heard never go back', async () => {
    const generations = new GroupGenerations(null);
    const key = CacheKey.leaderboard(1, 1);
    const before = await generations.of(key);
    generations.bumpLocally([CacheGroup.leaderboard(1)]);
    expect(await generations.of(key)).not.toBe(before);
    const other = CacheKey.leaderboard(2, 1);
    generations.heard([[CacheGroup.leaderboard(2), 10]]);
    generations.heard([[CacheGroup.leaderboard(2), 5]]);
    expect(generations.peek(other)).toBe(10);
  });

  it('without Redis, a bumped group dropped from the bound never comes back with its pre-bump number', async () => {
    const generations = new GroupGenerations(null);
    const key = CacheKey.userStats(1);
    const before = await generations.of(key);
    generations.bumpLocally([CacheGroup.user(1)]);
    const after = await generations.of(key);
    expect(after).not.toBe(before);
    for (let user = 2; user <= 25_000; user++) generations.bumpLocally([CacheGroup.user(user)]);
    expect(generations.size).toBeLessThanOrEqual(20_000);
    expect(await generations.of(key)).not.toBe(before);
  });
});
