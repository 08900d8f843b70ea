import type { BreakerState } from '@league/contracts';

/**
 * Stops calling Redis after `threshold` consecutive failures spread over at least `windowMs`, so an outage costs one
 * fast "no" per request instead of one timeout. The window keeps a burst from opening it: the calls in flight
 * during one stalled moment (a busy machine, a GC pause) all time out together, and an open breaker would hold back
 * invalidations for `resetMs` for what was over in milliseconds. After `resetMs` a single probe is let through
 * (half-open): success closes the breaker, failure opens it again for another `resetMs`. Only the probe decides: a late success of a call that
 * started before the breaker opened says nothing about the link now, so under partial slowness the breaker stays
 * open instead of flapping.
 */
export class CircuitBreaker {
  private failures = 0;
  /** When the current run of failures began. */
  private streakFrom = 0;
  private openedAt = 0;
  private probing = false;
  private current: BreakerState = 'closed';

  constructor(
    private readonly threshold: number,
    private readonly resetMs: number,
    private readonly onChange: (state: BreakerState) => void = () => undefined,
    private readonly now: () => number = Date.now,
    private readonly windowMs = 0,
  ) {}

  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.resetMs) return 'half_open';
    return this.current;
  }

  /** Whether an operation may run now; in half-open state only one probe at a time. */
  allow(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open') {
      if (this.now() - this.openedAt < this.resetMs) return false;
      this.set('half_open');
    }
    if (this.probing) return false;
    this.probing = true;
    return true;
  }

  success(): void {
    if (this.current === 'open') return;
    if (this.current === 'half_open') {
      if (!this.probing) return;
      this.probing = false;
      this.failures = 0;
      this.set('closed');
      return;
    }
    this.failures = 0;
  }

  failure(): void {
    this.probing = false;
    if (this.current === 'half_open') {
      this.openedAt = this.now();
      this.set('open');
      return;
    }
    if (this.failures++ === 0) this.streakFrom = this.now();
    if (this.current === 'closed' && this.failures >= this.threshold && this.now() - this.streakFrom >= this.windowMs) {
      this.openedAt = this.now();
      this.set('open');
    }
  }

  /** Back to closed (after a reconnection: the link is known good). */
  reset(): void {
    this.failures = 0;
    this.probing = false;
    if (this.current !== 'closed') this.set('closed');
  }

  private set(state: BreakerState): void {
    this.current = state;
    this.onChange(state);
  }
}
