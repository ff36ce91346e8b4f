/** Backend API v1 — Temporary Access Pass, approver check, risk profile, TAP status (docs/backend-api.md). */
import { z } from 'zod';
import { VERIFICATION_METHODS } from '../../approvals/model';
import { FactGapSchema, UserRefSchema } from './core';


/** How the approver verified the employee out of band (the approval domain's list). */
export const VerificationInputSchema = z
  .object({
    method: z.enum(VERIFICATION_METHODS),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

/** Machine reasons of a 403/409 `refused` answer to POST /v1/tap/issue (error.reason). */
export const TAP_REFUSAL_REASONS = [
  'self_approval',
  'not_approver',
  'privileged_target',
  'tap_not_allowed',
  'existing_tap',
  'rate_limited',
  /** Evaluation (shadow) mode: every rule passed and a pass would have been issued now; none was. */
  'shadow_mode',
  /** The stored approval request is not open (denied, cancelled, expired, already done). */
  'request_not_open',
  /** The stored approval request names another employee or another approver. */
  'request_mismatch',
  /** No pass request with this id was opened through the backend (POST /v1/tap/requests). */
  'request_unknown',
  /** The person's own sign-in proof (user token) is missing, invalid, someone else's or stale. */
  'unproven',
  /** The approver's token lacks the configured Conditional Access authentication context (acrs). */
  'auth_context_required',
  /** recoverLost refused: the pass was delivered, was already recovered once, or the caller is not its approver. */
  'recovery_refused',
  /**
   * The evidence the backend recorded does not satisfy the account's verification tier
   * (error.details: tier, accepted, missing). 403.
   */
  'verification_insufficient',
  /** A manager confirmation from someone who is not the employee's manager in the directory. 403. */
  'not_manager',
] as const;
export type TapRefusalReason = (typeof TAP_REFUSAL_REASONS)[number];

const iso = z.string().datetime({ offset: true });
export const ObjectIdRef = z.string().min(1).max(200).regex(/^[^\s/?\\]+$/, 'must be an object id');

export const IssueTapRequestSchema = z
  .object({
    /** The approval request id: the idempotency key (one pass per id, ever). */
    requestId: z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'must be an id (letters, digits, . _ : -)'),
    targetUser: UserRefSchema,
    /** The approver's Entra object id (the Teams `from.aadObjectId` of the click). */
    approverId: ObjectIdRef,
    /**
     * The approver's own Entra token from Teams SSO (never logged). Required for every attempt
     * except recoverLost: its `oid` must be approverId (docs/security-model.md).
     */
    approverToken: z.string().min(1).max(16000).optional(),
    /**
     * The approver's note of how they verified the employee. Kept for compatibility and recorded in
     * the audit, but never enough on its own: the backend issues only on evidence it recorded itself
     * (docs/security-model.md, the verification ladder).
     */
    verification: VerificationInputSchema.optional(),
    /** Wanted lifetime; the backend clamps it to its own configured maximum and the tenant policy. */
    lifetimeMinutes: z.number().int().positive().max(43200).optional(),
    /** The approver explicitly chose to replace an existing usable pass. */
    replaceExisting: z.boolean().default(false),
    /**
     * The caller never received the pass of an earlier attempt for this requestId (crash, timeout).
     * Only for the same approver and employee: the earlier pass is deleted and a new one issued.
     */
    recoverLost: z.boolean().default(false),
    correlationId: z.string().max(300).optional(),
  })
  .strict();
export type IssueTapRequest = z.input<typeof IssueTapRequestSchema>;

/** The only answer that ever carries a pass. Never log it. */
export const IssueTapResponseSchema = z.object({
  pass: z.string().min(1),
  methodId: z.string().min(1),
  startDateTime: iso,
  lifetimeInMinutes: z.number().int().positive(),
  isUsableOnce: z.boolean(),
  expiresAt: iso,
});
export type IssueTapResponse = z.infer<typeof IssueTapResponseSchema>;

export const RevokeTapRequestSchema = z
  .object({
    targetUser: UserRefSchema,
    /** A specific pass; without it every pass of the user is deleted. */
    methodId: z.string().min(1).max(200).optional(),
    /** Also revoke every refresh token / session cookie of the user (POST /users/{id}/revokeSignInSessions). */
    revokeSessions: z.boolean(),
    /** Who asked (object id, or `system`). */
    by: z.string().min(1).max(200),
    reason: z.string().trim().min(1).max(1000),
    correlationId: z.string().max(300).optional(),
  })
  .strict();
export type RevokeTapRequest = z.input<typeof RevokeTapRequestSchema>;

export const RevokeTapResponseSchema = z.object({
  userId: z.string(),
  /** At least one pass was deleted. */
  tapRevoked: z.boolean(),
  revokedMethodIds: z.array(z.string()),
  sessionsRevoked: z.boolean(),
});
export type RevokeTapResponse = z.infer<typeof RevokeTapResponseSchema>;

export const CheckApproverRequestSchema = z.object({ userId: ObjectIdRef }).strict();
export type CheckApproverRequest = z.input<typeof CheckApproverRequestSchema>;
export const CheckApproverResponseSchema = z.object({ approver: z.boolean() });
export type CheckApproverResponse = z.infer<typeof CheckApproverResponseSchema>;

/** An authentication method as the helpdesk sees it (never a secret). */
export const MethodSummarySchema = z.object({
  id: z.string(),
  /** Graph type without the namespace, e.g. `microsoftAuthenticatorAuthenticationMethod`. */
  type: z.string(),
  /** Plain words, e.g. `Microsoft Authenticator`, `Passkey (FIDO2)`. */
  kind: z.string(),
  displayName: z.string().optional(),
  createdDateTime: z.string().optional(),
});
export type MethodSummary = z.infer<typeof MethodSummarySchema>;

export const SignInSummarySchema = z.object({
  id: z.string(),
  createdDateTime: z.string(),
  ipAddress: z.string().optional(),
  city: z.string().optional(),
  countryOrRegion: z.string().optional(),
  /** "City, CC" when known. */
  location: z.string().optional(),
  app: z.string().optional(),
  errorCode: z.number().int(),
  /** `success` or Graph's failure reason. */
  status: z.string(),
});
export type SignInSummary = z.infer<typeof SignInSummarySchema>;

/** The tenant's TAP policy as it applies to one user (the approval domain's TapPolicy). */
export const TapPolicyViewSchema = z.object({
  allowed: z.boolean(),
  reason: z.string().optional(),
  minLifetimeInMinutes: z.number().int().positive(),
  maxLifetimeInMinutes: z.number().int().positive(),
  defaultLifetimeInMinutes: z.number().int().positive(),
  isUsableOnce: z.boolean(),
});
export type TapPolicyView = z.infer<typeof TapPolicyViewSchema>;

export const TapViewSchema = z.object({
  methodId: z.string(),
  isUsable: z.boolean(),
  /** Graph's methodUsabilityReason: EnabledByPolicy, DisabledByPolicy, Expired, NotYetValid, OneTimeUsed. */
  reason: z.string(),
  methodUsabilityReason: z.string(),
  expiresAt: z.string().optional(),
  createdDateTime: z.string().optional(),
  startDateTime: z.string().optional(),
  lifetimeInMinutes: z.number().int().optional(),
  isUsableOnce: z.boolean().optional(),
});
export type TapView = z.infer<typeof TapViewSchema>;

export const ManagerSchema = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  userPrincipalName: z.string().optional(),
  businessPhones: z.array(z.string()),
  mobilePhone: z.string().optional(),
});

export const RiskProfileRequestSchema = z
  .object({
    user: UserRefSchema,
    /** Evaluate as of this instant (ISO 8601). Only honoured when the backend allows it (dev/test). */
    now: iso.optional(),
  })
  .strict();
export type RiskProfileRequest = z.input<typeof RiskProfileRequestSchema>;

export const RiskProfileResponseSchema = z.object({
  user: z.object({
    id: z.string(),
    userPrincipalName: z.string().optional(),
    displayName: z.string().optional(),
    accountEnabled: z.boolean().optional(),
    userType: z.string().optional(),
    /** The directory's numbers for a call-back (Graph `businessPhones`, `mobilePhone`); absent when none. */
    businessPhones: z.array(z.string()).optional(),
    mobilePhone: z.string().optional(),
  }),
  /** Identity Protection user risk (`none`, `low`, `medium`, `high`, `hidden`); absent when unavailable. */
  riskLevel: z.string().optional(),
  /** Newest first, at most 10, from the diagnosis window (DIAG_RECENT_HOURS). */
  recentSignIns: z.array(SignInSummarySchema),
  /** Methods registered in the last 14 days (password excluded), newest first. */
  methodsAddedRecently: z.array(MethodSummarySchema),
  /** true also when the roles could not be read (fail closed). */
  privileged: z.boolean(),
  /** Member of the VIP group (VIP_GROUP_ID; true when unreadable): no pass from the bot either. Absent without a VIP group. */
  vip: z.boolean().optional(),
  privilegedRoles: z.array(z.string()),
  accountCreated: z.string().optional(),
  manager: ManagerSchema.optional(),
  tapPolicy: TapPolicyViewSchema,
  /** The user's current pass (usable or not); null when there is none. */
  existingTap: TapViewSchema.nullable(),
  gaps: z.array(FactGapSchema),
  profiledAt: z.string(),
});
export type RiskProfileResponse = z.infer<typeof RiskProfileResponseSchema>;

export const TapStatusRequestSchema = z
  .object({
    user: UserRefSchema,
    /** The pass that was issued; without it, the user's current pass. */
    methodId: z.string().min(1).max(200).optional(),
    /** Report methods registered at or after this instant (post-use watch). */
    since: iso.optional(),
    now: iso.optional(),
  })
  .strict();
export type TapStatusRequest = z.input<typeof TapStatusRequestSchema>;

export const TapStatusResponseSchema = z.object({
  userId: z.string(),
  /** Absent when the pass no longer exists (deleted, replaced). */
  tap: TapViewSchema.optional(),
  methodsRegisteredSince: z.array(MethodSummarySchema),
  checkedAt: z.string(),
});
export type TapStatusResponse = z.infer<typeof TapStatusResponseSchema>;
