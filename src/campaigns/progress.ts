/** Live counters of one run and a sliding send-rate meter (per-second buckets, bounded memory). */
import type { Clock } from '../shared/clock';
import { emptyCounters, type Counters, type FailureReason, type Recipient } from './model';

export class RateMeter {
  private readonly buckets: number[];
  private readonly seconds: number[];

  constructor(
    private readonly clock: Clock,
    private readonly windowSeconds = 10,
  ) {
    this.buckets = new Array<number>(windowSeconds).fill(0);
    this.seconds = new Array<number>(windowSeconds).fill(-1);
  }

  mark(): void {
    const second = Math.floor(this.clock.now().getTime() / 1000);
    const i = second % this.windowSeconds;
    if (this.seconds[i] !== second) {
      this.seconds[i] = second;
      this.buckets[i] = 0;
    }
    this.buckets[i] = (this.buckets[i] ?? 0) + 1;
  }

  /** Events per second over the completed seconds of the window. */
  perSecond(): number {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    let total = 0;
    for (let k = 0; k < this.windowSeconds; k += 1) {
      if ((this.seconds[k] ?? -1) > now - this.windowSeconds && this.seconds[k] !== now) total += this.buckets[k] ?? 0;
    }
    return total / (this.windowSeconds - 1);
  }
}

/** Counters rebuilt from the records (on every start, so a resumed run reports the truth). */
export function countRecipient(c: Counters, r: Recipient): void {
  c.targeted += 1;
  if (r.firstSentAt !== undefined) c.sent += 1;
  if (r.installed) c.installed += 1;
  if (r.state === 'deferred') c.deferred += 1;
  if (r.state === 'failed' && r.failure) addFailure(c, r.failure.reason);
}

export function addFailure(c: Counters, reason: FailureReason): void {
  c.failed += 1;
  c.failedByReason[reason] = (c.failedByReason[reason] ?? 0) + 1;
}

export function cloneCounters(c: Counters): Counters {
  return { ...c, failedByReason: { ...c.failedByReason } };
}

export { emptyCounters };
