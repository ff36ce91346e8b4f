/** Checks shared by the decision operations. Each returns a refusal, or nothing when the rule holds. */
import { audit, commit, notify, releaseOpen, type ApprovalContext } from './context';
import type { Person } from './model';
import type { Loaded } from './repository';
import { refuse, type Refusal } from './results';

/** Loads a request that is still open for a decision; a pending request past its expiry is expired now. */
export async function loadUndecided(ctx: ApprovalContext, requestId: string, actor: string): Promise<Loaded | Refusal> {
  const loaded = await ctx.repo.get(requestId);
  if (!loaded) return refuse('not_found', 'there is no such request');
  const r = loaded.request;
  const open = r.state === 'pending' || r.state === 'awaiting_manager';
  if (open && Date.parse(r.expiresAt) <= ctx.clock.now().getTime()) {
    const done = await expireRequest(ctx, loaded, actor);
    return refuse('expired', 'this request expired before anyone decided', { request: done.ok ? done.loaded.request : r });
  }
  return loaded;
}

export async function expireRequest(ctx: ApprovalContext, loaded: Loaded, actor: string): Promise<{ ok: true; loaded: Loaded } | Refusal> {
  const done = await commit(ctx, loaded, 'expire', actor);
  if (done.ok) {
    await audit(ctx, 'tap.expired', actor, done.loaded.request, { expiresAt: done.loaded.request.expiresAt });
    await releaseOpen(ctx, done.loaded.request);
    await notify(ctx, { kind: 'expired', request: done.loaded.request });
  }
  return done;
}

/** The acting person may decide on this request: not the requester, and in the approvers group. */
export async function checkApprover(ctx: ApprovalContext, loaded: Loaded, approver: Person, what: string): Promise<Refusal | undefined> {
  const r = loaded.request;
  if (approver.aadObjectId === r.requester.aadObjectId) {
    await audit(ctx, 'tap.decision_refused', approver.aadObjectId, r, { attempted: what, reason: 'self_approval' });
    return refuse('self_approval', 'nobody can decide on their own request', { request: r });
  }
  if (!(await ctx.directory.isApprover(approver.aadObjectId, ctx.policy.approversGroupId))) {
    await audit(ctx, 'tap.decision_refused', approver.aadObjectId, r, { attempted: what, reason: 'not_approver' });
    return refuse('not_approver', 'only members of the approvers group can decide', { request: r });
  }
  return undefined;
}

export function isRefusal<T extends object>(x: T | Refusal): x is Refusal {
  return 'ok' in x && x.ok === false;
}
