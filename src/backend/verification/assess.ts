/**
 * One reading of the directory for the ladder: the employee's facts (as the risk profile reads
 * them), VIP membership, and the recorded evidence (plus the newest Face Check, when the Verified
 * ID module is wired). VIP membership that cannot be read counts as VIP (fail closed).
 */
import { describeError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { DirectoryFacts } from '../../diagnosis/facts';
import type { DirectoryGateway } from '../graph/gateway';
import type { OwnedRequest } from '../tap/ownedRequests';
import type { FaceCheckEvidenceSource, VerificationEvidence } from './evidence';
import type { EvidenceStore, VerificationRecord } from './evidenceStore';
import { tierOf, type TierDecision } from './ladder';

export interface AssessDeps {
  gateway: DirectoryGateway;
  evidence: EvidenceStore;
  logger: Logger;
  vipGroupId?: string;
  faceCheck?: FaceCheckEvidenceSource;
}

export interface Assessment {
  facts: DirectoryFacts;
  decision: TierDecision;
  record: VerificationRecord;
  /** Recorded evidence plus the newest Face Check result. */
  evidence: VerificationEvidence[];
}

export async function isVip(deps: Pick<AssessDeps, 'gateway' | 'logger' | 'vipGroupId'>, userId: string): Promise<{ vip: boolean; unknown: boolean }> {
  const group = deps.vipGroupId;
  if (!group) return { vip: false, unknown: false };
  try {
    const matched = await deps.gateway.checkMemberGroups(userId, [group]);
    return { vip: matched.some((g) => g.toLowerCase() === group.toLowerCase()), unknown: false };
  } catch (e) {
    deps.logger.warn({ userId, err: describeError(e) }, 'VIP membership unreadable: treated as VIP');
    return { vip: true, unknown: true };
  }
}

/** `known`: facts the caller already gathered for this employee (the issuance), so Graph is not asked twice. */
export async function assess(deps: AssessDeps, owned: OwnedRequest, now: Date, known?: DirectoryFacts): Promise<Assessment> {
  const [facts, vip, record, face] = await Promise.all([
    known ?? deps.gateway.gatherFacts(owned.employee.id, { now }).then((g) => g.facts),
    isVip(deps, owned.employee.id),
    deps.evidence.get(owned.id),
    deps.faceCheck ? deps.faceCheck.latest(owned.id) : Promise.resolve(undefined),
  ]);
  const decision = tierOf({ facts, now, vip: vip.vip, request: { reason: owned.reason, findings: owned.findings } });
  if (decision.tier === 'vip' && vip.unknown) decision.reasons = ['VIP group membership could not be read (treated as VIP)'];
  const evidence = face ? [...record.evidence.filter((e) => e.kind !== 'faceCheck'), face] : record.evidence;
  return { facts, decision, record, evidence };
}
