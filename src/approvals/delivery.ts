/**
 * Delivery of an issued pass to the employee's 1:1 chat, at most once. A deliverer first claims
 * the request (conditional write of a delivery lease), reads the pass from the vault, records that
 * the send starts (`sendingAt`), sends it, and marks it delivered (conditional again), which
 * deletes the vault entry. `pendingDeliveries()` lists what a restarted instance still has to send.
 *
 * The Bot Connector has no idempotency key, so a send whose outcome is unknown is never repeated:
 * when the sender cannot say the pass was not posted (a timeout, 502/504, a reset after the request
 * left), or the instance stopped after the send started, the delivery is recorded as unconfirmed
 * (`tap.delivery_unconfirmed`) and left to people (the helpdesk can revoke and issue a new pass).
 * Only a failure the sender proves harmless (`PassNotSent`) releases the claim for a retry.
 */
import { describeError } from '../shared/errors';
import { audit, commit, notify, nowIso, releaseOpen, type ApprovalContext } from './context';
import type { TapRequest } from './model';
import { ok, refuse, type ApprovalResult } from './results';

export interface Claimed {
  request: TapRequest;
  /** Hold it only for the send; never log, store or audit it. */
  pass: string;
}

/** What the bot's sender returns: the id of the 1:1 message that carries the pass (for redaction). */
export type SendPass = (claimed: Claimed) => Promise<{ activityId: string }>;

/** Thrown by a sender when the pass certainly did not reach the chat (refused before or on arrival): safe to retry. */
export class PassNotSent extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PassNotSent';
  }
}

function leaseActive(r: TapRequest, now: number): boolean {
  return r.delivery !== undefined && Date.parse(r.delivery.until) > now;
}

function passExpired(r: TapRequest, now: number): boolean {
  return r.issuance !== undefined && Date.parse(r.issuance.expiresAt) <= now;
}

/** Issued, not delivered, still valid, and nobody is delivering it right now. */
export async function pendingDeliveries(ctx: ApprovalContext): Promise<TapRequest[]> {
  const now = ctx.clock.now().getTime();
  const issued = await ctx.repo.list({ states: ['issued'] });
  return issued.map((l) => l.request).filter((r) => !passExpired(r, now) && !leaseActive(r, now) && r.delivery?.unconfirmedAt === undefined);
}

export async function claimDelivery(ctx: ApprovalContext, requestId: string, claimant: string): Promise<ApprovalResult<Claimed>> {
  const loaded = await ctx.repo.get(requestId);
  if (!loaded) return refuse('not_found', 'there is no such request');
  const r = loaded.request;
  const now = ctx.clock.now().getTime();
  if (r.state === 'delivered' || r.issuance?.deliveredAt !== undefined) return refuse('already_delivered', 'the pass was already delivered', { request: r });
  if (r.state !== 'issued') return refuse('not_issued', `the request is ${r.state}`, { request: r });
  if (passExpired(r, now)) return refuse('pass_expired', 'the pass expired before it was delivered', { request: r });
  if (r.delivery?.unconfirmedAt !== undefined) return refuse('delivery_unconfirmed', 'an earlier send may have delivered the pass; it is not sent again', { request: r });
  if (leaseActive(r, now) && r.delivery?.by !== claimant) return refuse('delivery_in_progress', 'another instance is delivering this pass', { request: r });
  if (r.delivery?.sendingAt !== undefined && leaseActive(r, now)) return refuse('delivery_in_progress', 'this pass is being sent right now', { request: r });
  if (r.delivery?.sendingAt !== undefined) {
    // The last deliverer stopped after its send started: the pass may be in the chat already.
    await markUnconfirmed(ctx, requestId, 'stopped mid-send');
    return refuse('delivery_unconfirmed', 'an earlier send may have delivered the pass; it is not sent again', { request: r });
  }
  const pass = await ctx.vault.get(r.id);
  if (pass === undefined) return refuse('pass_unavailable', 'the pass is no longer in the vault', { request: r });

  const at = nowIso(ctx);
  const delivery = { by: claimant, at, until: new Date(now + ctx.policy.deliveryLeaseSeconds * 1000).toISOString(), attempt: (r.delivery?.attempt ?? 0) + 1 };
  const next: TapRequest = { ...r, delivery, version: r.version + 1 };
  const written = await ctx.repo.replace(loaded, next);
  if (!written) return refuse('delivery_in_progress', 'another instance claimed this delivery first', { request: r });
  return ok({ request: written.request, pass });
}

export async function markDelivered(ctx: ApprovalContext, requestId: string, activityId: string): Promise<ApprovalResult> {
  const loaded = await ctx.repo.get(requestId);
  if (!loaded) return refuse('not_found', 'there is no such request');
  const r = loaded.request;
  if (r.issuance?.deliveredActivityId !== undefined) {
    // A retried call with the same message is fine; any other is a second delivery.
    if (r.issuance.deliveredActivityId === activityId) return ok(r);
    return refuse('already_delivered', 'the pass was already delivered', { request: r });
  }
  if (!r.issuance) return refuse('not_issued', `the request is ${r.state}`, { request: r });
  const issuance = { ...r.issuance, deliveredActivityId: activityId, deliveredAt: nowIso(ctx) };
  const done = await commit(ctx, loaded, 'deliver', 'system', { issuance, delivery: undefined });
  if (!done.ok) {
    if (done.reason === 'already_decided' && done.request?.issuance?.deliveredActivityId === activityId) return ok(done.request);
    return done.reason === 'already_decided' ? refuse('already_delivered', 'the pass was already delivered', done.request ? { request: done.request } : {}) : done;
  }
  await ctx.vault.delete(r.id);
  await audit(ctx, 'tap.delivered', 'system', done.loaded.request, { activityId, methodId: issuance.tapMethodId, attempt: r.delivery?.attempt ?? 1 });
  // The issuer learns the pass arrived (so it is never "recovered" afterwards); best effort.
  await ctx.issuer.recordDelivery?.(r.id, issuance.tapMethodId).catch((e: unknown) => ctx.logger.warn({ requestId: r.id, err: describeError(e) }, 'delivery not recorded at the issuer'));
  await releaseOpen(ctx, done.loaded.request);
  await notify(ctx, { kind: 'delivered', request: done.loaded.request });
  return ok(done.loaded.request);
}

/** Gives a claimed delivery back after a failed send, so the next attempt need not wait for the lease. */
async function releaseClaim(ctx: ApprovalContext, requestId: string, claimant: string): Promise<void> {
  const loaded = await ctx.repo.get(requestId);
  if (!loaded || loaded.request.state !== 'issued' || loaded.request.delivery?.by !== claimant) return;
  await ctx.repo.replace(loaded, { ...loaded.request, delivery: undefined, version: loaded.request.version + 1 });
}

/** Records that a send's outcome is unknown; from then on nobody sends this pass again. */
async function markUnconfirmed(ctx: ApprovalContext, requestId: string, why: string): Promise<void> {
  const loaded = await ctx.repo.get(requestId);
  const r = loaded?.request;
  if (!loaded || !r?.delivery || r.delivery.unconfirmedAt !== undefined || r.issuance?.deliveredActivityId !== undefined) return;
  const written = await ctx.repo.replace(loaded, { ...r, delivery: { ...r.delivery, unconfirmedAt: nowIso(ctx) }, version: r.version + 1 });
  if (!written) return;
  await audit(ctx, 'tap.delivery_unconfirmed', 'system', written.request, { attempt: r.delivery.attempt, why });
  ctx.logger.warn({ requestId, why }, 'the pass may or may not have reached the employee; not sent again');
}

/** Records that the send starts now (a crash from here on leaves the delivery unconfirmed, never repeated). */
async function markSending(ctx: ApprovalContext, requestId: string, claimant: string): Promise<boolean> {
  const loaded = await ctx.repo.get(requestId);
  const r = loaded?.request;
  if (!loaded || !r?.delivery || r.delivery.by !== claimant || r.state !== 'issued') return false;
  return (await ctx.repo.replace(loaded, { ...r, delivery: { ...r.delivery, sendingAt: nowIso(ctx) }, version: r.version + 1 })) !== undefined;
}

/** claim → mark sending → send → mark delivered. The bot passes its sender; the pass never leaves this call otherwise. */
export async function deliver(ctx: ApprovalContext, requestId: string, claimant: string, send: SendPass): Promise<ApprovalResult> {
  const claimed = await claimDelivery(ctx, requestId, claimant);
  if (!claimed.ok) return claimed;
  if (!(await markSending(ctx, requestId, claimant))) return refuse('delivery_in_progress', 'another instance took over this delivery', { request: claimed.value.request });
  let activityId: string;
  try {
    activityId = (await send(claimed.value)).activityId;
  } catch (e) {
    if (!(e instanceof PassNotSent)) {
      await markUnconfirmed(ctx, requestId, e instanceof Error ? e.name : 'error');
      return refuse('delivery_unconfirmed', 'the send failed after it may have reached the chat; the pass is not sent again', { request: claimed.value.request });
    }
    await releaseClaim(ctx, requestId, claimant);
    await audit(ctx, 'tap.delivery_failed', 'system', claimed.value.request, { attempt: claimed.value.request.delivery?.attempt ?? 1 });
    ctx.logger.warn({ requestId, err: e instanceof Error ? e.name : 'error' }, 'sending the pass failed');
    return refuse('delivery_failed', 'the pass could not be sent; it is retried', { request: claimed.value.request });
  }
  return markDelivered(ctx, requestId, activityId);
}
