/**
 * Approval and issuance, exactly once. The approver's click is one conditional write
 * pending → approved → issuing (ETag); only its winner calls the issuer. The pass goes straight
 * into the PassVault, then the request becomes `issued` (conditional again). A crash anywhere in
 * between leaves an `issuing` lease that sweep() resumes with the same request id, which the
 * issuer treats as its idempotency key.
 */
import { isAppError, describeError } from '../shared/errors';
import { addMinutes, audit, commit, notify, nowIso, rateScopes, releaseOpen, type ApprovalContext } from './context';
import { checkApprover, isRefusal, loadUndecided } from './guards';
import { VerificationSchema, type Person, type TapRequest } from './model';
import { IssuedPassSchema, type IssuedPass } from './ports';
import type { Loaded } from './repository';
import { ok, refuse, type ApprovalResult } from './results';
import { transition } from './stateMachine';

export interface ApproveOptions {
  /** The approver explicitly chose to replace the employee's existing usable pass. */
  replaceExisting?: boolean;
  /** The approver's own Entra token (Teams SSO), carried to the issuer as proof. Never stored. */
  approverToken?: string;
}

/**
 * Issuer refusals that leave the request decidable: the approver's proof (sign in again) or the
 * verification evidence not yet enough (record more, then approve again). Back to pending.
 */
const PROOF_REASONS = ['unproven', 'auth_context_required', 'verification_insufficient'] as const;
function proofRefusal(e: unknown): (typeof PROOF_REASONS)[number] | undefined {
  const reason = isAppError(e) ? e.details.reason : undefined;
  return PROOF_REASONS.find((r) => r === reason);
}

const FINAL_ISSUER_ERRORS = ['refused', 'forbidden', 'bad_request', 'conflict', 'not_found', 'unauthenticated'];

function lease(ctx: ApprovalContext, attempt: number) {
  const at = nowIso(ctx);
  return { by: ctx.instanceId, at, until: new Date(Date.parse(at) + ctx.policy.issueLeaseSeconds * 1000).toISOString(), attempt };
}

export async function approve(ctx: ApprovalContext, requestId: string, approver: Person, verification: unknown, opts: ApproveOptions = {}): Promise<ApprovalResult> {
  const loaded = await loadUndecided(ctx, requestId, approver.aadObjectId);
  if (isRefusal(loaded)) return loaded;
  const r = loaded.request;
  const refused = await checkApprover(ctx, loaded, approver, 'approve');
  if (refused) return refused;
  const t = transition(r.state, 'approve');
  if (!t.ok) return refuse(t.reason, `this request is ${r.state}`, { request: r });

  const reject = async (reason: Parameters<typeof refuse>[0], message: string, details: Record<string, unknown> = {}) => {
    await audit(ctx, 'tap.approval_refused', approver.aadObjectId, r, { reason, ...details });
    return refuse(reason, message, { request: r, details });
  };
  const v = VerificationSchema.safeParse(verification);
  if (!v.success) return reject('verification_missing', 'record how you verified the employee (video call with ID, manager call-back, in person) and what you checked');
  if (ctx.policy.requireManagerConfirmation || r.managerConfirmation.required) {
    if (r.managerConfirmation.outcome !== 'confirmed') return reject('manager_confirmation_required', "the employee's manager has not confirmed yet");
    if (r.managerConfirmation.manager?.aadObjectId === approver.aadObjectId) {
      return reject('separation_of_duties', 'the manager who confirmed cannot also approve');
    }
  }
  const target = r.requester.aadObjectId;
  if (await ctx.directory.isPrivileged(target)) return reject('privileged_target', 'privileged accounts go to privileged-access staff', { escalateTo: 'privileged-access' });
  const tapPolicy = await ctx.directory.tapPolicyFor(target);
  if (!tapPolicy.allowed) return reject('tap_not_allowed', tapPolicy.reason ?? 'the policy does not allow a pass for this account');
  // After a lost answer the existing pass may be that lost one: the backend replaces it (and only it).
  const existing = r.history.some((h) => h.event === 'start_issuing') ? undefined : await ctx.directory.existingUsableTap(target);
  if (existing && opts.replaceExisting !== true) {
    return reject('existing_tap', 'the employee already has a usable pass; replace it only if they cannot use it', { existingMethodId: existing.methodId });
  }
  const scopes = rateScopes(ctx, r.tenantId, approver.aadObjectId);
  const room = await ctx.rate.check(scopes);
  if (!room.ok) return reject('rate_limited', 'too many passes were approved recently', { scope: room.scope, limit: room.limit, retryAfterSeconds: room.retryAfterSeconds });

  const wanted = ctx.policy.lifetimeMinutes ?? tapPolicy.minLifetimeInMinutes;
  const lifetime = Math.min(Math.max(wanted, tapPolicy.minLifetimeInMinutes), tapPolicy.maxLifetimeInMinutes);
  const decision = {
    outcome: 'approved' as const,
    by: approver,
    at: nowIso(ctx),
    verification: v.data,
    replaceExisting: existing !== undefined,
    ...(existing ? { replacedMethodId: existing.methodId } : {}),
  };
  const won = await commit(ctx, loaded, ['approve', 'start_issuing'], approver.aadObjectId, { decision, plannedLifetimeMinutes: lifetime, issuing: lease(ctx, 1) });
  if (!won.ok) return won;
  await audit(ctx, 'tap.approved', approver.aadObjectId, won.loaded.request, {
    verificationMethod: v.data.method,
    verificationNote: v.data.note,
    lifetimeInMinutes: lifetime,
    replaceExisting: decision.replaceExisting,
    ...(existing ? { replacedMethodId: existing.methodId } : {}),
  });
  return runIssuance(ctx, won.loaded, opts.approverToken);
}

/** Takes over an `issuing` request whose lease ran out (the instance that held it died). */
export async function resumeIssuance(ctx: ApprovalContext, loaded: Loaded): Promise<ApprovalResult> {
  const r = loaded.request;
  const attempt = (r.issuing?.attempt ?? 0) + 1;
  if (attempt > ctx.policy.maxIssueAttempts) return fail(ctx, loaded, 'attempts_exhausted', `issuing did not finish after ${attempt - 1} attempts`);
  const taken = await commit(ctx, loaded, 'start_issuing', 'system', { issuing: lease(ctx, attempt) }, `resumed by ${ctx.instanceId}`);
  if (!taken.ok) return taken;
  return runIssuance(ctx, taken.loaded);
}

async function fail(ctx: ApprovalContext, loaded: Loaded, code: string, message: string): Promise<ApprovalResult> {
  const r = loaded.request;
  const done = await commit(ctx, loaded, 'issue_failed', 'system', { failure: { at: nowIso(ctx), code, message: message.slice(0, 500) }, issuing: undefined });
  if (!done.ok) return done;
  const approverId = r.decision?.by.aadObjectId ?? 'system';
  await ctx.rate.release(rateScopes(ctx, r.tenantId, approverId), r.id);
  await audit(ctx, 'tap.issue_failed', 'system', done.loaded.request, { code, message: message.slice(0, 500) });
  await releaseOpen(ctx, done.loaded.request);
  await notify(ctx, { kind: 'failed', request: done.loaded.request, note: message });
  return refuse('issuer_refused', message, { request: done.loaded.request });
}

/** An earlier issuing attempt of this request may have created a pass whose answer was lost. */
function lostBefore(r: TapRequest): boolean {
  return (r.issuing?.attempt ?? 1) > 1 || r.history.filter((h) => h.event === 'start_issuing').length > 1;
}

async function runIssuance(ctx: ApprovalContext, loaded: Loaded, approverToken?: string): Promise<ApprovalResult> {
  const r = loaded.request;
  const approverId = r.decision?.by.aadObjectId;
  const lifetime = r.plannedLifetimeMinutes;
  if (approverId === undefined || lifetime === undefined) return fail(ctx, loaded, 'corrupt', 'the approval record is incomplete');

  const scopes = rateScopes(ctx, r.tenantId, approverId);
  const room = await ctx.rate.reserve(scopes, r.id);
  if (!room.ok) {
    // Lost a race for the last slot after winning the request: hand it back to pending.
    const back = await commit(ctx, loaded, 'release', 'system', { decision: undefined, issuing: undefined, plannedLifetimeMinutes: undefined }, 'rate limited');
    const now = back.ok ? back.loaded.request : r;
    await audit(ctx, 'tap.approval_refused', approverId, now, { reason: 'rate_limited', scope: room.scope, limit: room.limit });
    return refuse('rate_limited', 'too many passes were approved recently', { request: now, details: { scope: room.scope, retryAfterSeconds: room.retryAfterSeconds } });
  }

  let issued: IssuedPass;
  try {
    const raw = await ctx.issuer.issue({
      requestId: r.id,
      targetUserId: r.requester.aadObjectId,
      approverId,
      lifetimeMinutes: lifetime,
      isUsableOnce: true,
      replaceExisting: r.decision?.replaceExisting === true,
      ...(r.decision?.verification ? { verification: r.decision.verification } : {}),
      // A retry after a lost attempt (crash or timeout after the issuer may have created the pass),
      // by the sweep or by the approver approving again after a lost answer; the backend then
      // replaces the lost pass only with this approver's own token, once, before delivery.
      ...(lostBefore(r) ? { recoverLost: true } : {}),
      ...(approverToken ? { approverToken } : {}),
    });
    const parsed = IssuedPassSchema.safeParse(raw);
    if (!parsed.success) return fail(ctx, loaded, 'invalid_issuer_response', 'the issuer returned an unusable answer');
    issued = parsed.data;
  } catch (e) {
    const unproven = proofRefusal(e);
    if (unproven) {
      // Nothing was issued: the decision is undone so the approver can sign in again and retry.
      await ctx.rate.release(scopes, r.id);
      const back = await commit(ctx, loaded, 'release', 'system', { decision: undefined, issuing: undefined, plannedLifetimeMinutes: undefined }, unproven);
      const now = back.ok ? back.loaded.request : r;
      await audit(ctx, 'tap.approval_refused', approverId, now, { reason: unproven, message: describeError(e) });
      // A resumed attempt carries no token: the approver must approve again (the card shows the buttons).
      if (!approverToken && back.ok) await notify(ctx, { kind: 'requested', request: now });
      return refuse(unproven, isAppError(e) ? e.message : 'the approver\'s sign-in was not accepted', { request: now });
    }
    // Evaluation mode: the backend checked every rule and would have issued; the request ends here.
    if (isAppError(e) && e.details.reason === 'shadow_mode') return fail(ctx, loaded, 'shadow_mode', e.message);
    const final = isAppError(e) && FINAL_ISSUER_ERRORS.includes(e.kind);
    if (final) return fail(ctx, loaded, isAppError(e) ? e.kind : 'error', describeError(e));
    ctx.logger.warn({ requestId: r.id, attempt: r.issuing?.attempt, err: describeError(e) }, 'TAP issuing failed; sweep will retry after the lease');
    return refuse('issuer_unavailable', 'issuing the pass failed for now; it is retried automatically', { request: r });
  }

  const expiresAt = addMinutes(issued.startDateTime, issued.lifetimeInMinutes);
  await ctx.vault.put(r.id, issued.pass, expiresAt);
  const issuance: TapRequest['issuance'] = {
    tapMethodId: issued.methodId,
    startDateTime: issued.startDateTime,
    lifetimeInMinutes: issued.lifetimeInMinutes,
    expiresAt,
    isUsableOnce: issued.isUsableOnce,
  };
  const done = await commit(ctx, loaded, 'issue_succeeded', 'system', { issuance, issuing: undefined });
  if (!done.ok) return done;
  await audit(ctx, 'tap.issued', approverId, done.loaded.request, {
    methodId: issued.methodId,
    startDateTime: issued.startDateTime,
    lifetimeInMinutes: issued.lifetimeInMinutes,
    expiresAt,
    isUsableOnce: issued.isUsableOnce,
    attempt: r.issuing?.attempt ?? 1,
    ...(r.decision?.replacedMethodId ? { replacedMethodId: r.decision.replacedMethodId } : {}),
  });
  await notify(ctx, { kind: 'ready_for_delivery', request: done.loaded.request });
  return ok(done.loaded.request);
}
