/**
 * Identity-verification evidence the backend records itself (issue 10, docs/security-model.md).
 * Never typed by an approver: each record is made by the backend from a proof it checked (the
 * approver's or manager's own token, a Verified ID callback it received). The ladder
 * (`./ladder.ts`) decides which kinds a tier accepts; the approver card shows them.
 */
import { z } from 'zod';

const iso = z.string().datetime({ offset: true });

/** The approver called the employee back on a number read from the directory (never from the chat). */
export const CallbackEvidenceSchema = z.object({
  kind: z.literal('callback'),
  /** Which directory attribute the number came from (`mobilePhone`, `businessPhones[0]`, a phone method). */
  source: z.string().min(1).max(100),
  /** Only the last digits, for the card and the audit; the full number is never stored here. */
  numberEnding: z.string().regex(/^\d{2,4}$/),
  confirmedBy: z.string().min(1).max(200),
  at: iso,
});

/** The employee's manager (from the directory) confirmed the request with their own token. */
export const ManagerEvidenceSchema = z.object({
  kind: z.literal('manager'),
  managerId: z.string().min(1).max(200),
  at: iso,
});

/** A Microsoft Entra Verified ID presentation with Face Check, from the Request Service callback. */
export const FaceCheckEvidenceSchema = z.object({
  kind: z.literal('faceCheck'),
  /** The Request Service `requestId` of the presentation. */
  presentationRequestId: z.string().min(1).max(200),
  /** 0–100; absent when the presentation failed (the service returns no score on failure). */
  matchConfidenceScore: z.number().min(0).max(100).optional(),
  threshold: z.number().int().min(50).max(100),
  passed: z.boolean(),
  /** The credential's claim (mail or UPN) matched the employee the request is for. */
  claimMatched: z.boolean(),
  at: iso,
});

export const VerificationEvidenceSchema = z.discriminatedUnion('kind', [
  CallbackEvidenceSchema,
  ManagerEvidenceSchema,
  FaceCheckEvidenceSchema,
]);
export type VerificationEvidence = z.infer<typeof VerificationEvidenceSchema>;
export type FaceCheckEvidence = z.infer<typeof FaceCheckEvidenceSchema>;
export type EvidenceKind = VerificationEvidence['kind'];

/** Where the ladder reads Face Check results (implemented in src/backend/verifiedId/). */
export interface FaceCheckEvidenceSource {
  /** The newest Face Check result recorded for this pass request, if any. */
  latest(requestId: string): Promise<FaceCheckEvidence | undefined>;
}
