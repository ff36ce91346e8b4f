/**
 * After issuance: redaction (the pass was used or expired), revocation, and the periodic sweep
 * that expires pending requests, resumes crashed issuances and finds passes due for redaction.
 */
import { describeError, isAppError } from '../shared/errors';
import { resumeIssuance } from './approve';
import { audit, commit, notify, nowIso, releaseOpen, type ApprovalContext } from './context';
import { expireRequest } from './guards';
import type { Person, TapRequest } from './model';
import type { Loaded } from './repository';
import { ok, refuse, type ApprovalResult } from './results';

/** Why a delivered pass left the chat; `used_or_removed` when the directory cannot tell which. */
export type RedactionReason = 'used' | 'expired' | 'removed' | 'used_or_removed' | 'revoked' | 'expired_before_delivery';

export interface SweepReport {
  expired: string[];
  resumed: string[];
  /** Delivered passes whose 1:1 message the bot must now redact, then call redact(). */
  redactionDue: Array<{ requestId: string; activityId?: string; reason: RedactionReason }>;
  /** Passes that expired or were consumed before delivery: redacted here (nothing was sent). */
  redactedUndelivered: string[];
  vaultPurged: number;
}

async function redactLoaded(ctx: ApprovalContext, loaded: Loaded, reason: RedactionReason): Promise<ApprovalResult> {
  const r = loaded.request;
  if (r.issuance?.redactedAt !== undefined) return ok(r);
  if (!r.issuance) return refuse('not_issued', `the request is ${r.state}`, { request: r });
  const issuance = { ...r.issuance, redactedAt: nowIso(ctx), redactionReason: reason };
  const done = await commit(ctx, loaded, 'redact', 'system', { issuance, delivery: undefined });
  if (!done.ok) return done;
  await ctx.vault.delete(r.id);
  await audit(ctx, 'tap.redacted', 'system', done.loaded.request, {
    reason,
    methodId: issuance.tapMethodId,
    ...(issuance.deliveredActivityId ? { activityId: issuance.deliveredActivityId } : {}),
  });
  await releaseOpen(ctx, done.loaded.request);
  return ok(done.loaded.request);
}

/** Records that the pass message is gone (the bot updated it) and wipes any vault copy. Idempotent. */
export async function redact(ctx: ApprovalContext, requestId: string, reason: RedactionReason = 'expired'): Promise<ApprovalResult> {
  const loaded = await ctx.repo.get(requestId);
  if (!loaded) return refuse('not_found', 'there is no such request');
  return redactLoaded(ctx, loaded, reason);
}

export async function revoke(ctx: ApprovalContext, requestId: string, by: Person, reason: string): Promise<ApprovalResult> {
  const loaded = await ctx.repo.get(requestId);
  if (!loaded) return refuse('not_found', 'there is no such request');
  const r = loaded.request;
  const own = by.aadObjectId === r.requester.aadObjectId;
  if (!own && !(await ctx.directory.isApprover(by.aadObjectId, ctx.policy.approversGroupId))) {
    await audit(ctx, 'tap.decision_refused', by.aadObjectId, r, { attempted: 'revoke', reason: 'not_authorized' });
    return refuse('not_authorized', 'only the employee or an approver can revoke a pass', { request: r });
  }
  if ((r.state !== 'issued' && r.state !== 'delivered') || !r.issuance) return refuse('not_revocable', `the request is ${r.state}`, { request: r });
  try {
    await ctx.issuer.revoke(r.requester.aadObjectId, r.issuance.tapMethodId);
  } catch (e) {
    if (!(isAppError(e) && e.kind === 'not_found')) {
      await audit(ctx, 'tap.revoke_failed', by.aadObjectId, r, { reason: reason.slice(0, 1000), error: describeError(e).slice(0, 300) });
      return refuse('issuer_unavailable', 'the pass could not be revoked right now; try again', { request: r });
    }
  }
  const revocation = { by, at: nowIso(ctx), reason: reason.trim().slice(0, 1000) };
  const done = await commit(ctx, loaded, 'revoke', by.aadObjectId, { revocation, delivery: undefined });
  if (!done.ok) return done;
  await ctx.vault.delete(r.id);
  await audit(ctx, 'tap.revoked', by.aadObjectId, done.loaded.request, { reason: revocation.reason, methodId: r.issuance.tapMethodId });
  await releaseOpen(ctx, done.loaded.request);
  await notify(ctx, { kind: 'revoked', request: done.loaded.request, note: revocation.reason });
  return ok(done.loaded.request);
}

/** Directory reads can lag a fresh pass by minutes; do not call a pass "used" before this. */
const USAGE_CHECK_GRACE_MS = 5 * 60_000;

/**
 * Why a pass is gone, if it is. An undelivered pass is judged by expiry only, so a lagging
 * directory read can never destroy a pass before the employee received it.
 */
async function passGone(ctx: ApprovalContext, r: TapRequest, now: number): Promise<RedactionReason | undefined> {
  if (!r.issuance) return undefined;
  if (Date.parse(r.issuance.expiresAt) <= now) return r.state === 'issued' ? 'expired_before_delivery' : 'expired';
  if (r.state !== 'delivered' || now < Date.parse(r.issuance.startDateTime) + USAGE_CHECK_GRACE_MS) return undefined;
  const current = await ctx.directory.existingUsableTap(r.requester.aadObjectId);
  return current?.methodId === r.issuance.tapMethodId ? undefined : 'used_or_removed';
}

export async function sweep(base: ApprovalContext, at?: Date): Promise<SweepReport> {
  const ctx: ApprovalContext = at ? { ...base, clock: { now: () => new Date(at.getTime()) } } : base;
  const now = ctx.clock.now().getTime();
  const report: SweepReport = { expired: [], resumed: [], redactionDue: [], redactedUndelivered: [], vaultPurged: 0 };
  const live = await ctx.repo.list({ states: ['pending', 'awaiting_manager', 'issuing', 'issued', 'delivered', 'revoked'] });
  for (const loaded of live) {
    const r = loaded.request;
    try {
      if ((r.state === 'pending' || r.state === 'awaiting_manager') && Date.parse(r.expiresAt) <= now) {
        if ((await expireRequest(ctx, loaded, 'system')).ok) report.expired.push(r.id);
      } else if (r.state === 'issuing' && (!r.issuing || Date.parse(r.issuing.until) <= now)) {
        await resumeIssuance(ctx, loaded);
        report.resumed.push(r.id);
      } else if (r.state === 'revoked' && r.issuance?.deliveredActivityId && !r.issuance.redactedAt) {
        report.redactionDue.push({ requestId: r.id, activityId: r.issuance.deliveredActivityId, reason: 'revoked' });
      } else if (r.state === 'issued' || r.state === 'delivered') {
        const reason = await passGone(ctx, r, now);
        if (reason === undefined) continue;
        if (r.state === 'issued') {
          if ((await redactLoaded(ctx, loaded, reason)).ok) report.redactedUndelivered.push(r.id);
        } else {
          report.redactionDue.push({ requestId: r.id, activityId: r.issuance?.deliveredActivityId, reason });
          await notify(ctx, { kind: 'redaction_due', request: r, reason });
        }
      }
    } catch (e) {
      ctx.logger.warn({ requestId: r.id, err: describeError(e) }, 'sweep step failed; retried next sweep');
    }
  }
  report.vaultPurged = await ctx.vault.purgeExpired();
  return report;
}
