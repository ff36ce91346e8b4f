/**
 * Teams' proactive-messaging limits as the stand-in enforces them (entra-graph.md §11.4): sliding
 * windows per conversation (7 per 1 s, 8 per 2 s, 60 per 30 s, 1800 per hour) and a global
 * requests-per-second budget per app per tenant (default 50). Only admitted requests count.
 */
export type Windows = ReadonlyArray<readonly [windowMs: number, limit: number]>;

export const TEAMS_THREAD_WINDOWS: Windows = [
  [1000, 7],
  [2000, 8],
  [30000, 60],
  [3600000, 1800],
];

/** Timestamps of admitted requests inside the longest window; `retryAfterMs` when one more would overflow. */
export class SlidingLimit {
  private times: number[] = [];
  private head = 0;
  private readonly longest: number;

  constructor(private readonly windows: Windows) {
    this.longest = Math.max(...windows.map(([w]) => w));
  }

  /** 0 when admitted (and recorded), else milliseconds until it would be. */
  tryAdmit(now: number): number {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - this.longest) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    let wait = 0;
    for (const [windowMs, limit] of this.windows) {
      let count = 0;
      let i = this.times.length - 1;
      for (; i >= this.head && count < limit && (this.times[i] ?? 0) > now - windowMs; i -= 1) count += 1;
      if (count >= limit) {
        const mustExpire = this.times[this.times.length - limit] ?? now;
        wait = Math.max(wait, mustExpire + windowMs - now);
      }
    }
    if (wait > 0) return wait;
    this.times.push(now);
    return 0;
  }

  get size(): number {
    return this.times.length - this.head;
  }
}

/** One SlidingLimit per conversation, created on first use. */
export class PerKeyLimits {
  private readonly limits = new Map<string, SlidingLimit>();

  constructor(private readonly windows: Windows) {}

  tryAdmit(key: string, now: number): number {
    let limit = this.limits.get(key);
    if (!limit) {
      limit = new SlidingLimit(this.windows);
      this.limits.set(key, limit);
    }
    return limit.tryAdmit(now);
  }
}
