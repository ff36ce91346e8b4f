/**
 * Backend API v1 — passkey campaigns ahead of the SMS/voice retirement (docs/campaigns.md
 * "Passkey campaigns"): audiences by phone cohort from the registration snapshot, and the
 * snapshot's cohorts for results.
 */
import { z } from 'zod';
import { COHORTS, PHONE_COHORTS } from '../../campaigns/cohorts';
import { CampaignTargetSchema } from './campaigns';

const GraphObjectId = z.string().min(1).max(100).regex(/^[A-Za-z0-9-]+$/, 'must be an object id');

export const PasskeyTargetsRequestSchema = z
  .object({
    cohorts: z.array(z.enum(PHONE_COHORTS)).min(1).max(3),
    /** `ready`: only employees whose passkey profiles let them register one; `notReady`: the others. */
    readiness: z.enum(['ready', 'notReady', 'any']).default('any'),
    group: GraphObjectId.optional(),
    excludeGroup: GraphObjectId.optional(),
    cursor: z.string().min(1).max(4000).optional(),
    pageSize: z.number().int().min(1).max(999).optional(),
  })
  .strict();
export type PasskeyTargetsRequest = z.input<typeof PasskeyTargetsRequestSchema>;

export const PasskeyTargetSchema = CampaignTargetSchema.extend({
  cohort: z.enum(PHONE_COHORTS),
  passkeyReady: z.boolean(),
  /** Microsoft's own registration campaign nudges this employee already (§17.3): `passkey` or `authenticator`. */
  microsoftNudge: z.enum(['passkey', 'authenticator']).optional(),
});
export type PasskeyTarget = z.infer<typeof PasskeyTargetSchema>;

export const PasskeyTargetsResponseSchema = z.object({ targets: z.array(PasskeyTargetSchema), nextCursor: z.string().optional() });
export type PasskeyTargetsResponse = z.infer<typeof PasskeyTargetsResponseSchema>;

export const CohortSnapshotRequestSchema = z
  .object({ cursor: z.string().min(1).max(4000).optional(), pageSize: z.number().int().min(1).max(999).optional() })
  .strict();
export type CohortSnapshotRequest = z.input<typeof CohortSnapshotRequestSchema>;

export const CohortRowSchema = z.object({ id: z.string(), cohort: z.enum(COHORTS), lastUpdatedDateTime: z.string().optional() });
export type CohortRow = z.infer<typeof CohortRowSchema>;

export const CohortSnapshotResponseSchema = z.object({ rows: z.array(CohortRowSchema), nextCursor: z.string().optional() });
export type CohortSnapshotResponse = z.infer<typeof CohortSnapshotResponseSchema>;
