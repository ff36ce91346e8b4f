/**
 * One Teams send budget per tenant, shared by every campaign and every proactive message, on
 * every instance: the Bot Connector allows an app 50 requests per second per tenant (entra-graph.md
 * §11.4; 30 in an older copy), whoever sends them. The bucket lives in the shared DocumentStore
 * (collection `teams-send-budget`, one document per tenant) and each reservation is a conditional
 * write, so two runners (or two instances) get distinct, evenly spaced slots like the in-process
 * TokenBucket does (tokens may go negative: -k = k slots handed out in the future).
 */
import type { Clock } from '../shared/clock';
import { ConflictError, type DocumentStore } from '../storage/types';
import type { Sleep } from './ports';

export const SEND_BUDGET_COLLECTION = 'teams-send-budget';

/** Sends per second per tenant we allow ourselves: 80 % of the documented 50 (the rest is headroom). */
export const DEFAULT_TENANT_SENDS_PER_SECOND = 40;

export interface SendBudget {
  /** Waits for this tenant's next send slot. */
  acquire(tenantId: string): Promise<void>;
}

interface BucketDoc {
  tokens: number;
  /** Time (ms) up to which tokens are accounted. */
  last: number;
}

export interface StoredSendBudgetOptions {
  ratePerSecond?: number;
  /** Burst size; with `ratePerSecond` it must stay under the service's limit in any 1 s window. */
  burst?: number;
  maxAttempts?: number;
}

export class StoredSendBudget implements SendBudget {
  private readonly rate: number;
  private readonly burst: number;
  private readonly maxAttempts: number;
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    opts: StoredSendBudgetOptions = {},
  ) {
    this.rate = opts.ratePerSecond ?? DEFAULT_TENANT_SENDS_PER_SECOND;
    this.burst = opts.burst ?? Math.max(1, Math.floor(this.rate / 4));
    this.maxAttempts = opts.maxAttempts ?? 50;
    if (!(this.rate > 0)) throw new RangeError('ratePerSecond must be > 0');
  }

  async acquire(tenantId: string): Promise<void> {
    const wait = await this.reserve(tenantId);
    if (wait > 0) await this.sleep(wait);
  }

  /** Takes one slot; returns the milliseconds until it may be used. Calls on this object are serialized per tenant (no self-contention). */
  reserve(tenantId: string): Promise<number> {
    const key = tenantId || '-';
    const next = (this.queues.get(key) ?? Promise.resolve()).then(() => this.take(key));
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }

  private async take(key: string): Promise<number> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const item = await this.store.get<BucketDoc>(SEND_BUDGET_COLLECTION, key);
      const now = this.clock.now().getTime();
      let { tokens, last } = item?.value ?? { tokens: this.burst, last: now };
      if (now > last) {
        tokens = Math.min(this.burst, tokens + ((now - last) * this.rate) / 1000);
        last = now;
      }
      tokens -= 1;
      const held = Math.max(0, last - now);
      const wait = tokens >= 0 ? held : held + (-tokens * 1000) / this.rate;
      try {
        await this.store.put<BucketDoc>(SEND_BUDGET_COLLECTION, key, { tokens, last }, item ? { ifMatch: item.etag } : { ifNoneMatch: '*' });
        return wait;
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
    }
    throw new Error('the shared send budget is too contended');
  }
}
