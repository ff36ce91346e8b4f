/** Backend API v1 — registration-nudge campaigns (docs/campaigns.md "Running a campaign"). */
import { z } from 'zod';


const GraphObjectId = z.string().min(1).max(100).regex(/^[A-Za-z0-9-]+$/, 'must be an object id');

export const CampaignTargetsRequestSchema = z
  .object({
    /** `notRegistered`: isMfaRegistered eq false; `all`: every row (a group audience counts registered members too). */
    filter: z.enum(['notRegistered', 'all']),
    /** Only members (transitive) of this group. */
    group: GraphObjectId.optional(),
    /** Flag members of this group (in addition to the backend's configured excluded group). */
    excludeGroup: GraphObjectId.optional(),
    /** The previous page's nextCursor: a Graph nextLink, opaque to the caller, checked to point at Graph. */
    cursor: z.string().min(1).max(4000).optional(),
    pageSize: z.number().int().min(1).max(999).optional(),
  })
  .strict();
export type CampaignTargetsRequest = z.input<typeof CampaignTargetsRequestSchema>;

export const CampaignTargetSchema = z.object({
  id: z.string(),
  upn: z.string().optional(),
  displayName: z.string().optional(),
  /** `member` | `guest` (the report's lowercase spelling). */
  userType: z.string().optional(),
  accountEnabled: z.boolean().optional(),
  isMfaRegistered: z.boolean().optional(),
  inExcludedGroup: z.boolean().optional(),
});
export type CampaignTarget = z.infer<typeof CampaignTargetSchema>;

export const CampaignTargetsResponseSchema = z.object({
  targets: z.array(CampaignTargetSchema),
  nextCursor: z.string().optional(),
});
export type CampaignTargetsResponse = z.infer<typeof CampaignTargetsResponseSchema>;

export const CampaignInstallRequestSchema = z.object({ userId: GraphObjectId }).strict();
export type CampaignInstallRequest = z.input<typeof CampaignInstallRequestSchema>;

export const CampaignInstallResponseSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('installed') }),
  z.object({ outcome: z.literal('already') }),
  /** Graph refused (403): an app permission / setup policy, or the app is not in the catalog. */
  z.object({ outcome: z.literal('forbidden'), reason: z.string().max(500) }),
]);
export type CampaignInstallResponse = z.infer<typeof CampaignInstallResponseSchema>;

export const CampaignRegistrationRequestSchema = z.object({ userIds: z.array(GraphObjectId).min(1).max(100) }).strict();
export type CampaignRegistrationRequest = z.input<typeof CampaignRegistrationRequestSchema>;

export const CampaignRegistrationResponseSchema = z.object({
  users: z.array(
    z.object({
      id: z.string(),
      isMfaRegistered: z.boolean(),
      /** Earliest createdDateTime of a strong method, when Graph gives one. */
      registeredAt: z.string().optional(),
    }),
  ),
});
export type CampaignRegistrationResponse = z.infer<typeof CampaignRegistrationResponseSchema>;

