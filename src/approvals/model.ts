/**
 * The Temporary Access Pass request record and its zod schemas. The record never holds the pass
 * itself: the issued code lives only in the PassVault (vault.ts), encrypted, until delivery.
 */
import { z } from 'zod';
import { FINDING_CODES } from '../diagnosis/types';

export const TAP_STATES = [
  'pending',
  'awaiting_manager',
  'approved',
  'issuing',
  'issued',
  'delivered',
  'redacted',
  'denied',
  'expired',
  'cancelled',
  'failed',
  'revoked',
] as const;
export type TapState = (typeof TAP_STATES)[number];

/** States after which nothing more can happen to the request (the pass, if any, is gone). */
export const TERMINAL_STATES: readonly TapState[] = ['redacted', 'denied', 'expired', 'cancelled', 'failed', 'revoked'];

/** How the approver verified the employee's identity outside Teams. */
export const VERIFICATION_METHODS = ['video_call_with_id', 'manager_callback', 'in_person'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

const iso = z.string().datetime({ offset: true });
const objectId = z.string().min(1).max(200);

export const PersonSchema = z.object({
  aadObjectId: objectId,
  displayName: z.string().max(300).optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const RequesterSchema = z.object({
  aadObjectId: objectId,
  displayName: z.string().max(300),
  upn: z.string().min(3).max(320),
});
export type Requester = z.infer<typeof RequesterSchema>;

export const VerificationSchema = z
  .object({
    method: z.enum(VERIFICATION_METHODS),
    /** What was checked, e.g. "badge 4711 on video, matches HR photo". Never the pass. */
    note: z
      .string()
      .transform((s) => s.trim())
      .pipe(z.string().min(5).max(1000)),
  })
  .strict();
export type Verification = z.infer<typeof VerificationSchema>;

export const FindingSnapshotSchema = z.object({
  code: z.enum(FINDING_CODES),
  evidence: z.record(z.unknown()),
});
export type FindingSnapshot = z.infer<typeof FindingSnapshotSchema>;

export const RiskSignalSchema = z.object({
  code: z.string().min(1).max(100),
  detail: z.string().max(500).optional(),
});
export type RiskSignal = z.infer<typeof RiskSignalSchema>;

export const DecisionSchema = z.object({
  outcome: z.enum(['approved', 'denied']),
  by: PersonSchema,
  at: iso,
  verification: VerificationSchema.optional(),
  reason: z.string().max(1000).optional(),
  replaceExisting: z.boolean().optional(),
  /** The usable pass that existed when the approver chose to replace it. */
  replacedMethodId: z.string().optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const ManagerConfirmationSchema = z.object({
  required: z.boolean(),
  manager: PersonSchema.optional(),
  outcome: z.enum(['confirmed', 'declined']).optional(),
  at: iso.optional(),
  note: z.string().max(1000).optional(),
});
export type ManagerConfirmation = z.infer<typeof ManagerConfirmationSchema>;

export const IssuanceSchema = z.object({
  tapMethodId: z.string().min(1),
  startDateTime: iso,
  lifetimeInMinutes: z.number().int().positive(),
  expiresAt: iso,
  isUsableOnce: z.boolean(),
  deliveredActivityId: z.string().optional(),
  deliveredAt: iso.optional(),
  redactedAt: iso.optional(),
  redactionReason: z.string().optional(),
});
export type Issuance = z.infer<typeof IssuanceSchema>;

/** A time-bound claim on a step (issuing, delivering) so a crashed instance's work is resumed. */
export const LeaseSchema = z.object({
  by: z.string(),
  at: iso,
  until: iso,
  attempt: z.number().int().positive(),
});
export type Lease = z.infer<typeof LeaseSchema>;

/** A delivery claim, plus when its send started and whether its outcome is unknown (delivery.ts: at most once). */
export const DeliveryLeaseSchema = LeaseSchema.extend({ sendingAt: iso.optional(), unconfirmedAt: iso.optional() });

export const HistoryEntrySchema = z.object({
  at: iso,
  event: z.string(),
  actor: z.string(),
  from: z.enum(TAP_STATES),
  to: z.enum(TAP_STATES),
  note: z.string().max(1000).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const TapRequestSchema = z.object({
  id: z.string().min(1),
  tenantId: z.string().min(1),
  requester: RequesterSchema,
  reason: z.string().max(2000),
  findings: z.array(FindingSnapshotSchema),
  riskSignals: z.array(RiskSignalSchema),
  correlationId: z.string().max(300).optional(),
  createdAt: iso,
  /** Pending (or awaiting-manager) requests expire at this instant. */
  expiresAt: iso,
  state: z.enum(TAP_STATES),
  decision: DecisionSchema.optional(),
  managerConfirmation: ManagerConfirmationSchema,
  /** The lifetime chosen at approval (policy-clamped), used by issuing and its retries. */
  plannedLifetimeMinutes: z.number().int().positive().optional(),
  issuing: LeaseSchema.optional(),
  issuance: IssuanceSchema.optional(),
  delivery: DeliveryLeaseSchema.optional(),
  revocation: z.object({ by: PersonSchema, at: iso, reason: z.string().max(1000) }).optional(),
  failure: z.object({ at: iso, code: z.string(), message: z.string().max(500) }).optional(),
  history: z.array(HistoryEntrySchema),
  /** Incremented on every write (the store's ETag is the concurrency token; this is for people). */
  version: z.number().int().nonnegative(),
});
export type TapRequest = z.infer<typeof TapRequestSchema>;

/** What the bot supplies when an employee asks for a pass. */
export const NewTapRequestSchema = z
  .object({
    tenantId: z.string().min(1).max(100),
    requester: RequesterSchema,
    reason: z.string().trim().min(1).max(2000),
    findings: z.array(FindingSnapshotSchema).max(50).default([]),
    riskSignals: z.array(RiskSignalSchema).max(50).default([]),
    correlationId: z.string().max(300).optional(),
  })
  .strict();
export type NewTapRequest = z.input<typeof NewTapRequestSchema>;
