/**
 * Backend API v1: Verified ID Face Check for a pass request (docs/backend-api.md). The approver
 * starts it with their own token; the Request Service calls the backend back
 * (POST /api/verifier/presentationcallback, api-key header); the result is FaceCheckEvidence the
 * backend recorded itself.
 */
import { z } from 'zod';
import { FaceCheckEvidenceSchema } from '../verification/evidence';
import { ObjectIdRef } from './tap';

const RequestId = z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'must be an id (letters, digits, . _ : -)');

export const StartFaceCheckRequestSchema = z
  .object({
    /** The pass request the backend opened (POST /v1/tap/requests). */
    requestId: RequestId,
    approverId: ObjectIdRef,
    /** The approver's own Entra token from Teams SSO (never logged, never stored). */
    approverToken: z.string().min(1).max(16000),
  })
  .strict();
export type StartFaceCheckRequest = z.input<typeof StartFaceCheckRequestSchema>;

export const StartFaceCheckResponseSchema = z.object({
  presentationRequestId: z.string(),
  /** The deep link (openid-vc://…) the employee opens in Microsoft Authenticator. */
  url: z.string(),
  expiresAt: z.string().datetime({ offset: true }),
  threshold: z.number().int().min(50).max(100),
  employeeId: z.string(),
});
export type StartFaceCheckResponse = z.infer<typeof StartFaceCheckResponseSchema>;

export const FaceCheckStatusRequestSchema = z.object({ requestId: RequestId }).strict();
export type FaceCheckStatusRequest = z.input<typeof FaceCheckStatusRequestSchema>;

export const FaceCheckStatusResponseSchema = z.object({
  /** The newest recorded result for the pass request; null while none arrived. */
  evidence: FaceCheckEvidenceSchema.nullable(),
});
export type FaceCheckStatusResponse = z.infer<typeof FaceCheckStatusResponseSchema>;
