/**
 * Pacing shared by every worker of one runner: a lane per budget (Bot Connector requests, Graph
 * installs), each a token bucket plus one shared "throttled until" — a 429 seen by any worker
 * stops every worker of that lane until it passes — and per-conversation sliding windows
 * (Teams: 7 per 1 s, 8 per 2 s, 60 per 30 s, 1800 per hour per bot per thread).
 */
import type { Clock } from '../shared/clock';
import type { Sleep } from './ports';
import { TokenBucket } from './tokenBucket';

export class Lane {
  private readonly bucket: TokenBucket;
  private throttledUntilMs = 0;
  private throttleCount = 0;

  constructor(
    readonly name: string,
    ratePerSecond: number,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    /** Burst size; 1 keeps requests evenly spaced so a sliding 1 s window on the service side never overflows. */
    capacity = 1,
    /** A budget shared beyond this lane (the tenant's Teams send budget, sendBudget.ts), waited for after the lane's own slot. */
    private readonly shared?: () => Promise<void>,
  ) {
    this.bucket = new TokenBucket(ratePerSecond, capacity, clock);
  }

  get throttledUntil(): number {
    return this.throttledUntilMs;
  }

  get throttles(): number {
    return this.throttleCount;
  }

  /** Waits for this lane's next slot, honouring a shared throttle that may start while waiting. */
  async acquire(): Promise<void> {
    for (;;) {
      const blocked = this.throttledUntilMs - this.clock.now().getTime();
      if (blocked > 0) await this.sleep(blocked);
      const wait = this.bucket.reserve();
      if (wait > 0) await this.sleep(wait);
      if (this.shared) await this.shared();
      if (this.throttledUntilMs <= this.clock.now().getTime()) return;
    }
  }

  /** Every worker of this lane waits `ms` from now (the longest throttle wins). */
  throttle(ms: number): void {
    const until = this.clock.now().getTime() + Math.max(0, ms);
    this.throttleCount += 1;
    if (until <= this.throttledUntilMs) return;
    this.throttledUntilMs = until;
    this.bucket.holdUntil(until);
  }
}

/** [window ms, max requests] per conversation (entra-graph.md §11.4, "send to conversation"). */
export const TEAMS_CONVERSATION_WINDOWS: ReadonlyArray<readonly [number, number]> = [
  [1000, 7],
  [2000, 8],
  [30000, 60],
  [3600000, 1800],
];

/**
 * Per-conversation windows, kept only for conversations in flight: a campaign sends one message
 * per conversation per round, so the runner releases a conversation when its recipient is done
 * and memory stays bounded by the number of workers.
 */
export class ConversationLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly longest: number;

  constructor(
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    private readonly windows: ReadonlyArray<readonly [number, number]> = TEAMS_CONVERSATION_WINDOWS,
  ) {
    this.longest = Math.max(...windows.map(([w]) => w));
  }

  /** Milliseconds until one more request to `conversationId` fits every window. */
  waitFor(conversationId: string): number {
    const now = this.clock.now().getTime();
    const times = (this.sent.get(conversationId) ?? []).filter((t) => t > now - this.longest);
    let wait = 0;
    for (const [windowMs, limit] of this.windows) {
      const inWindow = times.filter((t) => t > now - windowMs);
      if (inWindow.length >= limit) {
        const oldestThatMustExpire = inWindow[inWindow.length - limit] ?? now;
        wait = Math.max(wait, oldestThatMustExpire + windowMs - now);
      }
    }
    return wait;
  }

  async acquire(conversationId: string): Promise<void> {
    for (let wait = this.waitFor(conversationId); wait > 0; wait = this.waitFor(conversationId)) await this.sleep(wait);
    const now = this.clock.now().getTime();
    const times = (this.sent.get(conversationId) ?? []).filter((t) => t > now - this.longest);
    times.push(now);
    this.sent.set(conversationId, times);
  }

  release(conversationId: string): void {
    this.sent.delete(conversationId);
  }

  get tracked(): number {
    return this.sent.size;
  }
}

export interface Pacer {
  connector: Lane;
  install: Lane;
  conversations: ConversationLimiter;
}

/**
 * `budget` is the service's limit, `headroom` the fraction of it we pace at. The bucket may hold
 * budget × (1 − headroom) tokens: enough to make up slots lost while every worker was busy, yet
 * in any 1 s window burst + paced rate ≤ budget, so a sliding-window limit is never crossed.
 */
export function createPacer(opts: { budget: number; headroom: number; installRate: number; clock: Clock; sleep: Sleep; shared?: () => Promise<void> }): Pacer {
  const burst = Math.max(1, Math.floor(opts.budget * (1 - opts.headroom)));
  return {
    connector: new Lane('connector', opts.budget * opts.headroom, opts.clock, opts.sleep, burst, opts.shared),
    install: new Lane('install', opts.installRate, opts.clock, opts.sleep),
    conversations: new ConversationLimiter(opts.clock, opts.sleep),
  };
}
