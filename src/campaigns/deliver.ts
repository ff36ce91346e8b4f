/**
 * One recipient, one round: quiet hours → conversation (install the app when needed) → mark
 * `sending` (conditional write) → send with the idempotency key → mark `sent` | `failed`.
 * A `sending` record left by a crash is resolved by asking the sender whether the key was
 * delivered; if not, the same key is sent again (the connector drops a repeat of a key).
 */
import type { Clock } from '../shared/clock';
import type { Campaign, Counters, Recipient } from './model';
import { nudgeKey } from './model';
import type { Pacer } from './pacer';
import type { NudgeSender } from './ports';
import { addFailure } from './progress';
import type { RateMeter } from './progress';
import type { LocalHours } from './quietHours';
import type { RecipientRepo } from './recipients';
import { FinalFailure, withRetries, type RetryPolicy } from './retry';

export interface DeliverContext {
  campaign: Campaign;
  repo: RecipientRepo;
  sender: NudgeSender;
  pacer: Pacer;
  policy: RetryPolicy;
  clock: Clock;
  hours: LocalHours;
  counters: Counters;
  meter: RateMeter;
  shouldStop: () => boolean;
}

export type DeliverOutcome = 'sent' | 'failed' | 'deferred' | 'skipped' | 'stopped';

/** `due`: called by the schedule sweep, so deferred / snoozed records are acted on. */
export async function deliver(ctx: DeliverContext, userId: string, due = false): Promise<DeliverOutcome> {
  const item = await ctx.repo.get(ctx.campaign.id, userId);
  if (!item) return 'skipped';
  const r = item.value;
  if (r.state === 'sent' || r.state === 'failed') return 'skipped';
  if ((r.state === 'deferred' || r.state === 'snoozed') && !due) return 'skipped';
  if (r.state === 'sending' && r.conversationId !== undefined) return resolveSending(ctx, r, item.etag, r.conversationId);
  if (ctx.shouldStop()) return 'stopped';

  const now = ctx.clock.now();
  const allowed = ctx.hours.nextAllowed(ctx.campaign.settings.quietHours, r.timeZone, now);
  if (allowed.getTime() > now.getTime()) return defer(ctx, r, item.etag, allowed.toISOString());

  let conversation: { id: string; installed: boolean };
  try {
    conversation = r.conversationId ? { id: r.conversationId, installed: false } : await ensureConversation(ctx, userId);
  } catch (e) {
    if (e instanceof FinalFailure) return fail(ctx, r, item.etag, e);
    throw e;
  }
  if (ctx.shouldStop()) return 'stopped';
  const sending: Recipient = {
    ...r,
    state: 'sending',
    conversationId: conversation.id,
    installed: r.installed || conversation.installed,
    attempts: r.attempts + 1,
    updatedAt: ctx.clock.now().toISOString(),
  };
  const etag = await ctx.repo.update(sending, item.etag);
  if (etag === undefined) return 'skipped';
  if (conversation.installed && !r.installed) ctx.counters.installed += 1;
  if (r.state === 'deferred') ctx.counters.deferred -= 1;
  return sendAndRecord(ctx, sending, etag, conversation.id);
}

async function ensureConversation(ctx: DeliverContext, userId: string): Promise<{ id: string; installed: boolean }> {
  const known = await ctx.sender.findConversation(userId);
  if (known !== undefined) return { id: known, installed: false };
  const create = () => withRetries('create', ctx.pacer.connector, ctx.policy, () => ctx.sender.createConversation(userId));
  try {
    return { id: await create(), installed: false };
  } catch (e) {
    if (!(e instanceof FinalFailure) || e.reason !== 'not_in_roster') throw e;
  }
  const result = await withRetries('install', ctx.pacer.install, ctx.policy, () => ctx.sender.installApp(userId));
  return { id: await create(), installed: result === 'installed' };
}

async function resolveSending(ctx: DeliverContext, r: Recipient, etag: string, conversationId: string): Promise<DeliverOutcome> {
  const key = nudgeKey(r.campaignId, r.userId, r.round);
  try {
    const delivered = await withRetries('lookup', ctx.pacer.connector, ctx.policy, () => ctx.sender.wasDelivered(conversationId, key));
    if (delivered) return recordSent(ctx, r, etag, delivered.activityId);
  } catch (e) {
    if (e instanceof FinalFailure) return fail(ctx, r, etag, e);
    throw e;
  }
  return sendAndRecord(ctx, r, etag, conversationId);
}

async function sendAndRecord(ctx: DeliverContext, r: Recipient, etag: string, conversationId: string): Promise<DeliverOutcome> {
  const key = nudgeKey(r.campaignId, r.userId, r.round);
  const nudge = { campaignId: r.campaignId, userId: r.userId, round: r.round, snoozesLeft: Math.max(0, ctx.campaign.settings.maxSnoozes - r.snoozes) };
  try {
    const { activityId } = await withRetries(
      'send',
      ctx.pacer.connector,
      ctx.policy,
      () => ctx.sender.send(conversationId, nudge, key),
      () => ctx.pacer.conversations.acquire(conversationId),
    );
    return await recordSent(ctx, r, etag, activityId);
  } catch (e) {
    if (e instanceof FinalFailure) return fail(ctx, r, etag, e);
    throw e;
  } finally {
    ctx.pacer.conversations.release(conversationId);
  }
}

async function recordSent(ctx: DeliverContext, r: Recipient, etag: string, activityId: string): Promise<DeliverOutcome> {
  const now = ctx.clock.now().toISOString();
  const sent: Recipient = { ...r, state: 'sent', activityId, sentAt: now, firstSentAt: r.firstSentAt ?? now, notBefore: undefined, updatedAt: now };
  if ((await ctx.repo.update(sent, etag)) === undefined) return 'skipped';
  if (r.firstSentAt === undefined) ctx.counters.sent += 1;
  ctx.meter.mark();
  return 'sent';
}

async function fail(ctx: DeliverContext, r: Recipient, etag: string, f: FinalFailure): Promise<DeliverOutcome> {
  const failure = { reason: f.reason, ...(f.status === undefined ? {} : { status: f.status }), ...(f.code ? { code: f.code } : {}) };
  const failed: Recipient = { ...r, state: 'failed', failure, notBefore: undefined, updatedAt: ctx.clock.now().toISOString() };
  if ((await ctx.repo.update(failed, etag)) === undefined) return 'skipped';
  if (r.state === 'deferred') ctx.counters.deferred -= 1;
  addFailure(ctx.counters, f.reason);
  return 'failed';
}

/** Schedule entry first, then the record: a crash in between leaves a pending record the index also points at. */
async function defer(ctx: DeliverContext, r: Recipient, etag: string, notBefore: string): Promise<DeliverOutcome> {
  await ctx.repo.schedule(r.campaignId, r.userId, notBefore);
  const deferred: Recipient = { ...r, state: r.state === 'snoozed' ? 'snoozed' : 'deferred', notBefore, updatedAt: ctx.clock.now().toISOString() };
  if ((await ctx.repo.update(deferred, etag)) === undefined) return 'skipped';
  if (r.state === 'pending') ctx.counters.deferred += 1;
  return 'deferred';
}
