/**
 * The Temporary Access Pass approval service: the one entry point the bot (cards, 1:1 delivery,
 * timers) uses. Every rule is enforced here even though the backend re-checks it.
 */
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import type { Logger } from '../shared/logger';
import type { AuditLog, DocumentStore } from '../storage/types';
import { approve, type ApproveOptions } from './approve';
import type { ApprovalContext } from './context';
import { claimDelivery, deliver, markDelivered, pendingDeliveries, type Claimed, type SendPass } from './delivery';
import { redact, revoke, sweep, type RedactionReason, type SweepReport } from './lifecycle';
import type { NewTapRequest, Person, TapRequest } from './model';
import { createOpenIndex } from './openIndex';
import { ApprovalPolicySchema, type ApprovalDirectory, type ApprovalNotifier, type ApprovalPolicyInput, type TapIssuer } from './ports';
import { createRateLimiter } from './rateLimit';
import { createRequestRepository, type ListFilter } from './repository';
import { askForInfo, cancel, confirmByManager, deny, fileRequest, type RequesterProof } from './requests';
import type { ApprovalResult } from './results';
import type { PassVault } from './vault';

export interface ApprovalServiceDeps {
  store: DocumentStore;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  policy: ApprovalPolicyInput;
  issuer: TapIssuer;
  directory: ApprovalDirectory;
  vault: PassVault;
  notifier?: ApprovalNotifier;
  /** Names this instance in issuing/delivery leases (default: a random id). */
  instanceId?: string;
}

export interface ApprovalService {
  /** `proof` carries the employee's own token to the issuer (never stored). */
  request(input: NewTapRequest, proof?: RequesterProof): Promise<ApprovalResult>;
  /** `verification` is validated here ({ method, note }); anything else is `verification_missing`. */
  approve(requestId: string, approver: Person, verification: unknown, opts?: ApproveOptions): Promise<ApprovalResult>;
  deny(requestId: string, approver: Person, reason: string): Promise<ApprovalResult>;
  askForInfo(requestId: string, approver: Person, question: string): Promise<ApprovalResult>;
  confirmByManager(requestId: string, manager: Person, outcome: 'confirmed' | 'declined', note?: string): Promise<ApprovalResult>;
  cancel(requestId: string, by: Person, reason: string): Promise<ApprovalResult>;
  pendingDeliveries(): Promise<TapRequest[]>;
  claimDelivery(requestId: string, claimant?: string): Promise<ApprovalResult<Claimed>>;
  markDelivered(requestId: string, activityId: string): Promise<ApprovalResult>;
  /** claim → send (the bot's 1:1 message) → mark delivered. */
  deliver(requestId: string, send: SendPass): Promise<ApprovalResult>;
  redact(requestId: string, reason?: RedactionReason): Promise<ApprovalResult>;
  revoke(requestId: string, by: Person, reason: string): Promise<ApprovalResult>;
  sweep(now?: Date): Promise<SweepReport>;
  get(requestId: string): Promise<TapRequest | undefined>;
  list(filter?: ListFilter): Promise<TapRequest[]>;
}

export function createApprovalService(deps: ApprovalServiceDeps): ApprovalService {
  const policy = ApprovalPolicySchema.parse(deps.policy);
  const ctx: ApprovalContext = {
    store: deps.store,
    auditLog: deps.audit,
    clock: deps.clock,
    logger: deps.logger,
    policy,
    issuer: deps.issuer,
    directory: deps.directory,
    vault: deps.vault,
    ...(deps.notifier ? { notifier: deps.notifier } : {}),
    repo: createRequestRepository(deps.store),
    rate: createRateLimiter({ store: deps.store, clock: deps.clock, windowMinutes: policy.rateLimits.windowMinutes }),
    open: createOpenIndex(deps.store),
    instanceId: deps.instanceId ?? newId(),
  };
  return {
    request: (input, proof) => fileRequest(ctx, input, proof),
    approve: (id, approver, verification, opts) => approve(ctx, id, approver, verification, opts),
    deny: (id, approver, reason) => deny(ctx, id, approver, reason),
    askForInfo: (id, approver, question) => askForInfo(ctx, id, approver, question),
    confirmByManager: (id, manager, outcome, note) => confirmByManager(ctx, id, manager, outcome, note),
    cancel: (id, by, reason) => cancel(ctx, id, by, reason),
    pendingDeliveries: () => pendingDeliveries(ctx),
    claimDelivery: (id, claimant) => claimDelivery(ctx, id, claimant ?? ctx.instanceId),
    markDelivered: (id, activityId) => markDelivered(ctx, id, activityId),
    deliver: (id, send) => deliver(ctx, id, ctx.instanceId, send),
    redact: (id, reason) => redact(ctx, id, reason),
    revoke: (id, by, reason) => revoke(ctx, id, by, reason),
    sweep: (now) => sweep(ctx, now),
    get: async (id) => (await ctx.repo.get(id))?.request,
    list: async (filter) => (await ctx.repo.list(filter)).map((l) => l.request),
  };
}
