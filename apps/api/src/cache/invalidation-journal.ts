import { globToRegExp, groupOf } from './cache-key.js';

/** Keys, patterns and groups held at most; past it the journal falls back to clearing the namespace. */
const JOURNAL_LIMIT = 1_000;

/**
 * Invalidations that did not reach Redis or the bus (the breaker was open, a call timed out, the link was cut).
 * They are replayed when Redis answers again; until then this instance reads no Redis entry they cover (it could
 * be the old value). Bounded: when it overflows, everything pending becomes one clear of the namespace.
 */
export class InvalidationJournal {
  readonly keys = new Set<string>();
  /** Keys written in Redis whose message did not go out: only the message is owed (their Redis value is current). */
  readonly notify = new Set<string>();
  readonly patterns = new Set<string>();
  readonly groups = new Set<string>();
  clear = false;
  private patternRes: RegExp[] = [];

  /** Called when the journal overflows (before it becomes a clear). */
  onOverflow: () => void = () => undefined;

  constructor(private readonly limit = JOURNAL_LIMIT) {}

  get pending(): boolean {
    return this.clear || this.size > 0;
  }

  addKeys(keys: string[]): void {
    if (this.clear) return;
    for (const k of keys) this.keys.add(k);
    this.bound();
  }

  addNotify(keys: string[]): void {
    for (const k of keys) this.notify.add(k);
    this.bound();
  }

  addPattern(pattern: string): void {
    if (this.clear) return;
    this.patterns.add(pattern);
    this.patternRes = [...this.patterns].map(globToRegExp);
    this.bound();
  }

  addGroups(groups: string[]): void {
    for (const g of groups) this.groups.add(g);
    this.bound();
  }

  addClear(): void {
    this.clear = true;
    this.keys.clear();
    this.patterns.clear();
    this.patternRes = [];
  }

  /** Whether a Redis entry of `key` may be older than an invalidation still pending here. */
  covers(key: string): boolean {
    if (!this.pending) return false;
    if (this.clear || this.keys.has(key)) return true;
    if (this.patternRes.some((re) => re.test(key))) return true;
    const group = groupOf(key);
    return group !== null && this.groups.has(group);
  }

  doneKeys(keys: Iterable<string>): void {
    for (const k of keys) this.keys.delete(k);
  }

  doneNotify(keys: Iterable<string>): void {
    for (const k of keys) this.notify.delete(k);
  }

  donePattern(pattern: string): void {
    this.patterns.delete(pattern);
    this.patternRes = [...this.patterns].map(globToRegExp);
  }

  doneGroups(groups: Iterable<string>): void {
    for (const g of groups) this.groups.delete(g);
  }

  doneClear(): void {
    this.clear = false;
  }

  private get size(): number {
    return this.keys.size + this.notify.size + this.patterns.size + this.groups.size;
  }

  /** Too much to replay one by one: a clear of the namespace covers every key and every group's entries. */
  private bound(): void {
    if (this.size <= this.limit) return;
    this.addClear();
    this.groups.clear();
    this.notify.clear();
    this.onOverflow();
  }
}
