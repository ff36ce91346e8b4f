/**
 * The Verified ID Request Service's wire shapes (entra-graph-2026.md §19.2–19.3): the 201 answer of
 * createPresentationRequest, its error body, and the callback payloads it POSTs to the backend.
 * Callback schemas are lenient about extra fields (the service adds some) and strict about what we use.
 */
import { z } from 'zod';

export const PresentationCreatedSchema = z
  .object({
    requestId: z.string().min(1),
    /** openid-vc://?request_uri=…: the deep link Microsoft Authenticator opens. */
    url: z.string().min(1).max(4000),
    /** Seconds since the epoch. */
    expiry: z.number().int(),
    qrCode: z.string().optional(),
  })
  .passthrough();
export type PresentationCreated = z.infer<typeof PresentationCreatedSchema>;

export const RequestServiceErrorBodySchema = z
  .object({
    requestId: z.string().optional(),
    date: z.string().optional(),
    mscv: z.string().optional(),
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        innererror: z.object({ code: z.string(), message: z.string(), target: z.string().optional() }).passthrough().optional(),
      })
      .passthrough(),
  })
  .passthrough();

const base = { requestId: z.string().min(1).max(200), state: z.string().min(1).max(200) };

const CredentialSchema = z
  .object({
    issuer: z.string(),
    type: z.array(z.string()),
    claims: z.record(z.unknown()).default({}),
    faceCheck: z.object({ matchConfidenceScore: z.number().min(0).max(100), sourcePhotoQuality: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

export const CallbackSchema = z.discriminatedUnion('requestStatus', [
  z.object({ ...base, requestStatus: z.literal('request_retrieved') }).passthrough(),
  z.object({ ...base, requestStatus: z.literal('presentation_verified'), subject: z.string().optional(), verifiedCredentialsData: z.array(CredentialSchema).min(1) }).passthrough(),
  z.object({ ...base, requestStatus: z.literal('presentation_error'), error: z.object({ code: z.string(), message: z.string().optional() }).passthrough().optional() }).passthrough(),
]);
export type Callback = z.infer<typeof CallbackSchema>;
export type PresentedCredential = z.infer<typeof CredentialSchema>;
