/**
 * The approval domain's edges. The backend implements TapIssuer and ApprovalDirectory (and
 * re-checks every rule itself); the bot implements ApprovalNotifier. Nothing here imports an SDK.
 */
import { z } from 'zod';
import type { Person, TapRequest } from './model';

export const IssuedPassSchema = z.object({
  /** The code itself. Returned once by Graph; kept only in the PassVault until delivered. */
  pass: z.string().min(1).max(200),
  methodId: z.string().min(1).max(200),
  startDateTime: z.string().datetime({ offset: true }),
  lifetimeInMinutes: z.number().int().positive(),
  isUsableOnce: z.boolean(),
});
export type IssuedPass = z.infer<typeof IssuedPassSchema>;

export interface IssueTapInput {
  /** Idempotency key: the issuer must return the same pass (or create none twice) for one requestId. */
  requestId: string;
  targetUserId: string;
  approverId: string;
  lifetimeMinutes: number;
  isUsableOnce: boolean;
  replaceExisting: boolean;
  /** How the approver verified the employee (the backend records it with the issuance). */
  verification?: { method: string; note?: string };
  /**
   * A previous attempt for this request may have created a pass whose answer never arrived (the
   * process died, the call timed out). Nobody can have seen that pass (it was never stored or
   * delivered), so the issuer replaces it with a new one instead of answering "already issued".
   */
  recoverLost?: boolean;
  /** The approver's own Entra token (Teams SSO): the backend's proof of who approved. Never stored. */
  approverToken?: string;
}

/** What the issuer needs to open the request it owns (the backend: POST /v1/tap/requests). */
export interface OpenRequestInput {
  employeeId: string;
  /** The employee's own Entra token (Teams SSO). Never stored. */
  employeeToken?: string;
  reason: string;
  findings: string[];
  correlationId?: string;
}

export interface TapIssuer {
  /** Throws AppError: `refused`/`forbidden`/`bad_request`/`conflict` are final, anything else is retried. */
  issue(input: IssueTapInput): Promise<IssuedPass>;
  revoke(targetUserId: string, methodId: string): Promise<void>;
  /**
   * Opens the request on the issuer's side and returns its id, which becomes the approval request
   * id (the issuer issues only against requests it opened). Without it, the service makes its own id.
   */
  openRequest?(input: OpenRequestInput): Promise<{ requestId: string }>;
  /** Tells the issuer the pass reached the employee (a delivered pass is never "recovered"). */
  recordDelivery?(requestId: string, methodId: string): Promise<void>;
}

/** The tenant's TAP method policy as it applies to one user. */
export interface TapPolicy {
  allowed: boolean;
  /** Why not, in plain words (disabled, user outside the targets, external guest...). */
  reason?: string;
  minLifetimeInMinutes: number;
  maxLifetimeInMinutes: number;
  defaultLifetimeInMinutes: number;
  /** The tenant forces one-time passes. */
  isUsableOnce: boolean;
}

export interface ExistingTap {
  methodId: string;
  createdDateTime?: string;
  startDateTime?: string;
  lifetimeInMinutes?: number;
  isUsableOnce?: boolean;
}

export interface ApprovalDirectory {
  /** Transitive membership of the configured approvers group, checked server-side. */
  isApprover(userId: string, approversGroupId: string): Promise<boolean>;
  /** Holds any directory role (or is otherwise privileged): no TAP from the helpdesk. */
  isPrivileged(userId: string): Promise<boolean>;
  tapPolicyFor(userId: string): Promise<TapPolicy>;
  /** The user's usable TAP, if any (within its lifetime and not consumed). */
  existingUsableTap(userId: string): Promise<ExistingTap | undefined>;
  managerOf(userId: string): Promise<Person | undefined>;
}

export type ApprovalNotice =
  | { kind: 'requested' | 'awaiting_manager' | 'info_requested' | 'denied' | 'expired' | 'cancelled' | 'failed' | 'delivered' | 'revoked'; request: TapRequest; note?: string }
  | { kind: 'ready_for_delivery'; request: TapRequest }
  | { kind: 'redaction_due'; request: TapRequest; reason: string };

/** The bot posts / updates cards on these notices. Failures are logged and never undo a decision. */
export interface ApprovalNotifier {
  notify(notice: ApprovalNotice): Promise<void>;
}

export const ApprovalPolicySchema = z
  .object({
    /** Entra group whose (transitive) members may approve. */
    approversGroupId: z.string().min(1),
    requireManagerConfirmation: z.boolean().default(false),
    /** Wanted lifetime; clamped to the tenant policy's [min, max]. Default: the shortest allowed. */
    lifetimeMinutes: z.number().int().positive().optional(),
    /** Pending requests expire after this many minutes. */
    requestTtlMinutes: z.number().int().positive().default(60),
    rateLimits: z
      .object({
        perApproverPerWindow: z.number().int().positive().default(10),
        perTenantPerWindow: z.number().int().positive().default(50),
        windowMinutes: z.number().int().positive().default(60),
      })
      .default({}),
    /** How long an instance owns an issuing / delivering step before another may resume it. */
    issueLeaseSeconds: z.number().int().positive().default(120),
    deliveryLeaseSeconds: z.number().int().positive().default(60),
    /** Transient issuer failures are retried (by sweep) up to this many attempts, then the request fails. */
    maxIssueAttempts: z.number().int().positive().default(3),
  })
  .strict();
export type ApprovalPolicy = z.infer<typeof ApprovalPolicySchema>;
export type ApprovalPolicyInput = z.input<typeof ApprovalPolicySchema>;
