/** POST /v1/insights/viewer: who holds this Teams SSO token, and may they see the insights? */
import { z } from 'zod';

export const InsightsViewerRequestSchema = z.object({ userToken: z.string().min(1).max(16000) }).strict();
export type InsightsViewerRequest = z.infer<typeof InsightsViewerRequestSchema>;

export const InsightsViewerResponseSchema = z.object({
  /** The Entra object id the token names (validated by the backend: signature, issuer, audience, tenant, expiry). */
  oid: z.string(),
  /** Member of the approvers group now (checkMemberGroups), which is who may see the insights. */
  approver: z.boolean(),
});
export type InsightsViewerResponse = z.infer<typeof InsightsViewerResponseSchema>;
