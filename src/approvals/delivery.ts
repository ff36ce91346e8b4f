/**
 * Delivery of an issued pass to the employee's 1:1 chat, once. A deliverer first claims the
 * request (conditional write of a delivery lease), reads the pass from the vault, sends it, and
 * marks it delivered (conditional again), which deletes the vault entry. `pendingDeliveries()`
 * lists what a restarted instance still has to send.
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
  return issued.map((l) => l.request).filter((r) => !passExpired(r, now) && !leaseActive(r, now));
}

export async function claimDelivery(ctx: ApprovalContext, requestId: string, claimant: string): Promise<ApprovalResult<Claimed>> {
  const loaded = await ctx.repo.get(requestId);
  if (!loaded) return refuse('not_found', 'there is no such request');
  const r = loaded.request;
  const now = ctx.clock.now().getTime();
  if (r.state === 'delivered' || r.issuance?.deliveredAt !== undefined) return refuse('already_delivered', 'the pass was already delivered', { request: r });
  if (r.state !== 'issued') return refuse('not_issued', `the request is ${r.state}`, { request: r });
  if (passExpired(r, now)) return refuse('pass_expired', 'the pass expired before it was delivered', { request: r });
  if (leaseActive(r, now) && r.delivery?.by !== claimant) return refuse('delivery_in_progress', 'another instance is delivering this pass', { request: r });
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

/** claim → send → mark delivered. The bot passes its sender; the pass never leaves this call otherwise. */
export async function deliver(ctx: ApprovalContext, requestId: string, claimant: string, send: SendPass): Promise<ApprovalResult> {
  const claimed = await claimDelivery(ctx, requestId, claimant);
  if (!claimed.ok) return claimed;
  let activityId: string;
  try {
    activityId = (await send(claimed.value)).activityId;
  } catch (e) {
    await releaseClaim(ctx, requestId, claimant);
    await audit(ctx, 'tap.delivery_failed', 'system', claimed.value.request, { attempt: claimed.value.request.delivery?.attempt ?? 1 });
    ctx.logger.warn({ requestId, err: e instanceof Error ? e.name : 'error' }, 'sending the pass failed');
    return refuse('delivery_failed', 'the pass could not be sent; it is retried', { request: claimed.value.request });
  }
  return markDelivered(ctx, requestId, activityId);
}
