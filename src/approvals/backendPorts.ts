/**
 * The approval ports (ports.ts) over the privileged backend's HTTP API (backend/client.ts). The
 * backend re-checks every rule itself; these adapters only translate shapes. Errors stay AppErrors
 * (refused/conflict/forbidden/bad_request are final for the approval service, the rest retried).
 */
import type { BackendClient } from '../backend/client';
import { systemClock, type Clock } from '../shared/clock';
import { AppError } from '../shared/errors';
import { VERIFICATION_METHODS, type Person, type VerificationMethod } from './model';
import type { ApprovalDirectory, ExistingTap, IssuedPass, IssueTapInput, OpenRequestInput, TapIssuer, TapPolicy } from './ports';

type RiskProfileResponse = Awaited<ReturnType<BackendClient['riskProfile']>>;

const isVerificationMethod = (m: string): m is VerificationMethod => (VERIFICATION_METHODS as readonly string[]).includes(m);

export interface BackendTapIssuerOptions {
  /** Recorded as `by` on revocations the approval service makes (default `approval-service`). */
  actor?: string;
  /** Reason recorded on those revocations. */
  revokeReason?: string;
}

export function createBackendTapIssuer(client: Pick<BackendClient, 'issueTap' | 'revokeTap' | 'openTapRequest' | 'tapDelivered'>, opts: BackendTapIssuerOptions = {}): TapIssuer {
  return {
    async openRequest(input: OpenRequestInput): Promise<{ requestId: string }> {
      if (!input.employeeToken) throw new AppError('refused', "the employee's sign-in proof is missing, so no request is opened", { details: { reason: 'unproven' } });
      if (!client.openTapRequest) throw new AppError('internal', 'this backend client cannot open pass requests');
      const opened = await client.openTapRequest({
        employeeId: input.employeeId,
        employeeToken: input.employeeToken,
        reason: input.reason,
        findings: input.findings.map((code) => ({ code })),
        ...(input.correlationId ? { correlationId: input.correlationId } : {}),
      });
      return { requestId: opened.requestId };
    },
    async recordDelivery(requestId: string, methodId: string): Promise<void> {
      await client.tapDelivered?.({ requestId, methodId });
    },
    async issue(input: IssueTapInput): Promise<IssuedPass> {
      const method = input.verification?.method;
      if (method === undefined || !isVerificationMethod(method)) {
        throw new AppError('bad_request', 'the approval carries no identity verification record, so no pass is issued');
      }
      const note = input.verification?.note;
      const issued = await client.issueTap({
        requestId: input.requestId,
        targetUser: input.targetUserId,
        approverId: input.approverId,
        verification: note ? { method, note } : { method },
        lifetimeMinutes: input.lifetimeMinutes,
        replaceExisting: input.replaceExisting,
        ...(input.recoverLost ? { recoverLost: true } : {}),
        ...(input.approverToken ? { approverToken: input.approverToken } : {}),
      });
      return {
        pass: issued.pass,
        methodId: issued.methodId,
        startDateTime: issued.startDateTime,
        lifetimeInMinutes: issued.lifetimeInMinutes,
        isUsableOnce: issued.isUsableOnce,
      };
    },
    async revoke(targetUserId: string, methodId: string): Promise<void> {
      await client.revokeTap({
        targetUser: targetUserId,
        methodId,
        revokeSessions: false,
        by: opts.actor ?? 'approval-service',
        reason: opts.revokeReason ?? 'revoked through the approval service',
      });
    },
  };
}

export interface BackendApprovalDirectoryOptions {
  /** One risk profile serves isPrivileged/tapPolicyFor/existingUsableTap/managerOf of one decision (default 5000 ms). */
  profileCacheMs?: number;
  clock?: Clock;
}

export function createBackendApprovalDirectory(
  client: Pick<BackendClient, 'checkApprover' | 'riskProfile'>,
  opts: BackendApprovalDirectoryOptions = {},
): ApprovalDirectory {
  const clock = opts.clock ?? systemClock;
  const ttl = opts.profileCacheMs ?? 5000;
  const cache = new Map<string, { at: number; profile: Promise<RiskProfileResponse> }>();

  function profileOf(userId: string): Promise<RiskProfileResponse> {
    const now = clock.now().getTime();
    const hit = cache.get(userId);
    if (hit && now - hit.at < ttl) return hit.profile;
    const profile = client.riskProfile({ user: userId });
    cache.set(userId, { at: now, profile });
    // A failed lookup is not remembered.
    profile.catch(() => {
      if (cache.get(userId)?.profile === profile) cache.delete(userId);
    });
    for (const [k, v] of cache) if (now - v.at >= ttl) cache.delete(k);
    return profile;
  }

  return {
    // The backend checks its own configured group (APPROVERS_GROUP_ID), whatever the caller names.
    isApprover: async (userId) => (await client.checkApprover({ userId })).approver,
    // VIP accounts (the verification ladder's other no-pass tier) are handled like privileged ones: a ticket.
    isPrivileged: async (userId) => {
      const p = await profileOf(userId);
      return p.privileged || p.vip === true;
    },
    async tapPolicyFor(userId): Promise<TapPolicy> {
      const p = (await profileOf(userId)).tapPolicy;
      return {
        allowed: p.allowed,
        ...(p.reason ? { reason: p.reason } : {}),
        minLifetimeInMinutes: p.minLifetimeInMinutes,
        maxLifetimeInMinutes: p.maxLifetimeInMinutes,
        defaultLifetimeInMinutes: p.defaultLifetimeInMinutes,
        isUsableOnce: p.isUsableOnce,
      };
    },
    async existingUsableTap(userId): Promise<ExistingTap | undefined> {
      const tap = (await profileOf(userId)).existingTap;
      if (!tap || !(tap.isUsable || tap.reason === 'NotYetValid')) return undefined;
      return {
        methodId: tap.methodId,
        ...(tap.createdDateTime ? { createdDateTime: tap.createdDateTime } : {}),
        ...(tap.startDateTime ? { startDateTime: tap.startDateTime } : {}),
        ...(tap.lifetimeInMinutes !== undefined ? { lifetimeInMinutes: tap.lifetimeInMinutes } : {}),
        ...(tap.isUsableOnce !== undefined ? { isUsableOnce: tap.isUsableOnce } : {}),
      };
    },
    async managerOf(userId): Promise<Person | undefined> {
      const m = (await profileOf(userId)).manager;
      return m ? { aadObjectId: m.id, ...(m.displayName ? { displayName: m.displayName } : {}) } : undefined;
    },
  };
}
