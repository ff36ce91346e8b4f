/**
 * One runner per campaign: the run record is a lease (owner + expiry) that the runner renews with
 * every progress write. A second runner refuses while the lease is live and takes over once it
 * has expired; the old runner's next conditional write then fails and it stops.
 */
import { AppError } from '../shared/errors';
import type { Clock } from '../shared/clock';
import type { DocumentStore } from '../storage/types';
import { ConflictError } from '../storage/types';
import { RUNS, RunSchema, emptyCounters, type Run } from './model';

export class LeaseLost extends Error {
  constructor(campaignId: string) {
    super(`lease on campaign ${campaignId} was taken over`);
    this.name = 'LeaseLost';
  }
}

export async function readRun(store: DocumentStore, campaignId: string): Promise<{ value: Run; etag: string } | undefined> {
  const item = await store.get<unknown>(RUNS, campaignId);
  return item ? { value: RunSchema.parse(item.value), etag: item.etag } : undefined;
}

/** Holds the lease and serialises every write of the run record (one writer, in order). */
export class RunLease {
  private chain: Promise<unknown> = Promise.resolve();
  private released = false;

  private constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
    private readonly leaseMs: number,
    private run: Run,
    private etag: string,
  ) {}

  static async acquire(store: DocumentStore, clock: Clock, campaignId: string, owner: string, leaseMs: number): Promise<RunLease> {
    const now = clock.now();
    const expires = new Date(now.getTime() + leaseMs).toISOString();
    const current = await readRun(store, campaignId);
    if (current && current.value.owner !== owner && Date.parse(current.value.leaseExpiresAt) > now.getTime()) {
      throw new AppError('conflict', `campaign ${campaignId} is being run by another runner until ${current.value.leaseExpiresAt}`, {
        details: { campaignId },
      });
    }
    const run: Run = current
      ? { ...current.value, owner, leaseExpiresAt: expires, updatedAt: now.toISOString() }
      : { campaignId, owner, leaseExpiresAt: expires, exhausted: false, counters: emptyCounters(), ratePerSecond: 0, updatedAt: now.toISOString() };
    try {
      const etag = await store.put(RUNS, campaignId, run, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
      return new RunLease(store, clock, leaseMs, run, etag);
    } catch (e) {
      if (e instanceof ConflictError) throw new AppError('conflict', `campaign ${campaignId} was claimed by another runner`, { details: { campaignId } });
      throw e;
    }
  }

  get value(): Run {
    return this.run;
  }

  /** Applies `change`, renews the lease and writes; rejects with LeaseLost when another runner took over. */
  write(change: (run: Run) => Run, opts: { release?: boolean } = {}): Promise<void> {
    const next = this.chain.then(async () => {
      if (this.released) return;
      if (opts.release) this.released = true;
      const now = this.clock.now();
      const expires = opts.release ? new Date(0) : new Date(now.getTime() + this.leaseMs);
      const run = { ...change(this.run), leaseExpiresAt: expires.toISOString(), updatedAt: now.toISOString() };
      try {
        this.etag = await this.store.put(RUNS, run.campaignId, run, { ifMatch: this.etag });
        this.run = run;
      } catch (e) {
        if (e instanceof ConflictError) throw new LeaseLost(run.campaignId);
        throw e;
      }
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Ends the lease now so the next runner need not wait for expiry. */
  release(change: (run: Run) => Run = (run) => run): Promise<void> {
    return this.write(change, { release: true });
  }
}
