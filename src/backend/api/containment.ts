/**
 * Backend API v1: containment and the person-proven controls on a pass request.
 *  - POST /v1/tap/contain: "This wasn't me", with the employee's own token;
 *  - POST /v1/incidents/pending, /v1/incidents/posted: the incidents the bot must show in the channel;
 *  - POST /v1/tap/requests/revoke: an approver revokes an issued pass (approver's own token);
 *  - POST /v1/tap/requests/cancel: the employee withdraws an open request (their own token).
 */
import { z } from 'zod';
import { MethodSummarySchema, ObjectIdRef } from './tap';

const iso = z.string().datetime({ offset: true });
const RequestId = z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'must be an id (letters, digits, . _ : -)');
const Token = z.string().min(1).max(16000);

export const ContainRequestSchema = z
  .object({
    requestId: RequestId,
    employeeId: ObjectIdRef,
    /** The employee's own Entra token (Teams SSO in the card action); never logged or stored. */
    employeeToken: Token,
    correlationId: z.string().max(300).optional(),
  })
  .strict();
export type ContainRequest = z.input<typeof ContainRequestSchema>;

/** Why a method counts as the attacker's. */
export const CONTAINMENT_EVIDENCE = ['created_after_pass', 'audit_log', 'not_present_at_issue'] as const;

export const RemovedMethodSchema = MethodSummarySchema.extend({
  evidence: z.enum(CONTAINMENT_EVIDENCE),
  /** `mobile`, `alternateMobile`, `office` for phone methods. */
  phoneType: z.string().optional(),
});
export type RemovedMethod = z.infer<typeof RemovedMethodSchema>;

export const NotRemovedMethodSchema = RemovedMethodSchema.extend({ problem: z.string() });
export type NotRemovedMethod = z.infer<typeof NotRemovedMethodSchema>;

export const ContainResponseSchema = z.object({
  incidentId: z.string(),
  userId: z.string(),
  /** Methods registered after the pass was issued and now deleted. */
  removed: z.array(RemovedMethodSchema),
  /** Methods that should have been deleted but Graph refused (e.g. the default method): the helpdesk must act. */
  notRemoved: z.array(NotRemovedMethodSchema),
  /** Temporary Access Pass method ids deleted. */
  passesRemoved: z.array(z.string()),
  sessionsRevoked: z.boolean(),
  /** accountEnabled was set to false (only when CONTAIN_BLOCK_SIGN_IN is on). */
  signInBlocked: z.boolean(),
  signInBlockConfigured: z.boolean(),
  /** The audit log could not be read: phone and email additions may be missing. */
  auditLogUnavailable: z.boolean(),
  containedAt: iso,
});
export type ContainResponse = z.infer<typeof ContainResponseSchema>;

export const IncidentSchema = ContainResponseSchema.extend({
  requestId: z.string(),
  employeeUpn: z.string().optional(),
  postedAt: iso.optional(),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const PendingIncidentsRequestSchema = z.object({}).strict();
export const PendingIncidentsResponseSchema = z.object({ incidents: z.array(IncidentSchema) });
export type PendingIncidentsResponse = z.infer<typeof PendingIncidentsResponseSchema>;

export const IncidentPostedRequestSchema = z.object({ incidentId: z.string().min(1).max(200) }).strict();
export type IncidentPostedRequest = z.input<typeof IncidentPostedRequestSchema>;
export const IncidentPostedResponseSchema = z.object({ recorded: z.boolean() });

export const ProvenRevokeRequestSchema = z
  .object({
    requestId: RequestId,
    approverId: ObjectIdRef,
    approverToken: Token,
    reason: z.string().trim().min(1).max(1000),
    correlationId: z.string().max(300).optional(),
  })
  .strict();
export type ProvenRevokeRequest = z.input<typeof ProvenRevokeRequestSchema>;
export const ProvenRevokeResponseSchema = z.object({ userId: z.string(), revokedMethodIds: z.array(z.string()) });
export type ProvenRevokeResponse = z.infer<typeof ProvenRevokeResponseSchema>;

export const CancelRequestSchema = z.object({ requestId: RequestId, employeeId: ObjectIdRef, employeeToken: Token }).strict();
export type CancelRequest = z.input<typeof CancelRequestSchema>;
export const CancelResponseSchema = z.object({ cancelled: z.boolean() });
export type CancelResponse = z.infer<typeof CancelResponseSchema>;
