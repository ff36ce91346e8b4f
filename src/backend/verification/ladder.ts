/**
 * The verification ladder (issue 10): the backend places the target account on a tier from its
 * own reading of the directory, and decides whether the evidence it recorded for the request is
 * enough. privileged (any directory role, active or PIM-eligible, direct, through a group, scoped
 * to an administrative unit or a resource, built-in or custom; unreadable roles count) and vip
 * (member of VIP_GROUP_ID) get no pass from the bot at all; elevated needs stronger evidence.
 */
import type { DirectoryFacts } from '../../diagnosis/facts';
import { privilegeOf } from '../tap/views';
import type { EvidenceKind, VerificationEvidence } from './evidence';
import { acceptedFor, satisfies, type Tier, type VerificationPolicy } from './policy';
import { elevatedSignals, type Signal, type SignalSettings } from './signals';

export interface TierInput {
  facts: DirectoryFacts;
  now: Date;
  request: { reason: string; findings: string[] };
  /** Member of the configured VIP group (undefined: no VIP group configured). */
  vip: boolean;
  settings?: SignalSettings;
}

export interface TierDecision {
  tier: Tier;
  /** Why this tier, in plain words (role names, signal details, "member of the VIP group"). */
  reasons: string[];
  signals: Signal[];
  /** Role names behind `privileged` (empty otherwise). */
  roles: string[];
}

export function tierOf(input: TierInput): TierDecision {
  const privilege = privilegeOf(input.facts);
  const signals = elevatedSignals({ facts: input.facts, now: input.now, request: input.request, ...(input.settings ? { settings: input.settings } : {}) });
  if (privilege.privileged) {
    const reasons = privilege.unknown ? ['the directory roles could not be read (treated as privileged)'] : privilege.roles.map((r) => `directory role: ${r}`);
    return { tier: 'privileged', reasons, signals, roles: privilege.roles };
  }
  if (input.vip) return { tier: 'vip', reasons: ['member of the VIP group'], signals, roles: [] };
  if (signals.length > 0) return { tier: 'elevated', reasons: signals.map((s) => s.detail), signals, roles: [] };
  return { tier: 'standard', reasons: [], signals, roles: [] };
}

/** Evidence that counts for a request: a passed, matched Face Check; a manager who is not the approver. */
export function countingEvidence(evidence: readonly VerificationEvidence[], approverId?: string): VerificationEvidence[] {
  const same = (a: string, b: string | undefined) => b !== undefined && a.toLowerCase() === b.toLowerCase();
  return evidence.filter((e) => {
    if (e.kind === 'faceCheck') return e.passed && e.claimMatched && (e.matchConfidenceScore ?? 0) >= e.threshold;
    if (e.kind === 'manager') return !same(e.managerId, approverId);
    return true;
  });
}

export interface LadderVerdict {
  tier: Tier;
  accepted: EvidenceKind[][];
  satisfied: boolean;
  missing: EvidenceKind[];
}

export function verdict(policy: VerificationPolicy, tier: Tier, evidence: readonly VerificationEvidence[], approverId?: string): LadderVerdict {
  const have = new Set(countingEvidence(evidence, approverId).map((e) => e.kind));
  const { satisfied, missing } = satisfies(policy, tier, have);
  return { tier, accepted: acceptedFor(policy, tier), satisfied, missing };
}
