/** The faults a run injects. */
export const FAULT_KINDS = ['redis-restart', 'pubsub-kill', 'redis-slow', 'instance-kill'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultWindow {
  kind: FaultKind;
  startedAt: number;
  endedAt: number | null;
}

/**
 * When each fault was in force. Redis counts as unreachable from a restart's kill, or a slowdown's start, until
 * `recoveryMs` after it came back: the time the product is given to notice and catch up (the 5 s).
 */
export class FaultLog {
  readonly windows: FaultWindow[] = [];

  constructor(readonly recoveryMs = 5_000) {}

  begin(kind: FaultKind): FaultWindow {
    const window = { kind, startedAt: Date.now(), endedAt: null };
    this.windows.push(window);
    return window;
  }

  end(window: FaultWindow): void {
    window.endedAt = Date.now();
  }

  /** Whether Redis was unreachable (killed or slowed, plus recovery) at some moment of [from, to]. */
  redisUnreachableDuring(from: number, to: number): boolean {
    return this.windows.some(
      (w) =>
        (w.kind === 'redis-restart' || w.kind === 'redis-slow') &&
        w.startedAt <= to &&
        (w.endedAt === null || w.endedAt + this.recoveryMs >= from),
    );
  }

  /** Faults in force at `at` (for the record of a stale read). */
  activeAt(at: number): FaultKind[] {
    return this.windows
      .filter((w) => w.startedAt <= at && (w.endedAt === null || w.endedAt + this.recoveryMs >= at))
      .map((w) => w.kind);
  }

  counts(): Record<FaultKind, number> {
    const counts = { 'redis-restart': 0, 'pubsub-kill': 0, 'redis-slow': 0, 'instance-kill': 0 };
    for (const w of this.windows) counts[w.kind]++;
    return counts;
  }
}
