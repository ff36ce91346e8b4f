/**
 * A rule refused a TAP operation: AppError kind `refused` carrying a machine reason, answered as
 * 403 (who is asking: self_approval, not_approver) or 409 (the rest) with `error.reason`.
 */
import { AppError } from '../../shared/errors';
import type { TapRefusalReason } from '../api';
import type { HttpError } from '../http/errors';

const FORBIDDEN: readonly TapRefusalReason[] = ['self_approval', 'not_approver', 'unproven', 'auth_context_required', 'request_unknown', 'verification_insufficient', 'not_manager'];

export class TapRefusal extends AppError {
  readonly reason: TapRefusalReason;
  constructor(reason: TapRefusalReason, message: string, details: Record<string, unknown> = {}) {
    super('refused', message, { expected: true, details: { ...details, reason } });
    this.name = 'TapRefusal';
    this.reason = reason;
  }

  get status(): number {
    return FORBIDDEN.includes(this.reason) ? 403 : 409;
  }

  /** Plain data for the caller, without the reason (which has its own field). */
  get publicDetails(): Record<string, unknown> {
    const { reason: _reason, ...rest } = this.details;
    return rest;
  }
}

export function isTapRefusal(e: unknown): e is TapRefusal {
  return e instanceof TapRefusal;
}

/** The HTTP answer for a TapRefusal, or undefined for any other failure (use toHttpError). */
export function tapRefusalHttp(e: unknown, requestId: string): HttpError | undefined {
  if (!isTapRefusal(e)) return undefined;
  const details = e.publicDetails;
  return {
    status: e.status,
    body: { error: { code: 'refused', message: e.message, requestId, reason: e.reason, ...(Object.keys(details).length > 0 ? { details } : {}) } },
    unexpected: false,
  };
}
