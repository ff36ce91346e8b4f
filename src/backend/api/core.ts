/**
 * Backend API v1 — the shared parts and POST /v1/diagnose, POST /v1/devices/delete-stale.
 * Errors always have the shape `{ "error": { "code": "...", "message": "...", "requestId": "..." } }`.
 */
import { z } from 'zod';
import { ClientFactsSchema } from '../../diagnosis/facts';
import { FINDING_CODES } from '../../diagnosis/types';
import { EvidenceAgeSchema } from './freshness';

export { EVIDENCE_SOURCES, EvidenceAgeSchema, type EvidenceAge } from './freshness';
import { PasskeyOptionsSchema } from './passkeys';

export const API_VERSION = 'v1';

/**
 * A user is named by object id (GUID) or user principal name. Guest UPNs contain `#EXT#`
 * (entra-graph.md §0.3), so `#` is allowed here and URL-encoded by the gateway.
 */
export const UserRefSchema = z
  .string()
  .min(3)
  .max(320)
  .regex(/^[^\s/?\\]+$/, 'must be a user principal name or object id');

export const DiagnoseRequestSchema = z
  .object({
    user: UserRefSchema,
    client: ClientFactsSchema.optional(),
    /** Evaluate as of this instant (ISO 8601). Only honoured when the backend allows it (dev/test). */
    now: z.string().datetime({ offset: true }).optional(),
  })
  .strict();
export type DiagnoseRequest = z.infer<typeof DiagnoseRequestSchema>;

export const FindingSchema = z.object({
  code: z.enum(FINDING_CODES),
  severity: z.enum(['blocking', 'warning', 'info']),
  fix: z.enum(['self', 'helpdesk', 'admin']),
  evidence: z.record(z.unknown()),
  title: z.string(),
  steps: z.array(z.string()),
  /** The data the wording uses (StepVars), so a reader's locale can word the finding again. */
  vars: z.record(z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export const FactGapSchema = z.object({
  source: z.string(),
  status: z.number(),
  code: z.string(),
  reason: z.string(),
});

export const DiagnosedUserSchema = z.object({
  id: z.string(),
  userPrincipalName: z.string().optional(),
  displayName: z.string().nullable().optional(),
  userType: z.string().nullable().optional(),
  accountEnabled: z.boolean().nullable().optional(),
});

export const DiagnoseResponseSchema = z.object({
  user: DiagnosedUserSchema,
  findings: z.array(FindingSchema),
  /** Evidence the backend could not read (e.g. sign-in logs without a P1 licence). */
  gaps: z.array(FactGapSchema),
  graph: z.object({ requests: z.number().int(), roundTrips: z.number().int() }),
  diagnosedAt: z.string(),
  /** Optional: how old each evidence source is, when some come from tenant-wide followers. */
  evidence: z.array(EvidenceAgeSchema).optional(),
  /** Optional: sources whose evidence is not in yet (follower behind, budget spent): ask again shortly. */
  pending: z.array(z.string()).optional(),
  /** What the employee may register as a passkey (api/passkeys.ts); absent when unreadable. */
  passkeys: PasskeyOptionsSchema.optional(),
});
export type DiagnoseResponse = z.infer<typeof DiagnoseResponseSchema>;

/** Self-service removal of one stale *registered* device (issue 3). The backend re-checks every rule. */
export const DeleteStaleDeviceRequestSchema = z
  .object({
    user: UserRefSchema,
    /** Directory object id of the device (`device.id`, not `deviceId`). */
    deviceObjectId: z.string().min(1).max(100),
    /** Correlation for the audit trail (e.g. the Teams conversation id). */
    correlationId: z.string().max(300).optional(),
    now: z.string().datetime({ offset: true }).optional(),
  })
  .strict();
export type DeleteStaleDeviceRequest = z.infer<typeof DeleteStaleDeviceRequestSchema>;

export const DeleteStaleDeviceResponseSchema = z.object({
  deleted: z.boolean(),
  device: z.object({ id: z.string(), displayName: z.string().nullable().optional() }),
  /** Evaluation (shadow) mode: every rule passed and the device would have been removed now; it was not. */
  shadow: z.boolean().optional(),
});
export type DeleteStaleDeviceResponse = z.infer<typeof DeleteStaleDeviceResponseSchema>;

export const ApiErrorCodeSchema = z.enum([
  'bad_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'user_not_found',
  'conflict',
  'refused',
  'rate_limited',
  'graph_unavailable',
  /** The Verified ID Request Service is down (503) or refused the backend's request (502). */
  'verified_id_unavailable',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: ApiErrorCodeSchema,
    message: z.string(),
    requestId: z.string().optional(),
    /** Machine reason of a `refused` answer (e.g. TAP_REFUSAL_REASONS). */
    reason: z.string().optional(),
    /** Plain data for the caller (e.g. `existingMethodId`, `retryAfterSeconds`, `escalateTo`). */
    details: z.record(z.unknown()).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
