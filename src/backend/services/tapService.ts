/**
 * Temporary Access Pass use cases of the privileged backend: issue (exactly once per approval
 * request, every rule re-checked here), revoke (+ sign-in sessions), approver check, status for
 * redaction and the post-use watch. Every outcome is an append-only audit record; the pass never
 * reaches a log, the ledger or the audit trail.
 */
import type { Config } from '../../config';
import { createRateLimiter, RATE_COLLECTION } from '../../approvals/rateLimit';
import type { Clock } from '../../shared/clock';
import { describeError, isAppError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { AuditLog, AuditRecord, DocumentStore } from '../../storage/types';
import type { z } from 'zod';
import type {
  CheckApproverResponse,
  IssueTapRequestSchema,
  IssueTapResponse,
  RevokeTapRequestSchema,
  RevokeTapResponse,
  TapStatusRequestSchema,
  TapStatusResponse,
} from '../api';
import type { DirectoryGateway } from '../graph/gateway';
import { isObjectId } from '../graph/requests';
import { issueClaimed, isApprover } from '../tap/issuance';
import { createLedger } from '../tap/ledger';
import { renameCollection } from '../tap/memoryStore';
import { isTapRefusal } from '../tap/refusal';
import { findTap, isTap, methodsCreatedSince, tapView } from '../tap/views';
import { methodsAtIssue } from '../tap/attackerMethods';
import { evaluationTime } from './diagnoseService';
import type { Admission, TapRequestService } from './tapRequestService';
import type { DirectoryFacts } from '../../diagnosis/facts';
import type { LadderVerdict } from '../verification/ladder';
import type { VerificationService } from '../verification/service';

export const BACKEND_RATE_COLLECTION = 'backend-tap-rate';

export interface TapServiceDeps {
  gateway: DirectoryGateway;
  store: DocumentStore;
  clock: Clock;
  logger: Logger;
  audit?: AuditLog;
  config: {
    approvals: Pick<Config['approvals'], 'approversGroupId' | 'lifetimeMinutes' | 'perApproverPerHour' | 'perTenantPerHour'>;
    graph: Pick<Config['graph'], 'tenantId'>;
    backend: Pick<Config['backend'], 'allowTimeTravel'>;
    evaluation?: Config['evaluation'];
  };
  /** An `issuing` ledger claim older than this is treated as abandoned (default 120 s). */
  claimSeconds?: number;
  /** The backend's own pass requests: every issuance is admitted here first. */
  requests: Pick<TapRequestService, 'admit' | 'issued'>;
  /** The verification ladder: the recorded evidence must satisfy the account's tier (not for a recovery). */
  verification: Pick<VerificationService, 'enforce'>;
}

export interface CallContext {
  requestId?: string;
  caller?: string;
}

export function createTapService(deps: TapServiceDeps) {
  const { gateway, clock, logger } = deps;
  const ledger = createLedger({ store: deps.store, clock, logger, claimSeconds: deps.claimSeconds ?? 120 });
  const rate = createRateLimiter({ store: renameCollection(deps.store, RATE_COLLECTION, BACKEND_RATE_COLLECTION), clock, windowMinutes: 60 });
  const issuanceDeps = {
    gateway,
    store: deps.store,
    rate,
    logger,
    approvals: deps.config.approvals,
    tenantId: deps.config.graph.tenantId,
    shadow: deps.config.evaluation?.shadow === true,
  };

  async function audit(record: Omit<AuditRecord, 'at'>): Promise<void> {
    if (!deps.audit) return;
    await deps.audit.append({ at: clock.now().toISOString(), ...record });
  }
  const correlation = (given: string | undefined, ctx: CallContext) => (given ? { correlationId: given } : ctx.requestId ? { correlationId: ctx.requestId } : {});

  return {
    async issue(request: z.output<typeof IssueTapRequestSchema>, ctx: CallContext = {}): Promise<IssueTapResponse> {
      const base = { requestId: request.requestId, source: 'backend', caller: ctx.caller ?? 'unknown', verificationMethod: request.verification?.method ?? 'none' };
      const cid = correlation(request.correlationId, ctx);
      let admission: Admission;
      let ladder: LadderVerdict | undefined;
      try {
        admission = await deps.requests.admit(request);
      } catch (e) {
        await audit({ action: 'tap.issue_refused', actor: request.approverId, details: { ...base, targetUser: request.targetUser, ...(isTapRefusal(e) ? { reason: e.reason, ...e.publicDetails } : { error: describeError(e) }), message: e instanceof Error ? e.message : String(e) }, ...cid });
        throw e;
      }
      let claim;
      try {
        claim = await ledger.claim({ requestId: request.requestId, approverId: request.approverId, targetUser: request.targetUser, recoverLost: request.recoverLost });
      } catch (e) {
        await audit({ action: 'tap.issue_conflict', actor: request.approverId, details: { ...base, targetUser: request.targetUser, message: describeError(e) }, ...cid });
        logger.info({ requestId: ctx.requestId, tapRequestId: request.requestId }, 'duplicate TAP issuance refused');
        throw e;
      }
      const now = clock.now();
      try {
        const lost = claim.entry.lostMethodId;
        if (lost) await audit({ action: 'tap.lost_pass_replaced', actor: request.approverId, details: { ...base, targetUser: request.targetUser, lostMethodId: lost, attempt: claim.entry.attempt }, ...cid });
        const rateKey = admission.recovery ? `${request.requestId}#recovery` : request.requestId;
        // A recovery replaces a pass whose evidence was checked when it was first issued.
        const approverOid = admission.approver?.oid;
        const owned = admission.owned;
        const verify = !admission.recovery && approverOid ? async (facts: DirectoryFacts) => void (ladder = await deps.verification.enforce(owned, approverOid, facts)) : undefined;
        const out = await issueClaimed(issuanceDeps, { ...request, rateKey, ...(lost ? { lostMethodId: lost } : {}), ...(verify ? { verify } : {}) }, now);
        const { pass: _pass, ...safe } = out.response;
        await ledger.settle(claim, { state: 'issued', methodId: safe.methodId, issuedAt: now.toISOString(), expiresAt: safe.expiresAt });
        await deps.requests.issued(admission, request, safe.methodId, await methodsAtIssue(gateway, out.userId, logger));
        await audit({
          // The Graph write as the privileged backend saw it; the approval decision itself is the
          // bot-side `tap.issued` record, so each issuance has exactly one `tap.issued`.
          action: 'tap.created',
          actor: request.approverId,
          subject: out.userId,
          details: {
            ...base,
            ...safe,
            verificationNote: request.verification?.note,
            replaceExisting: request.replaceExisting,
            ...(out.replacedMethodId ? { replacedMethodId: out.replacedMethodId } : {}),
            requestRecord: 'owned',
            approverProof: { authenticatedAt: admission.approver.authenticatedAt, acrs: admission.approver.acrs, ...(admission.recovery ? { recovery: true } : {}) },
            ...(ladder ? { verificationTier: ladder.tier } : {}),
            attempt: claim.entry.attempt,
          },
          ...cid,
        });
        logger.info({ requestId: ctx.requestId, tapRequestId: request.requestId, userId: out.userId, approverId: request.approverId, methodId: safe.methodId, lifetimeInMinutes: safe.lifetimeInMinutes }, 'TAP issued');
        return out.response;
      } catch (e) {
        const refused = isTapRefusal(e);
        const shadow = refused && e.reason === 'shadow_mode';
        await ledger.settle(claim, { state: refused ? 'refused' : 'failed', reason: refused ? e.reason : isAppError(e) ? e.kind : 'error' });
        if (shadow) logger.info({ requestId: ctx.requestId, tapRequestId: request.requestId, userId: e.details.userId, approverId: request.approverId }, 'TAP not issued: shadow mode');
        await audit({
          // Evaluation mode: the "would have issued" record (src/insights counts it apart from real passes).
          action: shadow ? 'tap.would_issue' : refused ? 'tap.issue_refused' : 'tap.issue_failed',
          actor: request.approverId,
          ...(shadow && typeof e.details.userId === 'string' ? { subject: e.details.userId } : {}),
          details: { ...base, targetUser: request.targetUser, ...(refused ? { reason: e.reason, ...e.publicDetails } : { error: describeError(e) }), message: e instanceof Error ? e.message : String(e) },
          ...cid,
        });
        throw e;
      }
    },

    async revoke(request: z.output<typeof RevokeTapRequestSchema>, ctx: CallContext = {}): Promise<RevokeTapResponse> {
      const user = await gateway.getUser(request.targetUser);
      const ids = request.methodId !== undefined ? [request.methodId] : (await gateway.listTemporaryAccessPasses(user.id)).map((m) => m.id);
      const revoked: string[] = [];
      const errors: unknown[] = [];
      for (const id of ids) {
        try {
          if (await gateway.deleteTemporaryAccessPass(user.id, id)) revoked.push(id);
        } catch (e) {
          errors.push(e);
        }
      }
      let sessionsRevoked = false;
      if (request.revokeSessions) {
        try {
          await gateway.revokeSignInSessions(user.id);
          sessionsRevoked = true;
        } catch (e) {
          errors.push(e);
        }
      }
      await audit({
        action: errors.length > 0 ? 'tap.revoke_failed' : 'tap.revoked',
        actor: request.by,
        subject: user.id,
        details: {
          source: 'backend',
          caller: ctx.caller ?? 'unknown',
          reason: request.reason,
          requestedMethodId: request.methodId,
          revokedMethodIds: revoked,
          revokeSessions: request.revokeSessions,
          sessionsRevoked,
          ...(errors.length > 0 ? { errors: errors.map(describeError) } : {}),
        },
        ...correlation(request.correlationId, ctx),
      });
      logger.info({ requestId: ctx.requestId, userId: user.id, revoked: revoked.length, sessionsRevoked }, 'TAP revocation');
      if (errors.length > 0) throw errors[0];
      return { userId: user.id, tapRevoked: revoked.length > 0, revokedMethodIds: revoked, sessionsRevoked };
    },

    async checkApprover(userId: string): Promise<CheckApproverResponse> {
      return { approver: await isApprover(issuanceDeps, userId) };
    },

    async status(request: z.output<typeof TapStatusRequestSchema>): Promise<TapStatusResponse> {
      const now = evaluationTime(request.now, deps.config.backend.allowTimeTravel, clock);
      const userId = isObjectId(request.user) ? request.user : (await gateway.getUser(request.user)).id;
      const methods = await gateway.listAuthenticationMethods(userId);
      const tap = findTap(methods, request.methodId);
      return {
        userId,
        ...(tap ? { tap: tapView(tap, now) } : {}),
        methodsRegisteredSince: request.since ? methodsCreatedSince(methods.filter((m) => !isTap(m)), new Date(request.since), { includeTaps: false }) : [],
        checkedAt: now.toISOString(),
      };
    },
  };
}

export type TapService = ReturnType<typeof createTapService>;
