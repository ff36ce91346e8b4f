/**
 * The budget keeper of one tenant: every Graph request takes its tokens here first (see
 * budgetedTransport.ts), so diagnoses, approvals, campaigns and followers share the same buckets.
 * A caller waits (injected sleep) until its tokens are free, at most `maxWaitMs`; then it is told
 * no and sends nothing. A 429 from Graph anyway (another app spent the tenant's CA budget) fills
 * the bucket, so the next caller waits instead of being refused too.
 */
import type { Clock } from '../../shared/clock';
import { tryTake, type BucketState, type TakeResult } from './bucketMath';
import type { BucketStateStore } from './stateStore';
import type { BudgetSpecs, BucketSpec } from './workloads';

export type BudgetName = keyof BudgetSpecs;

export interface BucketStats {
  granted: number;
  waits: number;
  waitedMs: number;
  exhausted: number;
  throttledAnyway: number;
}

export interface BudgetKeeperDeps {
  tenantId: string;
  specs: BudgetSpecs;
  store: BucketStateStore;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** Default longest wait for tokens (ms). */
  maxWaitMs?: number;
}

const newStats = (): BucketStats => ({ granted: 0, waits: 0, waitedMs: 0, exhausted: 0, throttledAnyway: 0 });

export class BudgetKeeper {
  private readonly counters: Record<BudgetName, BucketStats> = { reports: newStats(), ca: newStats(), directory: newStats() };

  constructor(private readonly deps: BudgetKeeperDeps) {}

  /** The shared record's key: reports and directory are per app per tenant, CA per tenant. */
  key(name: BudgetName, appId: string): string {
    return name === 'ca' ? `${this.deps.tenantId}:ca` : `${this.deps.tenantId}:${name}:${appId}`;
  }

  /** true when `cost` units were granted; false when they could not be within `maxWaitMs`. */
  async take(name: BudgetName, cost: number, opts: { appId: string; maxWaitMs?: number }): Promise<boolean> {
    return (await this.grant(name, cost, opts)) !== undefined;
  }

  /**
   * After the answer: a window grant counts from when the request surely reached Graph (its answer),
   * not from when we granted it, since a token refresh or a slow network can delay it by seconds.
   */
  async settle(name: BudgetName, appId: string, grantedAt: number, cost: number): Promise<void> {
    if (this.deps.specs[name].kind !== 'window') return;
    const now = this.deps.clock.now().getTime();
    if (now <= grantedAt) return;
    await this.deps.store.transact(this.key(name, appId), (s: BucketState) => {
      let left = cost;
      const grants = (s.grants ?? []).map((t) => (t === grantedAt && left-- > 0 ? now : t)).sort((a, b) => a - b);
      return { state: { grants }, result: undefined };
    });
  }

  /** The grant instant, or undefined when the units could not be granted within `maxWaitMs`. */
  async grant(name: BudgetName, cost: number, opts: { appId: string; maxWaitMs?: number }): Promise<number | undefined> {
    const spec: BucketSpec = this.deps.specs[name];
    const key = this.key(name, opts.appId);
    const maxWait = opts.maxWaitMs ?? this.deps.maxWaitMs ?? 30_000;
    const started = this.deps.clock.now().getTime();
    const stats = this.counters[name];
    let waited = false;
    // Time slept counts even when the clock does not move (a frozen test clock never refills).
    let slept = 0;
    for (;;) {
      const now = this.deps.clock.now().getTime();
      const r = await this.deps.store.transact<TakeResult>(key, (s: BucketState) => {
        const t = tryTake(spec, s, cost, now);
        return t.ok ? { state: t.state, result: t } : { result: t };
      });
      if (r.ok) {
        stats.granted += cost;
        if (waited) stats.waitedMs += now - started;
        return now;
      }
      const elapsed = Math.max(now - started, slept);
      if (!Number.isFinite(r.waitMs) || elapsed + r.waitMs > maxWait) {
        stats.exhausted++;
        return undefined;
      }
      if (!waited) stats.waits++;
      waited = true;
      slept += r.waitMs;
      await this.deps.sleep(r.waitMs);
    }
  }

  /** Graph answered 429 although we granted: treat the bucket as spent from now on. */
  async throttled(name: BudgetName, appId: string): Promise<void> {
    const spec = this.deps.specs[name];
    this.counters[name].throttledAnyway++;
    const now = this.deps.clock.now().getTime();
    await this.deps.store.transact(this.key(name, appId), () => ({
      state: spec.kind === 'window' ? { grants: Array.from({ length: spec.limit }, () => now) } : { tokens: 0, at: now },
      result: undefined,
    }));
  }

  stats(): Record<BudgetName, BucketStats> {
    return { reports: { ...this.counters.reports }, ca: { ...this.counters.ca }, directory: { ...this.counters.directory } };
  }

  /** The bucket that made callers wait longest (or refused most): the limit that binds. */
  binding(): BudgetName | undefined {
    const entries = Object.entries(this.counters) as Array<[BudgetName, BucketStats]>;
    const ranked = entries.filter(([, s]) => s.waitedMs > 0 || s.exhausted > 0).sort((a, b) => b[1].exhausted - a[1].exhausted || b[1].waitedMs - a[1].waitedMs);
    return ranked[0]?.[0];
  }
}

/**
 * A keeper on its own virtual clock that its waits advance: budgets are kept (CA requests stay a
 * second apart in its time) without any real waiting. For tests and benchmarks whose tenant clock
 * is frozen; never for production.
 */
export function virtualBudgetKeeper(tenantId: string, specs: BudgetSpecs, store: BucketStateStore): BudgetKeeper {
  let t = Date.parse('2000-01-01T00:00:00Z');
  return new BudgetKeeper({
    tenantId,
    specs,
    store,
    clock: { now: () => new Date(t) },
    // Concurrent waiters wake at their own instant: time moves to the latest wake-up, not their sum.
    sleep: async (ms) => {
      const wake = t + ms;
      await Promise.resolve();
      t = Math.max(t, wake);
    },
  });
}
