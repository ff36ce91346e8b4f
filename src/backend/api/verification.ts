/**
 * Backend API v1 — the verification ladder (docs/backend-api.md, docs/security-model.md): the
 * tier of a pass request and the evidence the backend recorded for it; the approver's call-back
 * confirmation and the manager's confirmation, each with that person's own token; the Entra
 * Account Recovery eligibility check.
 */
import { z } from 'zod';
import { EVIDENCE_KINDS, TIERS } from '../verification/policy';
import { VerificationEvidenceSchema } from '../verification/evidence';
import { UserRefSchema } from './core';
import { ObjectIdRef } from './tap';

const iso = z.string().datetime({ offset: true });
const RequestId = z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'must be an id (letters, digits, . _ : -)');
const Kind = z.enum(EVIDENCE_KINDS);

export const VerificationStatusRequestSchema = z.object({ requestId: RequestId }).strict();
export type VerificationStatusRequest = z.input<typeof VerificationStatusRequestSchema>;

export const VerificationStatusResponseSchema = z.object({
  requestId: z.string(),
  employeeId: z.string(),
  tier: z.enum(TIERS),
  /** Why this tier, in plain words (roles, risk signals, VIP group). */
  reasons: z.array(z.string()),
  /** The alternatives this tier accepts (all kinds of one alternative together); empty = no pass from the bot. */
  accepted: z.array(z.array(Kind)),
  satisfied: z.boolean(),
  /** What is still missing for the closest alternative. */
  missing: z.array(Kind),
  /** Evidence the backend recorded (newest last). */
  recorded: z.array(VerificationEvidenceSchema),
  /** The directory manager answered "No": no pass on this request. */
  managerDeclined: z.object({ managerId: z.string(), at: z.string() }).optional(),
  /** The directory number for a call-back, masked; absent when the directory has none. */
  callback: z.object({ maskedNumber: z.string(), numberEnding: z.string(), source: z.string() }).optional(),
  /** The directory manager, when one is set and readable. */
  manager: z.object({ id: z.string(), displayName: z.string().optional() }).optional(),
  /** A Face Check can be requested (the Verified ID module is configured). */
  faceCheckAvailable: z.boolean(),
  checkedAt: iso,
});
export type VerificationStatusResponse = z.infer<typeof VerificationStatusResponseSchema>;

export const CallbackConfirmRequestSchema = z
  .object({
    requestId: RequestId,
    approverId: ObjectIdRef,
    /** The approver's own Entra token (Teams SSO); its `oid` must be approverId. Never logged. */
    approverToken: z.string().min(1).max(16000),
    /** The ending of the number the approver was shown (and called): must still be the directory's. */
    numberEnding: z.string().regex(/^\d{2,4}$/),
    correlationId: z.string().max(300).optional(),
  })
  .strict();
export type CallbackConfirmRequest = z.input<typeof CallbackConfirmRequestSchema>;

export const ManagerConfirmRequestSchema = z
  .object({
    requestId: RequestId,
    managerId: ObjectIdRef,
    /** The manager's own Entra token (Teams SSO); its `oid` must be the employee's directory manager. */
    managerToken: z.string().min(1).max(16000),
    outcome: z.enum(['confirmed', 'declined']),
    correlationId: z.string().max(300).optional(),
  })
  .strict();
export type ManagerConfirmRequest = z.input<typeof ManagerConfirmRequestSchema>;

export const RecoveryEligibilityRequestSchema = z.object({ user: UserRefSchema }).strict();
export type RecoveryEligibilityRequest = z.input<typeof RecoveryEligibilityRequestSchema>;

export const RECOVERY_BLOCKERS = ['not_configured', 'name_missing', 'privileged', 'vip', 'account_disabled', 'guest'] as const;
export const RecoveryEligibilityResponseSchema = z.object({
  userId: z.string(),
  eligible: z.boolean(),
  /** Why not (empty when eligible). */
  blockers: z.array(z.enum(RECOVERY_BLOCKERS)),
  /** Where the employee starts recovery (ACCOUNT_RECOVERY_URL), when eligible. */
  url: z.string().optional(),
});
export type RecoveryEligibilityResponse = z.infer<typeof RecoveryEligibilityResponseSchema>;
