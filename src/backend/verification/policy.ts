/**
 * The verification ladder's policy (issue 10, docs/security-model.md): for each risk tier, the
 * evidence that lets a pass be issued. A tier accepts any one of its alternatives; an alternative
 * is a set of evidence kinds that must all be recorded. `privileged` and `vip` accept nothing: no
 * pass from the bot at all, a ticket for in-person / privileged-access staff instead.
 * Configurable with VERIFICATION_POLICY (JSON, docs/configuration.md).
 */
import { z } from 'zod';
import type { EvidenceKind } from './evidence';

export const TIERS = ['standard', 'elevated', 'privileged', 'vip'] as const;
export type Tier = (typeof TIERS)[number];
/** Tiers where the bot never gets a pass: the request becomes a ticket. */
export const NO_PASS_TIERS: readonly Tier[] = ['privileged', 'vip'];

export const EVIDENCE_KINDS = ['callback', 'manager', 'faceCheck'] as const satisfies readonly EvidenceKind[];
const Alternative = z.array(z.enum(EVIDENCE_KINDS)).min(1).max(3);

export const VerificationPolicySchema = z
  .object({
    standard: z.array(Alternative).min(1).max(10),
    elevated: z.array(Alternative).min(1).max(10),
  })
  .strict();
export type VerificationPolicy = z.infer<typeof VerificationPolicySchema>;

/** Standard: any one proof. Elevated: a Face Check, or a call-back and the manager together. */
export const DEFAULT_VERIFICATION_POLICY: VerificationPolicy = {
  standard: [['callback'], ['manager'], ['faceCheck']],
  elevated: [['faceCheck'], ['callback', 'manager']],
};

/** The alternatives a tier accepts (none for the no-pass tiers). */
export function acceptedFor(policy: VerificationPolicy, tier: Tier): EvidenceKind[][] {
  if (NO_PASS_TIERS.includes(tier)) return [];
  return policy[tier === 'elevated' ? 'elevated' : 'standard'].map((a) => [...new Set(a)]);
}

export interface Satisfaction {
  satisfied: boolean;
  /** The kinds still missing for the closest alternative (fewest missing, then most already recorded, then policy order). */
  missing: EvidenceKind[];
}

/** Does the recorded set of kinds satisfy the tier? */
export function satisfies(policy: VerificationPolicy, tier: Tier, have: ReadonlySet<EvidenceKind>): Satisfaction {
  const alternatives = acceptedFor(policy, tier);
  if (alternatives.length === 0) return { satisfied: false, missing: [] };
  let best: { missing: EvidenceKind[]; progress: number } | undefined;
  for (const alt of alternatives) {
    const missing = alt.filter((k) => !have.has(k));
    if (missing.length === 0) return { satisfied: true, missing: [] };
    const progress = alt.length - missing.length;
    if (!best || missing.length < best.missing.length || (missing.length === best.missing.length && progress > best.progress)) best = { missing, progress };
  }
  return { satisfied: false, missing: best?.missing ?? [] };
}

/** VERIFICATION_POLICY as given (JSON text); throws a readable message when it is not valid. */
export function parseVerificationPolicy(text: string | undefined): VerificationPolicy {
  if (!text || text.trim() === '') return DEFAULT_VERIFICATION_POLICY;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('must be JSON, e.g. {"standard":[["callback"],["manager"]],"elevated":[["faceCheck"]]}');
  }
  const parsed = VerificationPolicySchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  return parsed.data;
}
