/** Filing a request and the decisions that do not issue a pass: ask for info, manager, deny, cancel. */
import { isAppError } from '../shared/errors';
import { newId } from '../shared/ids';
import { addMinutes, audit, commit, notify, nowIso, releaseOpen, type ApprovalContext } from './context';
import { checkApprover, isRefusal, loadUndecided } from './guards';
import { NewTapRequestSchema, type NewTapRequest, type Person, type RiskSignal, type TapRequest, type TapState } from './model';
import { ok, refuse, type ApprovalResult } from './results';

const OPEN_STATES: readonly TapState[] = ['pending', 'awaiting_manager', 'approved', 'issuing', 'issued'];

async function refuseRequest(ctx: ApprovalContext, input: { tenantId: string; requester: { aadObjectId: string } }, reason: string, details: Record<string, unknown>) {
  await ctx.auditLog.append({
    at: nowIso(ctx),
    action: 'tap.request_refused',
    actor: input.requester.aadObjectId,
    subject: input.requester.aadObjectId,
    details: { tenantId: input.tenantId, reason, ...details },
  });
}

/** Claims the one-open-request slot, evicting a marker whose request is no longer open. */
async function claimSlot(ctx: ApprovalContext, tenantId: string, userId: string, id: string): Promise<TapRequest | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const c = await ctx.open.claim(tenantId, userId, id);
    if (c.ok) return undefined;
    const holder = c.holder === '' ? undefined : await ctx.repo.get(c.holder);
    if (holder && OPEN_STATES.includes(holder.request.state)) return holder.request;
    await ctx.open.evict(tenantId, userId, c.etag);
  }
  throw new Error('could not claim the open-request slot');
}

/** The employee's own sign-in proof for the issuer (never stored). */
export interface RequesterProof {
  token?: string;
}

/** The request id: the issuer's own (it issues only against requests it opened), else a new one. */
async function openWithIssuer(ctx: ApprovalContext, input: ReturnType<typeof NewTapRequestSchema.parse>, proof: RequesterProof): Promise<string | ApprovalResult> {
  if (!ctx.issuer.openRequest) return newId();
  try {
    const opened = await ctx.issuer.openRequest({
      employeeId: input.requester.aadObjectId,
      ...(proof.token ? { employeeToken: proof.token } : {}),
      reason: input.reason,
      findings: input.findings.map((f) => f.code),
      ...(input.correlationId === undefined ? {} : { correlationId: input.correlationId }),
    });
    return opened.requestId;
  } catch (e) {
    if (!isAppError(e) || !['refused', 'forbidden', 'unauthenticated', 'bad_request'].includes(e.kind)) throw e;
    await refuseRequest(ctx, input, 'unproven', { message: e.message });
    return refuse('unproven', `the request could not be opened: ${e.message}`);
  }
}

export async function fileRequest(ctx: ApprovalContext, raw: NewTapRequest, proof: RequesterProof = {}): Promise<ApprovalResult> {
  const parsed = NewTapRequestSchema.safeParse(raw);
  if (!parsed.success) return refuse('invalid_input', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const input = parsed.data;
  const userId = input.requester.aadObjectId;

  if (await ctx.directory.isPrivileged(userId)) {
    await refuseRequest(ctx, input, 'privileged_target', { escalateTo: 'privileged-access' });
    return refuse('privileged_target', 'privileged accounts get no pass from the helpdesk; privileged-access staff handle them');
  }
  const tapPolicy = await ctx.directory.tapPolicyFor(userId);
  if (!tapPolicy.allowed) {
    await refuseRequest(ctx, input, 'tap_not_allowed', { policyReason: tapPolicy.reason ?? 'not allowed' });
    return refuse('tap_not_allowed', tapPolicy.reason ?? 'the Temporary Access Pass policy does not allow a pass for this account');
  }
  const manager = ctx.policy.requireManagerConfirmation ? await ctx.directory.managerOf(userId) : undefined;
  if (ctx.policy.requireManagerConfirmation && !manager) {
    await refuseRequest(ctx, input, 'manager_unavailable', {});
    return refuse('manager_unavailable', 'a manager confirmation is required and the directory names no manager');
  }
  const existing = await ctx.directory.existingUsableTap(userId);
  const riskSignals: RiskSignal[] = [...input.riskSignals];
  if (existing) riskSignals.push({ code: 'existing_tap', detail: `a usable pass exists (method ${existing.methodId})` });

  const opened = await openWithIssuer(ctx, input, proof);
  if (typeof opened !== 'string') return opened;
  const id = opened;
  const holder = await claimSlot(ctx, input.tenantId, userId, id);
  if (holder) return refuse('already_requested', 'this employee already has an open request', { request: holder });

  const at = nowIso(ctx);
  const history: TapRequest['history'] = [{ at, event: 'request', actor: userId, from: 'pending', to: 'pending' }];
  if (manager) history.push({ at, event: 'await_manager', actor: 'system', from: 'pending', to: 'awaiting_manager' });
  const request: TapRequest = {
    id,
    tenantId: input.tenantId,
    requester: input.requester,
    reason: input.reason,
    findings: input.findings,
    riskSignals,
    ...(input.correlationId === undefined ? {} : { correlationId: input.correlationId }),
    createdAt: at,
    expiresAt: addMinutes(at, ctx.policy.requestTtlMinutes),
    state: manager ? 'awaiting_manager' : 'pending',
    managerConfirmation: manager ? { required: true, manager } : { required: false },
    history,
    version: 0,
  };
  await ctx.repo.create(request);
  await audit(ctx, 'tap.requested', userId, request, {
    reason: request.reason,
    findings: request.findings.map((f) => f.code),
    riskSignals: request.riskSignals.map((s) => s.code),
    managerConfirmationRequired: Boolean(manager),
    ...(existing ? { existingTapMethodId: existing.methodId } : {}),
  });
  await notify(ctx, { kind: manager ? 'awaiting_manager' : 'requested', request });
  return ok(request);
}

export async function askForInfo(ctx: ApprovalContext, requestId: string, approver: Person, question: string): Promise<ApprovalResult> {
  const loaded = await loadUndecided(ctx, requestId, approver.aadObjectId);
  if (isRefusal(loaded)) return loaded;
  const denied = await checkApprover(ctx, loaded, approver, 'ask_info');
  if (denied) return denied;
  const note = question.trim().slice(0, 1000);
  if (note.length === 0) return refuse('invalid_input', 'say what information you need');
  const done = await commit(ctx, loaded, 'ask_info', approver.aadObjectId, {}, note);
  if (!done.ok) return done;
  await audit(ctx, 'tap.info_requested', approver.aadObjectId, done.loaded.request, { question: note });
  await notify(ctx, { kind: 'info_requested', request: done.loaded.request, note });
  return ok(done.loaded.request);
}

export async function confirmByManager(
  ctx: ApprovalContext,
  requestId: string,
  manager: Person,
  outcome: 'confirmed' | 'declined',
  note?: string,
): Promise<ApprovalResult> {
  const loaded = await loadUndecided(ctx, requestId, manager.aadObjectId);
  if (isRefusal(loaded)) return loaded;
  const r = loaded.request;
  if (manager.aadObjectId === r.requester.aadObjectId) return refuse('self_approval', 'nobody can confirm their own request', { request: r });
  const current = await ctx.directory.managerOf(r.requester.aadObjectId);
  if (r.managerConfirmation.manager?.aadObjectId !== manager.aadObjectId || current?.aadObjectId !== manager.aadObjectId) {
    await audit(ctx, 'tap.decision_refused', manager.aadObjectId, r, { attempted: 'manager_confirm', reason: 'not_manager' });
    return refuse('not_manager', "only the employee's manager can confirm", { request: r });
  }
  const at = nowIso(ctx);
  const confirmation = { ...r.managerConfirmation, outcome, at, ...(note === undefined ? {} : { note: note.slice(0, 1000) }) };
  const event = outcome === 'confirmed' ? 'manager_confirm' : 'manager_decline';
  const done = await commit(ctx, loaded, event, manager.aadObjectId, { managerConfirmation: confirmation });
  if (!done.ok) return done;
  await audit(ctx, outcome === 'confirmed' ? 'tap.manager_confirmed' : 'tap.manager_declined', manager.aadObjectId, done.loaded.request, {
    ...(note === undefined ? {} : { note }),
  });
  if (outcome === 'declined') {
    await releaseOpen(ctx, done.loaded.request);
    await notify(ctx, { kind: 'denied', request: done.loaded.request, note: 'the manager did not confirm the request' });
  } else {
    await notify(ctx, { kind: 'requested', request: done.loaded.request });
  }
  return ok(done.loaded.request);
}

export async function deny(ctx: ApprovalContext, requestId: string, approver: Person, reason: string): Promise<ApprovalResult> {
  const loaded = await loadUndecided(ctx, requestId, approver.aadObjectId);
  if (isRefusal(loaded)) return loaded;
  const refused = await checkApprover(ctx, loaded, approver, 'deny');
  if (refused) return refused;
  const why = reason.trim().slice(0, 1000);
  const decision = { outcome: 'denied' as const, by: approver, at: nowIso(ctx), ...(why ? { reason: why } : {}) };
  const done = await commit(ctx, loaded, 'deny', approver.aadObjectId, { decision });
  if (!done.ok) return done;
  await audit(ctx, 'tap.denied', approver.aadObjectId, done.loaded.request, { reason: why });
  await releaseOpen(ctx, done.loaded.request);
  await notify(ctx, { kind: 'denied', request: done.loaded.request, note: why });
  return ok(done.loaded.request);
}

/** The employee withdraws their own request (or an approver closes it). */
export async function cancel(ctx: ApprovalContext, requestId: string, by: Person, reason: string): Promise<ApprovalResult> {
  const loaded = await loadUndecided(ctx, requestId, by.aadObjectId);
  if (isRefusal(loaded)) return loaded;
  const r = loaded.request;
  const own = by.aadObjectId === r.requester.aadObjectId;
  if (!own && !(await ctx.directory.isApprover(by.aadObjectId, ctx.policy.approversGroupId))) {
    return refuse('not_authorized', 'only the employee or an approver can cancel this request', { request: r });
  }
  const done = await commit(ctx, loaded, 'cancel', by.aadObjectId, {}, reason.trim().slice(0, 1000) || undefined);
  if (!done.ok) return done;
  await audit(ctx, 'tap.cancelled', by.aadObjectId, done.loaded.request, { reason: reason.trim().slice(0, 1000) });
  await releaseOpen(ctx, done.loaded.request);
  await notify(ctx, { kind: 'cancelled', request: done.loaded.request });
  return ok(done.loaded.request);
}
