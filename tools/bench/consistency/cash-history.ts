/** One value a member's cash took, and when the write that made it was acknowledged to its author. */
interface CashVersion {
  cents: number;
  ackedAt: number;
}

/** How a value read for someone else's cash relates to what was acknowledged before the read began. */
export type CashVerdict =
  | { fresh: true }
  /** Not yet known: the member has a write in flight whose result may be this value. */
  | { fresh: 'pending' }
  /** Older than a write acknowledged `staleForMs` before the read began (or a value never held). */
  | { fresh: false; expectedCents: number; staleSince: number };

/**
 * Every cash value of one member in one league, in order. Only the member's own trades change it (stock trades, no
 * settlement), so the history is exact, and a read of it by anyone is fresh when it shows the value after the
 * last write acknowledged before the read began, or a later one.
 */
export class CashHistory {
  private readonly versions: CashVersion[];
  /** Values read while a write was in flight, settled when it is acknowledged. */
  private unsettled: { cents: number; readStartedAt: number; settle: (verdict: CashVerdict) => void }[] = [];
  inFlight = false;

  constructor(initialCents: number) {
    this.versions = [{ cents: initialCents, ackedAt: 0 }];
  }

  get currentCents(): number {
    return this.versions[this.versions.length - 1].cents;
  }

  acknowledge(cents: number, at = Date.now()): void {
    if (cents !== this.currentCents) this.versions.push({ cents, ackedAt: at });
    this.inFlight = false;
    const waiting = this.unsettled;
    this.unsettled = [];
    for (const w of waiting) w.settle(this.judge(w.cents, w.readStartedAt, false) as CashVerdict);
  }

  /** Judges a value read by a request that began at `readStartedAt`; with a write in flight, possibly later. */
  check(cents: number, readStartedAt: number): Promise<CashVerdict> {
    const verdict = this.judge(cents, readStartedAt, this.inFlight);
    if (verdict.fresh !== 'pending') return Promise.resolve(verdict);
    return new Promise((settle) => this.unsettled.push({ cents, readStartedAt, settle }));
  }

  private judge(cents: number, readStartedAt: number, inFlight: boolean): CashVerdict {
    let required = 0;
    for (let i = this.versions.length - 1; i > 0; i--) {
      if (this.versions[i].ackedAt < readStartedAt) {
        required = i;
        break;
      }
    }
    for (let i = required; i < this.versions.length; i++) if (this.versions[i].cents === cents) return { fresh: true };
    if (inFlight) return { fresh: 'pending' };
    // Stale since the write that replaced the value read (a value never held: since the required one).
    let replacedBy = required;
    for (let j = required - 1; j >= 0; j--) {
      if (this.versions[j].cents === cents) {
        replacedBy = j + 1;
        break;
      }
    }
    return {
      fresh: false,
      expectedCents: this.versions[required].cents,
      staleSince: this.versions[replacedBy].ackedAt,
    };
  }
}
