import { LRUCache } from 'lru-cache';
import { globToRegExp } from './cache-key.js';

/** One entry of the in-process tier. */
export interface L1Entry {
  /** The value as handed out: deep-frozen plain data, or decoded afresh from `payload` when `needsCopy`. */
  value: unknown;
  /** The superjson payload (for copies and byte accounting). */
  payload: string;
  needsCopy: boolean;
  freshUntil: number;
  /** Hard expiry: after it the entry is gone even for stale-while-revalidate. */
  expiresAt: number;
  generation: number | null;
  /** A string value's UTF-8 bytes, made on the first HTTP hit and sent as they are from then on. */
  bytes?: Buffer;
  /** The strong HTTP ETag of `bytes`, made with them and kept with the entry: never computed per hit. */
  etag?: string;
}

/**
 * The in-process LRU, bounded both by entry count and by approximate bytes (UTF-16 size of the stored payload),
 * so a few huge values cannot exhaust the heap.
 */
export class L1Store {
  private readonly lru: LRUCache<string, L1Entry> | null;

  constructor(maxEntries: number, maxBytes: number) {
    this.lru =
      maxEntries > 0 && maxBytes > 0
        ? new LRUCache<string, L1Entry>({
            max: maxEntries,
            maxSize: maxBytes,
            sizeCalculation: (entry, key) => Math.max(1, (entry.payload.length + key.length) * 2),
          })
        : null;
  }

  get size(): number {
    return this.lru?.size ?? 0;
  }

  get bytes(): number {
    return this.lru?.calculatedSize ?? 0;
  }

  /** The entry if present and not past its hard expiry (checked on read: no timer per key). */
  get(key: string, now: number): L1Entry | undefined {
    const entry = this.lru?.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.lru!.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: L1Entry): void {
    if (!this.lru) return;
    this.lru.set(key, entry);
  }

  delete(key: string): void {
    this.lru?.delete(key);
  }

  deletePattern(pattern: string): number {
    if (!this.lru) return 0;
    const re = globToRegExp(pattern);
    let n = 0;
    for (const key of [...this.lru.keys()]) {
      if (re.test(key)) {
        this.lru.delete(key);
        n++;
      }
    }
    return n;
  }

  clear(): void {
    this.lru?.clear();
  }

  keys(): IterableIterator<string> {
    return this.lru?.keys() ?? [][Symbol.iterator]();
  }
}
