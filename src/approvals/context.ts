/**
 * What every approval operation shares: dependencies, the parsed policy, and the three moves
 * they all make: advance the state machine with a conditional write, audit, notify.
 */
import type { Clock } from '../shared/clock';
import { describeError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { AuditLog, DocumentStore } from '../storage/types';
import type { TapRequest } from './model';
import type { ApprovalDirectory, ApprovalNotice, ApprovalNotifier, ApprovalPolicy, TapIssuer } from './ports';
import type { RateLimiter, RateScope } from './rateLimit';
import type { OpenIndex } from './openIndex';
import type { Loaded, RequestRepository } from './repository';
import { refuse, type Refusal } from './results';
import { transition, type TapEvent } from './stateMachine';
import type { PassVault } from './vault';

export interface ApprovalContext {
  store: DocumentStore;
  auditLog: AuditLog;
  clock: Clock;
  logger: Logger;
  policy: ApprovalPolicy;
  issuer: TapIssuer;
  directory: ApprovalDirectory;
  vault: PassVault;
  notifier?: ApprovalNotifier;
  repo: RequestRepository;
  rate: RateLimiter;
  open: OpenIndex;
  /** Names this service instance in leases. */
  instanceId: string;
}

export function nowIso(ctx: ApprovalContext): string {
  return ctx.clock.now().toISOString();
}

/**
 * Applies `event` (or several, in order) and writes the result only if nobody wrote since
 * `current` was read. A lost race returns `already_decided` with the winner's record.
 */
export async function commit(
  ctx: ApprovalContext,
  current: Loaded,
  event: TapEvent | readonly TapEvent[],
  actor: string,
  patch: Partial<TapRequest> = {},
  note?: string,
): Promise<{ ok: true; loaded: Loaded } | Refusal> {
  const r = current.request;
  const at = nowIso(ctx);
  const history = [...r.history];
  let state = r.state;
  for (const e of typeof event === 'string' ? [event] : event) {
    const t = transition(state, e as TapEvent);
    if (!t.ok) return refuse(t.reason, `cannot ${e} a request that is ${state}`, { request: r });
    history.push({ at, event: e, actor, from: state, to: t.state, ...(note === undefined ? {} : { note }) });
    state = t.state;
  }
  const next: TapRequest = { ...r, ...patch, state, history, version: r.version + 1 };
  const written = await ctx.repo.replace(current, next);
  if (written) return { ok: true, loaded: written };
  const now = await ctx.repo.get(r.id);
  return refuse('already_decided', 'someone else changed this request first', now ? { request: now.request } : {});
}

/** Appends one audit record. Never pass the TAP (or any secret) in `details`. */
export async function audit(ctx: ApprovalContext, action: string, actor: string, r: TapRequest, details: Record<string, unknown> = {}): Promise<void> {
  await ctx.auditLog.append({
    at: nowIso(ctx),
    action,
    actor,
    subject: r.requester.aadObjectId,
    details: { requestId: r.id, tenantId: r.tenantId, state: r.state, ...details },
    ...(r.correlationId === undefined ? {} : { correlationId: r.correlationId }),
  });
  ctx.logger.info({ action, requestId: r.id, tenantId: r.tenantId, state: r.state }, 'tap approval event');
}

export async function notify(ctx: ApprovalContext, notice: ApprovalNotice): Promise<void> {
  if (!ctx.notifier) return;
  try {
    await ctx.notifier.notify(notice);
  } catch (e) {
    ctx.logger.warn({ requestId: notice.request.id, kind: notice.kind, err: describeError(e) }, 'approval notice failed');
  }
}

export function rateScopes(ctx: ApprovalContext, tenantId: string, approverId: string): RateScope[] {
  return [
    { key: `approver:${tenantId}:${approverId}`, limit: ctx.policy.rateLimits.perApproverPerWindow },
    { key: `tenant:${tenantId}`, limit: ctx.policy.rateLimits.perTenantPerWindow },
  ];
}

/** Frees the employee's one-open-request slot (after delivery or an end state). */
export async function releaseOpen(ctx: ApprovalContext, r: TapRequest): Promise<void> {
  try {
    await ctx.open.release(r.tenantId, r.requester.aadObjectId, r.id);
  } catch (e) {
    ctx.logger.warn({ requestId: r.id, err: describeError(e) }, 'could not release the open-request marker');
  }
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}
