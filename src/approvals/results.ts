/** The typed outcome of every approval operation: the request, or a refusal with a stable code. */
import type { TapRequest } from './model';

export const REFUSAL_REASONS = [
  'not_found',
  'self_approval',
  'not_approver',
  'not_pending',
  'already_decided',
  'already_requested',
  'expired',
  'privileged_target',
  'tap_not_allowed',
  'existing_tap',
  'rate_limited',
  'verification_missing',
  'manager_confirmation_required',
  'manager_unavailable',
  'not_manager',
  'separation_of_duties',
  'not_issued',
  'already_delivered',
  'delivery_in_progress',
  'delivery_failed',
  'delivery_unconfirmed',
  'pass_expired',
  'pass_unavailable',
  'not_revocable',
  'not_authorized',
  'issuer_unavailable',
  'issuer_refused',
  'invalid_input',
  'invalid_transition',
  /** The person's own sign-in proof was missing, invalid, someone else's or stale (the issuer said so). */
  'unproven',
  /** The approver's sign-in lacks the required Conditional Access authentication context. */
  'auth_context_required',
  /** The issuer's verification ladder: the evidence it recorded is not enough for the account's tier yet. */
  'verification_insufficient',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface Refusal {
  ok: false;
  reason: RefusalReason;
  message: string;
  /** The request as it stands now, when there is one (e.g. the winner's state for `already_decided`). */
  request?: TapRequest;
  details?: Record<string, unknown>;
}

export type ApprovalResult<T = TapRequest> = { ok: true; value: T } | Refusal;

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function refuse(reason: RefusalReason, message: string, extra: { request?: TapRequest; details?: Record<string, unknown> } = {}): Refusal {
  const r: Refusal = { ok: false, reason, message };
  if (extra.request) r.request = extra.request;
  if (extra.details) r.details = extra.details;
  return r;
}
