/**
 * The backend's own pass requests: opened with the employee's proven identity, admitted for
 * issuance only with a proven approver (or, for a lost answer, once and before delivery), closed
 * by the recorded delivery. Every refusal is a TapRefusal (403/409 with `error.reason`).
 */
import type { z } from 'zod';
import type { Clock } from '../../shared/clock';
import { newId } from '../../shared/ids';
import type { Logger } from '../../shared/logger';
import type { AuditLog, AuditRecord, DocumentStore } from '../../storage/types';
import type { CancelRequestSchema, CancelResponse, IssueTapRequestSchema, OpenTapRequestSchema, OpenTapResponse, TapDeliveredRequestSchema, TapDeliveredResponse } from '../api';
import { UserProofError, type ProvenUser, type UserTokenVerifier } from '../auth/userToken';
import { createOwnedRequests, type OwnedRequest } from '../tap/ownedRequests';
import { TapRefusal } from '../tap/refusal';

export interface TapRequestServiceDeps {
  store: DocumentStore;
  clock: Clock;
  logger: Logger;
  audit?: AuditLog;
  verifyUser: UserTokenVerifier;
  requestTtlMinutes: number;
  /** The authentication context the approver's token must carry (APPROVER_AUTH_CONTEXT). */
  approverAuthContext?: string;
}

type IssueInput = z.output<typeof IssueTapRequestSchema>;

/** What the issuance may go ahead with. */
export interface Admission {
  owned: OwnedRequest;
  approver: ProvenUser;
  recovery: boolean;
}

const same = (a: string | undefined, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/** The person's own token, checked; every failure becomes the matching TapRefusal. */
export async function prove(verify: UserTokenVerifier, token: string | undefined, oid: string, authContext?: string): Promise<ProvenUser> {
  try {
    return await verify(token, { oid, ...(authContext ? { authContext } : {}) });
  } catch (e) {
    if (!(e instanceof UserProofError)) throw e;
    if (e.problem === 'auth_context_missing') throw new TapRefusal('auth_context_required', e.message, { authContext });
    throw new TapRefusal('unproven', e.message, { problem: e.problem });
  }
}

export function createTapRequestService(deps: TapRequestServiceDeps) {
  const requests = createOwnedRequests(deps.store);
  const audit = async (record: Omit<AuditRecord, 'at'>) => {
    if (deps.audit) await deps.audit.append({ at: deps.clock.now().toISOString(), ...record });
  };

  return {
    requests,

    async open(input: z.output<typeof OpenTapRequestSchema>, ctx: { caller: string }): Promise<OpenTapResponse> {
      let proven: ProvenUser;
      try {
        proven = await prove(deps.verifyUser, input.employeeToken, input.employeeId);
      } catch (e) {
        await audit({ action: 'tap.request_open_refused', actor: input.employeeId, details: { caller: ctx.caller, message: e instanceof Error ? e.message : String(e) } });
        throw e;
      }
      const now = deps.clock.now();
      const owned: OwnedRequest = {
        id: newId(),
        employee: { id: proven.oid, ...(proven.upn ? { upn: proven.upn } : {}) },
        employeeProof: { authenticatedAt: proven.authenticatedAt, amr: proven.amr, acrs: proven.acrs },
        reason: input.reason,
        findings: input.findings.map((f) => f.code),
        ...(input.correlationId ? { correlationId: input.correlationId } : {}),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + deps.requestTtlMinutes * 60_000).toISOString(),
        state: 'open',
        recoveries: 0,
      };
      await requests.create(owned);
      await audit({ action: 'tap.request_opened', actor: proven.oid, subject: proven.oid, details: { requestId: owned.id, caller: ctx.caller, findings: owned.findings, authenticatedAt: proven.authenticatedAt } });
      deps.logger.info({ tapRequestId: owned.id }, 'pass request opened');
      return { requestId: owned.id, employeeId: proven.oid, createdAt: owned.createdAt, expiresAt: owned.expiresAt };
    },

    /** May this issue call go ahead? Throws TapRefusal otherwise. Call before claiming the ledger. */
    async admit(input: IssueInput): Promise<Admission> {
      const owned = await requests.get(input.requestId);
      if (!owned) throw new TapRefusal('request_unknown', 'no pass request with this id was opened through the backend');
      if (!same(owned.employee.id, input.targetUser) && !same(owned.employee.upn, input.targetUser)) {
        throw new TapRefusal('request_mismatch', 'the pass request is for another employee');
      }
      if (owned.state === 'cancelled' || owned.state === 'revoked') throw new TapRefusal('request_not_open', `the pass request was ${owned.state}`, { state: owned.state });
      // Every attempt carries the approver's own token, a recovery of a lost answer included.
      const approver = await prove(deps.verifyUser, input.approverToken, input.approverId, deps.approverAuthContext);
      if (input.recoverLost && owned.state !== 'open') {
        if (!owned.decision || !same(owned.decision.approverId, approver.oid)) throw new TapRefusal('recovery_refused', 'only the approver of this pass can recover it');
        if (owned.state === 'delivered') throw new TapRefusal('recovery_refused', 'the pass was delivered; it cannot be recovered, only revoked');
        if (owned.recoveries >= 1) throw new TapRefusal('recovery_refused', 'a lost pass can be recovered once; revoke it and file a new request');
        return { owned, approver, recovery: true };
      }
      if (owned.state !== 'open') {
        if (!owned.decision || !same(owned.decision.approverId, approver.oid)) throw new TapRefusal('request_mismatch', 'the pass request was decided by someone else');
        // Its own approver again (a retried click): the ledger answers "already issued".
        return { owned, approver, recovery: false };
      }
      if (Date.parse(owned.expiresAt) <= deps.clock.now().getTime()) throw new TapRefusal('request_not_open', 'the pass request expired before it was decided', { state: 'expired' });
      return { owned, approver, recovery: false };
    },

    /** Records the decision (first issuance) or the recovery, after the pass exists. */
    async issued(admission: Admission, input: IssueInput, methodId: string, methodsAtIssue?: OwnedRequest['methodsAtIssue']): Promise<void> {
      const at = deps.clock.now().toISOString();
      const snapshot = methodsAtIssue ? { methodsAtIssue } : {};
      await requests.update(admission.owned.id, (r) => {
        if (admission.recovery) return { ...r, ...snapshot, recoveries: r.recoveries + 1, ...(r.decision ? { decision: { ...r.decision, methodId } } : {}) };
        const a = admission.approver;
        return { ...r, ...snapshot, state: 'issued', decision: { approverId: a.oid, at, authenticatedAt: a.authenticatedAt, acrs: a.acrs, verificationMethod: input.verification?.method ?? 'none', methodId } };
      });
    },

    /** The employee withdraws their own open request (their own token). */
    async cancel(input: z.output<typeof CancelRequestSchema>, ctx: { caller: string }): Promise<CancelResponse> {
      const owned = await requests.get(input.requestId);
      if (!owned) throw new TapRefusal('request_unknown', 'no pass request with this id was opened through the backend');
      const employee = await prove(deps.verifyUser, input.employeeToken, input.employeeId);
      if (!same(owned.employee.id, employee.oid)) throw new TapRefusal('request_mismatch', 'only the employee who asked can cancel this request');
      if (owned.state === 'cancelled') return { cancelled: true };
      if (owned.state !== 'open') throw new TapRefusal('request_not_open', `the pass request is ${owned.state}; an issued pass is revoked, not cancelled`, { state: owned.state });
      const at = deps.clock.now().toISOString();
      await requests.update(owned.id, (r) => (r.state === 'open' ? { ...r, state: 'cancelled', closed: { by: employee.oid, at, reason: 'cancelled by the employee' } } : r));
      await audit({ action: 'tap.request_cancelled', actor: employee.oid, subject: owned.employee.id, details: { requestId: owned.id, caller: ctx.caller } });
      return { cancelled: true };
    },

    /** Marks an issued request revoked (the pass itself is deleted by the caller). */
    async markRevoked(id: string, by: string, reason: string): Promise<OwnedRequest> {
      const at = deps.clock.now().toISOString();
      return requests.update(id, (r) => ({ ...r, state: 'revoked', closed: r.closed ?? { by, at, reason } }));
    },

    prove: (token: string | undefined, oid: string, authContext?: string) => prove(deps.verifyUser, token, oid, authContext),

    async delivered(input: z.output<typeof TapDeliveredRequestSchema>, ctx: { caller: string }): Promise<TapDeliveredResponse> {
      const owned = await requests.get(input.requestId);
      if (!owned) throw new TapRefusal('request_unknown', 'no pass request with this id was opened through the backend');
      if (owned.state === 'delivered') return { recorded: true };
      if (owned.state !== 'issued' || owned.decision?.methodId !== input.methodId) throw new TapRefusal('request_mismatch', 'no such pass was issued for this request');
      await requests.update(owned.id, (r) => ({ ...r, state: 'delivered', deliveredAt: deps.clock.now().toISOString() }));
      await audit({ action: 'tap.delivery_recorded', actor: 'system', subject: owned.employee.id, details: { requestId: owned.id, methodId: input.methodId, caller: ctx.caller } });
      return { recorded: true };
    },
  };
}

export type TapRequestService = ReturnType<typeof createTapRequestService>;
