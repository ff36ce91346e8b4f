/**
 * Campaign records in the DocumentStore. Every record read back from the store is validated with
 * these schemas (the store is a boundary: another process or version may have written it).
 *
 * Collections: `campaigns` (key campaignId, owned by the service: status and settings),
 * `campaign-recipients` (key `${campaignId}:${userId}`, one per targeted employee),
 * `campaign-runs` (key campaignId: the runner's lease, paging cursor and progress snapshot),
 * `campaign-schedule` (key `${campaignId}:${notBefore}:${userId}`: deferred sends in time order).
 */
import { z } from 'zod';
import { PHONE_COHORTS } from './cohorts';

export const CAMPAIGNS = 'campaigns';
export const RECIPIENTS = 'campaign-recipients';
export const RUNS = 'campaign-runs';
export const SCHEDULE = 'campaign-schedule';

export const AudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notRegistered') }).strict(),
  z.object({ kind: z.literal('group'), groupId: z.string().min(1).max(100) }).strict(),
  /** Passkeys ahead of the SMS/voice retirement: employees of these phone cohorts (docs/campaigns.md "Passkey campaigns"). */
  z
    .object({
      kind: z.literal('passkey'),
      cohorts: z.array(z.enum(PHONE_COHORTS)).min(1).max(3),
      readiness: z.enum(['ready', 'notReady', 'any']),
      groupId: z.string().min(1).max(100).optional(),
    })
    .strict(),
]);
export type Audience = z.infer<typeof AudienceSchema>;

export const QuietHoursSchema = z
  .object({ startHour: z.number().int().min(0).max(23), endHour: z.number().int().min(0).max(23) })
  .strict()
  .refine((q) => q.startHour !== q.endHour, 'startHour and endHour must differ');
export type QuietHours = z.infer<typeof QuietHoursSchema>;

export const CampaignSettingsSchema = z
  .object({
    /** Bot Connector requests per second for this tenant (Teams allows ~50 per app per tenant). */
    ratePerSecond: z.number().positive().max(10000).default(50),
    /** Fraction of the budget actually used, so jitter never crosses the service's window. */
    headroom: z.number().min(0.5).max(1).default(0.95),
    /** Graph installedApps writes per second (directory writes are limited separately). */
    installRatePerSecond: z.number().positive().max(1000).default(10),
    concurrency: z.number().int().min(1).max(256).default(16),
    maxRetries: z.number().int().min(0).max(10).default(5),
    retryBaseMs: z.number().int().min(1).max(60000).default(1000),
    retryMaxMs: z.number().int().min(1).max(300000).default(20000),
    maxSnoozes: z.number().int().min(0).max(5).default(2),
    snoozeHours: z.number().positive().max(168).default(24),
    /** Local hours in the employee's time zone when no nudge is sent (null = never quiet). */
    quietHours: QuietHoursSchema.nullable().default({ startHour: 20, endHour: 8 }),
    pageSize: z.number().int().min(1).max(999).default(500),
  })
  .strict();
export type CampaignSettings = z.infer<typeof CampaignSettingsSchema>;
export type CampaignSettingsInput = z.input<typeof CampaignSettingsSchema>;

export const PreviewCountsSchema = z.object({
  targets: z.number().int(),
  skipped: z.object({
    guest: z.number().int(),
    disabled: z.number().int(),
    excluded: z.number().int(),
    registered: z.number().int(),
    /** Passkey campaigns: Microsoft's own registration campaign already nudges them. */
    microsoftCampaign: z.number().int().default(0),
  }),
});
export type PreviewCounts = z.infer<typeof PreviewCountsSchema>;

export const CampaignStatusSchema = z.enum(['draft', 'running', 'paused', 'cancelled', 'completed']);
export type CampaignStatus = z.infer<typeof CampaignStatusSchema>;

export const CampaignSchema = z.object({
  id: z.string().min(1).max(100),
  tenantId: z.string().max(100),
  name: z.string().max(200),
  audience: AudienceSchema,
  excludeGroupId: z.string().min(1).max(100).optional(),
  settings: CampaignSettingsSchema,
  status: CampaignStatusSchema,
  createdBy: z.string().max(100),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  preview: PreviewCountsSchema.optional(),
});
export type Campaign = z.infer<typeof CampaignSchema>;

export const FAILURE_REASONS = [
  'blocked_bot',
  'bot_disabled_by_admin',
  'app_not_allowed',
  'not_in_roster',
  'retries_exhausted',
  'rejected',
] as const;
export const FailureReasonSchema = z.enum(FAILURE_REASONS);
export type FailureReason = z.infer<typeof FailureReasonSchema>;

export const RecipientStateSchema = z.enum(['pending', 'deferred', 'sending', 'sent', 'failed', 'snoozed']);
export type RecipientState = z.infer<typeof RecipientStateSchema>;

export const RecipientSchema = z.object({
  campaignId: z.string(),
  userId: z.string(),
  state: RecipientStateSchema,
  /** 1 = the nudge, 2.. = reminders the employee asked for ("Remind me tomorrow"). */
  round: z.number().int().min(1),
  userPrincipalName: z.string().optional(),
  timeZone: z.string().optional(),
  conversationId: z.string().optional(),
  activityId: z.string().optional(),
  /** The app was installed for this employee by the campaign. */
  installed: z.boolean(),
  attempts: z.number().int().min(0),
  notBefore: z.string().optional(),
  failure: z.object({ reason: FailureReasonSchema, status: z.number().int().optional(), code: z.string().optional() }).optional(),
  firstSentAt: z.string().optional(),
  sentAt: z.string().optional(),
  snoozes: z.number().int().min(0),
  /** Passkey campaigns: the employee's phone cohort when targeted (results compare it with the snapshot). */
  cohort: z.enum(PHONE_COHORTS).optional(),
  response: z.enum(['setup', 'stuck', 'snooze']).optional(),
  respondedAt: z.string().optional(),
  updatedAt: z.string(),
});
export type Recipient = z.infer<typeof RecipientSchema>;

export const CountersSchema = z.object({
  targeted: z.number().int(),
  sent: z.number().int(),
  installed: z.number().int(),
  failed: z.number().int(),
  deferred: z.number().int(),
  failedByReason: z.record(z.number().int()),
});
export type Counters = z.infer<typeof CountersSchema>;

export const RunSchema = z.object({
  campaignId: z.string(),
  owner: z.string(),
  leaseExpiresAt: z.string(),
  /** Paging cursor of the first target page not yet recorded (undefined = start). */
  cursor: z.string().optional(),
  exhausted: z.boolean(),
  counters: CountersSchema,
  /** Completed sends per second over the last few seconds. */
  ratePerSecond: z.number(),
  updatedAt: z.string(),
});
export type Run = z.infer<typeof RunSchema>;

export function emptyCounters(): Counters {
  return { targeted: 0, sent: 0, installed: 0, failed: 0, deferred: 0, failedByReason: {} };
}

export const recipientKey = (campaignId: string, userId: string): string => `${campaignId}:${userId}`;

/**
 * The idempotency key of one nudge (round) to one employee. Deterministic, so a resumed runner
 * that retries the send, or asks whether it was delivered, uses the same key as the crashed one.
 */
export const nudgeKey = (campaignId: string, userId: string, round: number): string => `nudge:${campaignId}:${userId}:${round}`;
