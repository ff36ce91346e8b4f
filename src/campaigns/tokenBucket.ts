/**
 * A reserving token bucket: `reserve()` always takes a token and says how long to wait before
 * using it, so N concurrent callers get N distinct, evenly spaced slots (no thundering herd).
 * Tokens may go negative: -k means k callers hold future slots. Pure: time comes from the Clock.
 */
import type { Clock } from '../shared/clock';

export class TokenBucket {
  private tokens: number;
  /** Time (ms) up to which tokens have been accounted; may lie in the future while held. */
  private last: number;

  constructor(
    private ratePerSecond: number,
    private readonly capacity: number,
    private readonly clock: Clock,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be > 0');
    if (!(capacity >= 1)) throw new RangeError('capacity must be >= 1');
    this.tokens = capacity;
    this.last = clock.now().getTime();
  }

  get rate(): number {
    return this.ratePerSecond;
  }

  /** Takes one token; returns the milliseconds to wait before the caller may act (0 = now). */
  reserve(): number {
    const now = this.clock.now().getTime();
    this.refill(now);
    this.tokens -= 1;
    const held = Math.max(0, this.last - now);
    if (this.tokens >= 0) return held;
    return held + (-this.tokens * 1000) / this.ratePerSecond;
  }

  /** Tokens available right now (negative = outstanding reservations). */
  available(): number {
    this.refill(this.clock.now().getTime());
    return this.tokens;
  }

  /**
   * Nothing is granted before `untilMs` and the bucket restarts empty then (a 429: resume at the
   * steady rate, without a burst). Reservations already handed out are not revoked: their holders
   * re-check the pacer's throttled-until when they wake.
   */
  holdUntil(untilMs: number): void {
    const now = this.clock.now().getTime();
    this.refill(now);
    this.tokens = 0;
    this.last = Math.max(this.last, untilMs);
  }

  setRate(ratePerSecond: number): void {
    if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be > 0');
    this.refill(this.clock.now().getTime());
    this.ratePerSecond = ratePerSecond;
  }

  private refill(now: number): void {
    if (now <= this.last) return;
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.ratePerSecond) / 1000);
    this.last = now;
  }
}
