/**
 * Backend API v1: the pass request the backend owns. The bot opens it with the employee's own
 * token (POST /v1/tap/requests); POST /v1/tap/issue works only against such a request; the bot
 * records the delivery (POST /v1/tap/delivered), after which a lost pass can no longer be recovered.
 */
import { z } from 'zod';
import { ObjectIdRef } from './tap';

const iso = z.string().datetime({ offset: true });
const RequestId = z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'must be an id (letters, digits, . _ : -)');

export const OpenTapRequestSchema = z
  .object({
    /** The employee's Entra object id (Teams `from.aadObjectId`): the token must be theirs. */
    employeeId: ObjectIdRef,
    /** The employee's own Entra token from Teams SSO (never logged, never stored). */
    employeeToken: z.string().min(1).max(16000),
    reason: z.string().trim().min(1).max(2000),
    /** The diagnosis the request rests on (finding codes, root cause first). */
    findings: z.array(z.object({ code: z.string().min(1).max(100) }).passthrough()).max(50).default([]),
    correlationId: z.string().max(300).optional(),
  })
  .strict();
export type OpenTapRequest = z.input<typeof OpenTapRequestSchema>;

export const OpenTapResponseSchema = z.object({
  /** Use it as the approval request id: POST /v1/tap/issue accepts only ids the backend opened. */
  requestId: RequestId,
  employeeId: z.string(),
  createdAt: iso,
  expiresAt: iso,
});
export type OpenTapResponse = z.infer<typeof OpenTapResponseSchema>;

export const TapDeliveredRequestSchema = z.object({ requestId: RequestId, methodId: z.string().min(1).max(200) }).strict();
export type TapDeliveredRequest = z.input<typeof TapDeliveredRequestSchema>;
export const TapDeliveredResponseSchema = z.object({ recorded: z.boolean() });
export type TapDeliveredResponse = z.infer<typeof TapDeliveredResponseSchema>;
