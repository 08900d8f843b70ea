import calculateSlot from 'cluster-key-slot';

/**
 * Keys grouped by Redis Cluster hash slot, in first-seen order (order kept within a group): a multi-key
 * command (UNLINK, MGET) on a cluster must name keys of one slot only, so it is sent once per group.
 * cluster-key-slot is the slot function node-redis itself routes with (hash tags included).
 */
export function groupBySlot(keys: string[]): string[][] {
  const groups = new Map<number, string[]>();
  for (const key of keys) {
    const slot = calculateSlot(key);
    const group = groups.get(slot);
    if (group) group.push(key);
    else groups.set(slot, [key]);
  }
  return [...groups.values()];
}
