/** Progress, the final report and the results ("who registered after the nudge"), read from the store. */
import type { DocumentStore } from '../storage/types';
import { readRun } from './lease';
import { emptyCounters, FAILURE_REASONS, type Campaign, type Counters, type FailureReason, type RecipientState } from './model';
import type { TargetSource } from './ports';
import { RecipientRepo } from './recipients';

export const FAILURE_LABELS: Record<FailureReason, string> = {
  blocked_bot: 'blocked the bot',
  bot_disabled_by_admin: 'bot disabled by the tenant admin',
  app_not_allowed: 'app not allowed for this user',
  not_in_roster: 'bot not installed for this user',
  retries_exhausted: 'Teams kept refusing (gave up after retries)',
  rejected: 'rejected by Teams',
};

export interface FailureCount {
  reason: FailureReason;
  label: string;
  count: number;
}

export interface Progress {
  campaignId: string;
  status: Campaign['status'];
  targeted: number;
  sent: number;
  installed: number;
  failed: number;
  failures: FailureCount[];
  deferred: number;
  remaining: number;
  ratePerSecond: number;
  etaSeconds?: number;
  updatedAt?: string;
}

function failureList(byReason: Record<string, number>): FailureCount[] {
  return FAILURE_REASONS.filter((r) => (byReason[r] ?? 0) > 0).map((reason) => ({ reason, label: FAILURE_LABELS[reason], count: byReason[reason] ?? 0 }));
}

/** From the runner's last snapshot (at most one heartbeat old). */
export async function readProgress(store: DocumentStore, campaign: Campaign): Promise<Progress> {
  const run = await readRun(store, campaign.id);
  const c: Counters = run?.value.counters ?? emptyCounters();
  const expected = run?.value.exhausted ? c.targeted : Math.max(campaign.preview?.targets ?? 0, c.targeted);
  const remaining = Math.max(0, expected - c.sent - c.failed);
  const rate = campaign.status === 'running' ? (run?.value.ratePerSecond ?? 0) : 0;
  return {
    campaignId: campaign.id,
    status: campaign.status,
    targeted: c.targeted,
    sent: c.sent,
    installed: c.installed,
    failed: c.failed,
    failures: failureList(c.failedByReason),
    deferred: c.deferred,
    remaining,
    ratePerSecond: rate,
    ...(rate > 0 ? { etaSeconds: Math.ceil(remaining / rate) } : {}),
    ...(run ? { updatedAt: run.value.updatedAt } : {}),
  };
}

export interface FinalReport {
  campaignId: string;
  status: Campaign['status'];
  startedAt?: string;
  finishedAt?: string;
  byState: Record<RecipientState, number>;
  targeted: number;
  sent: number;
  installed: number;
  failures: FailureCount[];
  responses: { setup: number; stuck: number; snooze: number };
}

/** Recounted from every record (exact, one lazy scan). */
export async function finalReport(store: DocumentStore, campaign: Campaign): Promise<FinalReport> {
  const byState: Record<RecipientState, number> = { pending: 0, deferred: 0, sending: 0, sent: 0, failed: 0, snoozed: 0 };
  const responses = { setup: 0, stuck: 0, snooze: 0 };
  const failed: Record<string, number> = {};
  let targeted = 0;
  let sent = 0;
  let installed = 0;
  for await (const r of new RecipientRepo(store).scan(campaign.id)) {
    targeted += 1;
    byState[r.state] += 1;
    if (r.firstSentAt !== undefined) sent += 1;
    if (r.installed) installed += 1;
    if (r.failure) failed[r.failure.reason] = (failed[r.failure.reason] ?? 0) + 1;
    if (r.response) responses[r.response] += 1;
  }
  return {
    campaignId: campaign.id,
    status: campaign.status,
    ...(campaign.startedAt ? { startedAt: campaign.startedAt } : {}),
    ...(campaign.finishedAt ? { finishedAt: campaign.finishedAt } : {}),
    byState,
    targeted,
    sent,
    installed,
    failures: failureList(failed),
    responses,
  };
}

export interface Results {
  campaignId: string;
  days: number;
  nudged: { total: number; registered: number; registeredWithinDays: number; registeredTimingUnknown: number; rate: number };
  notNudged: { total: number; registered: number; rate: number };
}

const BATCH = 100;
const DAY_MS = 24 * 3600 * 1000;

/** Nudged employees who registered within `days` of their first nudge, against those not (yet) nudged. */
export async function computeResults(store: DocumentStore, source: TargetSource, campaign: Campaign, days: number): Promise<Results> {
  const nudged = { total: 0, registered: 0, registeredWithinDays: 0, registeredTimingUnknown: 0, rate: 0 };
  const notNudged = { total: 0, registered: 0, rate: 0 };
  let batch: Array<{ userId: string; firstSentAt?: string }> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const status = new Map((await source.registration(campaign.tenantId, batch.map((b) => b.userId))).map((s) => [s.id, s]));
    for (const b of batch) {
      const s = status.get(b.userId);
      const registered = s?.isMfaRegistered === true;
      if (b.firstSentAt === undefined) {
        notNudged.total += 1;
        if (registered) notNudged.registered += 1;
        continue;
      }
      nudged.total += 1;
      if (!registered) continue;
      nudged.registered += 1;
      if (s?.registeredAt === undefined) nudged.registeredTimingUnknown += 1;
      else {
        const after = Date.parse(s.registeredAt) - Date.parse(b.firstSentAt);
        if (after >= 0 && after <= days * DAY_MS) nudged.registeredWithinDays += 1;
      }
    }
    batch = [];
  };
  for await (const r of new RecipientRepo(store).scan(campaign.id)) {
    batch.push({ userId: r.userId, ...(r.firstSentAt ? { firstSentAt: r.firstSentAt } : {}) });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  nudged.rate = nudged.total > 0 ? nudged.registeredWithinDays / nudged.total : 0;
  notNudged.rate = notNudged.total > 0 ? notNudged.registered / notNudged.total : 0;
  return { campaignId: campaign.id, days, nudged, notNudged };
}
