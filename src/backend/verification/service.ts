/**
 * The verification ladder as a backend service: the status of a request (tier, accepted and
 * recorded evidence, masked call-back number, manager), and the check POST /v1/tap/issue makes
 * before any pass exists. Confirmations that record evidence are in ./confirm.ts.
 */
import type { DirectoryFacts } from '../../diagnosis/facts';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { AuditLog, AuditRecord, DocumentStore } from '../../storage/types';
import type { VerificationStatusResponse } from '../api';
import type { UserTokenVerifier } from '../auth/userToken';
import type { DirectoryGateway } from '../graph/gateway';
import { isGraphUnavailable, isUserNotFound } from '../graph/errors';
import { createOwnedRequests, type OwnedRequest } from '../tap/ownedRequests';
import { TapRefusal } from '../tap/refusal';
import { assess, type Assessment } from './assess';
import type { FaceCheckEvidenceSource } from './evidence';
import { createEvidenceStore } from './evidenceStore';
import { verdict, type LadderVerdict } from './ladder';
import { directoryPhone } from './phone';
import type { VerificationPolicy } from './policy';

export interface VerificationServiceDeps {
  gateway: DirectoryGateway;
  store: DocumentStore;
  clock: Clock;
  logger: Logger;
  audit?: AuditLog;
  verifyUser: UserTokenVerifier;
  policy: VerificationPolicy;
  vipGroupId?: string;
  /** The Verified ID Face Check results (src/backend/verifiedId/); absent = Face Check never available. */
  faceCheck?: FaceCheckEvidenceSource;
  /** Approvers group membership (the same check as issuance). */
  isApprover(userId: string): Promise<boolean>;
  approverAuthContext?: string;
}

export function createVerificationService(deps: VerificationServiceDeps) {
  const requests = createOwnedRequests(deps.store);
  const evidence = createEvidenceStore(deps.store);
  const assessDeps = { gateway: deps.gateway, evidence, logger: deps.logger, ...(deps.vipGroupId ? { vipGroupId: deps.vipGroupId } : {}), ...(deps.faceCheck ? { faceCheck: deps.faceCheck } : {}) };
  const audit = async (record: Omit<AuditRecord, 'at'>) => {
    if (deps.audit) await deps.audit.append({ at: deps.clock.now().toISOString(), ...record });
  };

  async function owned(requestId: string): Promise<OwnedRequest> {
    const r = await requests.get(requestId);
    if (!r) throw new TapRefusal('request_unknown', 'no pass request with this id was opened through the backend');
    return r;
  }

  async function managerOf(userId: string) {
    try {
      return await deps.gateway.getManager(userId);
    } catch (e) {
      if (isUserNotFound(e) || isGraphUnavailable(e)) return undefined;
      throw e;
    }
  }

  async function statusOf(r: OwnedRequest, a: Assessment, approverId?: string): Promise<VerificationStatusResponse> {
    const now = deps.clock.now();
    const v = verdict(deps.policy, a.decision.tier, a.evidence, approverId);
    const phone = directoryPhone(a.facts.user, a.facts.methods, now);
    const manager = await managerOf(r.employee.id);
    return {
      requestId: r.id,
      employeeId: r.employee.id,
      tier: v.tier,
      reasons: a.decision.reasons,
      accepted: v.accepted,
      satisfied: v.satisfied && !a.record.managerDeclined,
      missing: v.missing,
      recorded: a.evidence,
      ...(a.record.managerDeclined ? { managerDeclined: a.record.managerDeclined } : {}),
      ...(phone ? { callback: { maskedNumber: phone.masked, numberEnding: phone.ending, source: phone.source } } : {}),
      ...(manager ? { manager: { id: manager.id, ...(manager.displayName ? { displayName: manager.displayName } : {}) } } : {}),
      faceCheckAvailable: deps.faceCheck !== undefined,
      checkedAt: now.toISOString(),
    };
  }

  return {
    requests,
    evidence,
    assess: (r: OwnedRequest) => assess(assessDeps, r, deps.clock.now()),
    statusOf,

    async status(requestId: string): Promise<VerificationStatusResponse> {
      const r = await owned(requestId);
      return statusOf(r, await assess(assessDeps, r, deps.clock.now()));
    },

    owned,
    audit,
    managerOf,

    /**
     * Before a pass exists: the tier must allow one and the recorded evidence must satisfy it.
     * Throws TapRefusal `privileged_target` (privileged or VIP: a ticket) or `verification_insufficient`.
     */
    async enforce(r: OwnedRequest, approverId: string, facts?: DirectoryFacts): Promise<LadderVerdict> {
      const a = await assess(assessDeps, r, deps.clock.now(), facts);
      const { tier, reasons, roles } = a.decision;
      if (tier === 'privileged') {
        throw new TapRefusal('privileged_target', `the account is privileged (${reasons.join('; ')}): no pass from the helpdesk; privileged-access staff handle it`, { escalateTo: 'privileged-access', tier, roles });
      }
      if (tier === 'vip') throw new TapRefusal('privileged_target', 'the account is a VIP account: no pass from the helpdesk; verify in person', { escalateTo: 'in-person', tier });
      const v = verdict(deps.policy, tier, a.evidence, approverId);
      const recorded = a.evidence.map((e) => e.kind);
      if (a.record.managerDeclined) {
        throw new TapRefusal('verification_insufficient', "the employee's manager said they did not ask for this pass", { tier, accepted: v.accepted, missing: v.missing, recorded, managerDeclined: true });
      }
      if (!v.satisfied) {
        const need = v.accepted.map((alt) => alt.join(' + ')).join(' or ');
        throw new TapRefusal('verification_insufficient', `the ${tier} tier needs ${need}; missing: ${v.missing.join(', ')}`, { tier, accepted: v.accepted, missing: v.missing, recorded, reasons });
      }
      return v;
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
