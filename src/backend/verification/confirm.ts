/**
 * Evidence the backend records on a person's own proof:
 *  - call-back: the approver (own token, in the approvers group, not the employee) confirms they
 *    called the number the backend read from the directory and showed masked; the number must
 *    still be the directory's (its ending is re-checked);
 *  - manager: the person confirming (own token) must be the employee's manager in the directory
 *    (`/users/{id}/manager`), read now, not named by the caller.
 * Every record and every refusal is audited (`verification.*`).
 */
import type { z } from 'zod';
import type { CallbackConfirmRequestSchema, ManagerConfirmRequestSchema, VerificationStatusResponse } from '../api';
import { prove } from '../services/tapRequestService';
import type { OwnedRequest } from '../tap/ownedRequests';
import { isTapRefusal, TapRefusal } from '../tap/refusal';
import { directoryPhone } from './phone';
import type { VerificationService, VerificationServiceDeps } from './service';

type CallbackInput = z.output<typeof CallbackConfirmRequestSchema>;
type ManagerInput = z.output<typeof ManagerConfirmRequestSchema>;

const same = (a: string | undefined, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

function mustBeOpen(r: OwnedRequest, now: Date): void {
  if (r.state !== 'open') throw new TapRefusal('request_not_open', 'the pass request is already decided', { state: r.state });
  if (Date.parse(r.expiresAt) <= now.getTime()) throw new TapRefusal('request_not_open', 'the pass request expired', { state: 'expired' });
}

export function createConfirmations(svc: VerificationService, deps: Pick<VerificationServiceDeps, 'verifyUser' | 'isApprover' | 'approverAuthContext' | 'clock'>) {
  async function refused<T>(actor: string, requestId: string, kind: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      const details = isTapRefusal(e) ? { reason: e.reason, ...e.publicDetails } : { error: e instanceof Error ? e.message : String(e) };
      await svc.audit({ action: 'verification.refused', actor, details: { requestId, kind, ...details, message: e instanceof Error ? e.message : String(e) } });
      throw e;
    }
  }

  return {
    async callback(input: CallbackInput, ctx: { caller: string }): Promise<VerificationStatusResponse> {
      return refused(input.approverId, input.requestId, 'callback', async () => {
        const r = await svc.owned(input.requestId);
        mustBeOpen(r, deps.clock.now());
        const approver = await prove(deps.verifyUser, input.approverToken, input.approverId, deps.approverAuthContext);
        if (same(r.employee.id, approver.oid)) throw new TapRefusal('self_approval', 'nobody can confirm a call-back for their own account');
        if (!(await deps.isApprover(approver.oid))) throw new TapRefusal('not_approver', 'only members of the approvers group can confirm a call-back');
        const a = await svc.assess(r);
        const phone = directoryPhone(a.facts.user, a.facts.methods, deps.clock.now());
        if (!phone) throw new TapRefusal('verification_insufficient', 'the directory has no phone number for this employee: use another method', { problem: 'no_directory_phone', tier: a.decision.tier });
        if (phone.ending !== input.numberEnding) {
          throw new TapRefusal('verification_insufficient', 'the directory number changed since the card was shown: refresh the card and call the number it shows', { problem: 'number_changed', tier: a.decision.tier });
        }
        const at = deps.clock.now().toISOString();
        await svc.evidence.add(r.id, { kind: 'callback', source: phone.source, numberEnding: phone.ending, confirmedBy: approver.oid, at });
        await svc.audit({ action: 'verification.evidence_recorded', actor: approver.oid, subject: r.employee.id, details: { requestId: r.id, kind: 'callback', source: phone.source, numberEnding: phone.ending, caller: ctx.caller, authenticatedAt: approver.authenticatedAt, tier: a.decision.tier } });
        return svc.statusOf(r, await svc.assess(r), approver.oid);
      });
    },

    async manager(input: ManagerInput, ctx: { caller: string }): Promise<VerificationStatusResponse> {
      return refused(input.managerId, input.requestId, 'manager', async () => {
        const r = await svc.owned(input.requestId);
        mustBeOpen(r, deps.clock.now());
        const who = await prove(deps.verifyUser, input.managerToken, input.managerId);
        const manager = await svc.managerOf(r.employee.id);
        if (!manager) throw new TapRefusal('not_manager', 'the employee has no manager in the directory: use another method');
        if (!same(manager.id, who.oid)) throw new TapRefusal('not_manager', "only the employee's manager in the directory can confirm", { directoryManagerSet: true });
        const at = deps.clock.now().toISOString();
        if (input.outcome === 'declined') {
          await svc.evidence.declineByManager(r.id, who.oid, at);
          await svc.audit({ action: 'verification.manager_declined', actor: who.oid, subject: r.employee.id, details: { requestId: r.id, caller: ctx.caller, authenticatedAt: who.authenticatedAt } });
        } else {
          await svc.evidence.add(r.id, { kind: 'manager', managerId: who.oid, at });
          await svc.audit({ action: 'verification.evidence_recorded', actor: who.oid, subject: r.employee.id, details: { requestId: r.id, kind: 'manager', caller: ctx.caller, authenticatedAt: who.authenticatedAt } });
        }
        return svc.statusOf(r, await svc.assess(r));
      });
    },
  };
}
