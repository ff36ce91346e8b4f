/**
 * Runs one campaign: takes the lease, rebuilds counters from the records, re-queues recipients a
 * previous run left `pending`/`sending`, then pages the audience lazily (each page recorded as
 * `pending` before its cursor is saved, so a crash can neither skip nor repeat anyone) into a
 * bounded queue drained by N workers that share one pacer. Deferred sends are swept last.
 */
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { describeError } from '../shared/errors';
import type { DocumentStore } from '../storage/types';
import { ConflictError } from '../storage/types';
import { classifyTarget } from './audience';
import { deliver, type DeliverContext } from './deliver';
import { LeaseLost, RunLease } from './lease';
import { CAMPAIGNS, CampaignSchema, type Campaign, type CampaignStatus, type Recipient } from './model';
import { createPacer } from './pacer';
import type { SendBudget } from './sendBudget';
import type { NudgeSender, Random, Sleep, TargetSource, TargetUser } from './ports';
import { RateMeter, cloneCounters, countRecipient, emptyCounters } from './progress';
import { BoundedQueue } from './queue';
import { LocalHours } from './quietHours';
import { RecipientRepo } from './recipients';

export interface RunnerDeps {
  store: DocumentStore;
  source: TargetSource;
  sender: NudgeSender;
  clock: Clock;
  sleep: Sleep;
  random: Random;
  logger: Logger;
  /** Identifies this runner in the lease (host + pid + random). */
  owner: string;
  leaseMs?: number;
  heartbeatMs?: number;
  queueSize?: number;
  /** The tenant's Teams send budget shared with every other sender (sendBudget.ts); without it only this run's own pacing applies. */
  sendBudget?: SendBudget;
}

export type RunOutcome = 'completed' | 'paused' | 'cancelled' | 'lost_lease' | 'not_running';

export async function loadCampaign(store: DocumentStore, id: string): Promise<{ value: Campaign; etag: string } | undefined> {
  const item = await store.get<unknown>(CAMPAIGNS, id);
  return item ? { value: CampaignSchema.parse(item.value), etag: item.etag } : undefined;
}

export class CampaignRunner {
  private stopReason: CampaignStatus | 'lost_lease' | undefined;
  private readonly queues = new Set<BoundedQueue<string>>();
  /** Recipients queued or being delivered by this runner (bounded by queue size + workers). */
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: RunnerDeps) {}

  /** In-process stop (the service's pause/cancel); other processes notice the status at the next heartbeat. */
  stop(reason: CampaignStatus | 'lost_lease'): void {
    this.stopReason ??= reason;
    for (const q of this.queues) q.abort();
  }

  async run(campaignId: string): Promise<RunOutcome> {
    const d = this.deps;
    const loaded = await loadCampaign(d.store, campaignId);
    if (!loaded || loaded.value.status !== 'running') return 'not_running';
    const campaign = loaded.value;
    const lease = await RunLease.acquire(d.store, d.clock, campaignId, d.owner, d.leaseMs ?? 30000);
    const repo = new RecipientRepo(d.store);
    const counters = emptyCounters();
    const leftOver: string[] = [];
    for await (const r of repo.scan(campaignId)) {
      countRecipient(counters, r);
      if (r.state === 'pending' || r.state === 'sending') leftOver.push(r.userId);
    }
    const s = campaign.settings;
    const meter = new RateMeter(d.clock);
    const ctx: DeliverContext = {
      campaign,
      repo,
      sender: d.sender,
      pacer: createPacer({
        budget: s.ratePerSecond,
        headroom: s.headroom,
        installRate: s.installRatePerSecond,
        clock: d.clock,
        sleep: d.sleep,
        ...(d.sendBudget ? { shared: () => d.sendBudget?.acquire(campaign.tenantId) ?? Promise.resolve() } : {}),
      }),
      policy: { maxRetries: s.maxRetries, baseMs: s.retryBaseMs, maxMs: s.retryMaxMs, sleep: d.sleep, random: d.random },
      clock: d.clock,
      hours: new LocalHours(),
      counters,
      meter,
      shouldStop: () => this.stopReason !== undefined,
    };
    const snapshot = () => lease.write((run) => ({ ...run, counters: cloneCounters(counters), ratePerSecond: meter.perSecond() }));
    let running = true;
    const heartbeat = this.heartbeat(campaignId, () => running, snapshot);
    try {
      await snapshot();
      if (leftOver.length > 0) d.logger.info({ campaignId, recipients: leftOver.length }, 'campaign resumes recipients left by an earlier run');
      const queue = this.newQueue(d.queueSize ?? Math.max(2 * s.concurrency, 64));
      await Promise.all([this.produce(ctx, lease, queue, leftOver), this.drain(ctx, queue)]);
      if (!ctx.shouldStop()) await this.sweep(ctx);
    } catch (e) {
      if (!(e instanceof LeaseLost)) throw e;
      this.stop('lost_lease');
    } finally {
      // Not awaited: it may be asleep for up to a heartbeat; it sees `running` false when it wakes,
      // and the lease ignores writes after release.
      running = false;
      heartbeat.catch(() => undefined);
    }
    return this.finish(campaign, lease, ctx);
  }

  private async finish(campaign: Campaign, lease: RunLease, ctx: DeliverContext): Promise<RunOutcome> {
    const d = this.deps;
    const reason = this.stopReason;
    if (reason === 'lost_lease') return 'lost_lease';
    const counters = cloneCounters(ctx.counters);
    try {
      await lease.release((run) => ({ ...run, counters, ratePerSecond: 0 }));
    } catch (e) {
      if (e instanceof LeaseLost) return 'lost_lease';
      throw e;
    }
    if (reason === undefined) await this.markCompleted(campaign.id);
    const outcome: RunOutcome = reason === undefined || reason === 'completed' ? 'completed' : reason === 'cancelled' ? 'cancelled' : 'paused';
    d.logger.info({ campaignId: campaign.id, outcome, ...counters }, 'campaign run ended');
    return outcome;
  }

  private async markCompleted(campaignId: string): Promise<void> {
    const current = await loadCampaign(this.deps.store, campaignId);
    if (!current || current.value.status !== 'running') return;
    const done: Campaign = { ...current.value, status: 'completed', finishedAt: this.deps.clock.now().toISOString() };
    try {
      await this.deps.store.put(CAMPAIGNS, campaignId, done, { ifMatch: current.etag });
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e; // paused or cancelled in the meantime: theirs wins
    }
  }

  /** Renews the lease with a progress snapshot and picks up pause/cancel written by any process. */
  private async heartbeat(campaignId: string, running: () => boolean, snapshot: () => Promise<void>): Promise<void> {
    const every = this.deps.heartbeatMs ?? 1000;
    while (running()) {
      await this.deps.sleep(every);
      if (!running()) return;
      try {
        const current = await loadCampaign(this.deps.store, campaignId);
        if (!current || current.value.status !== 'running') this.stop(current?.value.status ?? 'cancelled');
        await snapshot();
      } catch (e) {
        if (e instanceof LeaseLost) {
          this.stop('lost_lease');
          return;
        }
        this.deps.logger.warn({ campaignId, error: describeError(e) }, 'campaign heartbeat failed');
      }
    }
  }

  private async produce(ctx: DeliverContext, lease: RunLease, queue: BoundedQueue<string>, leftOver: string[]): Promise<void> {
    const c = ctx.campaign;
    try {
      for (const userId of leftOver) if (!(await this.enqueue(queue, userId))) return;
      if (lease.value.exhausted) return;
      const query = { tenantId: c.tenantId, audience: c.audience, excludeGroupId: c.excludeGroupId, pageSize: c.settings.pageSize };
      let cursor = lease.value.cursor;
      while (!ctx.shouldStop()) {
        const page = await this.fetchPage(() => this.deps.source.page(query, cursor));
        const ids: string[] = [];
        for (const user of page.users) {
          if (classifyTarget(user) !== 'target') continue;
          if (await ctx.repo.create(newRecipient(c.id, user, ctx.clock.now().toISOString()))) ctx.counters.targeted += 1;
          ids.push(user.id);
        }
        // Counters go with the cursor: a reader must never see the audience exhausted with targeted = 0.
        await lease.write((run) => ({ ...run, cursor: page.next, exhausted: page.next === undefined, counters: cloneCounters(ctx.counters) }));
        for (const userId of ids) if (!(await this.enqueue(queue, userId))) return;
        if (page.next === undefined) return;
        cursor = page.next;
      }
    } finally {
      queue.close();
    }
  }

  private async fetchPage<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await call();
      } catch (e) {
        if (attempt >= 4) throw e;
        this.deps.logger.warn({ attempt, error: describeError(e) }, 'target page failed; retrying');
        await this.deps.sleep(Math.min(30000, 1000 * 2 ** attempt) * (0.5 + this.deps.random() / 2));
      }
    }
  }

  /** Skips a recipient this runner already holds (a re-read page after a resume repeats left-over ones). */
  private async enqueue(queue: BoundedQueue<string>, userId: string): Promise<boolean> {
    if (this.inFlight.has(userId)) return true;
    this.inFlight.add(userId);
    const added = await queue.push(userId);
    if (!added) this.inFlight.delete(userId);
    return added;
  }

  /** N workers on one queue. */
  private async drain(ctx: DeliverContext, queue: BoundedQueue<string>): Promise<void> {
    const worker = async () => {
      for (let userId = await queue.pop(); userId !== undefined; userId = await queue.pop()) {
        try {
          if (ctx.shouldStop()) return;
          await deliver(ctx, userId);
        } catch (e) {
          if (e instanceof LeaseLost) throw e;
          this.deps.logger.warn({ campaignId: ctx.campaign.id, userId, error: describeError(e) }, 'nudge failed unexpectedly; left for the next run');
        } finally {
          this.inFlight.delete(userId);
        }
      }
    };
    await Promise.all(Array.from({ length: ctx.campaign.settings.concurrency }, worker));
  }

  /** Deferred (quiet hours) and snoozed recipients, in time order, until none are left. */
  private async sweep(ctx: DeliverContext): Promise<void> {
    const every = this.deps.heartbeatMs ?? 1000;
    while (!ctx.shouldStop()) {
      const entries = await ctx.repo.scheduled(ctx.campaign.id, 200);
      const first = entries[0];
      if (first === undefined) return;
      const now = ctx.clock.now().getTime();
      const due = entries.filter((e) => Date.parse(e.notBefore) <= now);
      if (due.length === 0) {
        await this.deps.sleep(Math.min(every * 10, Date.parse(first.notBefore) - now));
        continue;
      }
      const queue = this.newQueue(due.length);
      const byUser = new Map(due.map((e) => [e.userId, e.notBefore]));
      for (const e of due) await queue.push(e.userId);
      queue.close();
      await this.drainDue(ctx, queue, byUser);
    }
  }

  private async drainDue(ctx: DeliverContext, queue: BoundedQueue<string>, notBefore: Map<string, string>): Promise<void> {
    const worker = async () => {
      for (let userId = await queue.pop(); userId !== undefined; userId = await queue.pop()) {
        try {
          const outcome = await deliver(ctx, userId, true);
          const at = notBefore.get(userId);
          if (outcome !== 'stopped' && at !== undefined) await ctx.repo.unschedule(ctx.campaign.id, userId, at);
        } catch (e) {
          this.deps.logger.warn({ campaignId: ctx.campaign.id, userId, error: describeError(e) }, 'deferred nudge failed unexpectedly; left scheduled');
          await this.deps.sleep(this.deps.heartbeatMs ?? 1000);
        }
      }
    };
    await Promise.all(Array.from({ length: ctx.campaign.settings.concurrency }, worker));
  }

  private newQueue(size: number): BoundedQueue<string> {
    const q = new BoundedQueue<string>(size);
    this.queues.add(q);
    if (this.stopReason !== undefined) q.abort();
    return q;
  }
}

function newRecipient(campaignId: string, user: TargetUser, now: string): Recipient {
  return {
    campaignId,
    userId: user.id,
    state: 'pending',
    round: 1,
    ...(user.userPrincipalName ? { userPrincipalName: user.userPrincipalName } : {}),
    ...(user.timeZone ? { timeZone: user.timeZone } : {}),
    ...(user.cohort ? { cohort: user.cohort } : {}),
    installed: false,
    attempts: 0,
    snoozes: 0,
    updatedAt: now,
  };
}
