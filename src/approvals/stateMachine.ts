/**
 * The request lifecycle as one pure, table-driven transition function.
 *
 *   pending ──approve──▶ approved ──start_issuing──▶ issuing ──issue_succeeded──▶ issued ──deliver──▶ delivered ──redact──▶ redacted
 *   pending ──await_manager──▶ awaiting_manager ──manager_confirm──▶ pending
 *   pending | awaiting_manager ──deny | expire | cancel──▶ denied | expired | cancelled
 *   issuing ──issue_failed──▶ failed;  issuing ──release──▶ pending (refused after winning, e.g. rate limit)
 *   issued | delivered ──revoke──▶ revoked;  issued ──redact──▶ redacted (expired or used before delivery)
 */
import type { TapState } from './model';
import type { RefusalReason } from './results';

export const TAP_EVENTS = [
  'await_manager',
  'manager_confirm',
  'manager_decline',
  'ask_info',
  'approve',
  'deny',
  'cancel',
  'expire',
  'start_issuing',
  'release',
  'issue_succeeded',
  'issue_failed',
  'deliver',
  'redact',
  'revoke',
] as const;
export type TapEvent = (typeof TAP_EVENTS)[number];

/** Allowed transitions: state → event → next state. Anything absent is refused. */
export const TRANSITIONS: Readonly<Record<TapState, Partial<Record<TapEvent, TapState>>>> = {
  pending: {
    await_manager: 'awaiting_manager',
    ask_info: 'pending',
    approve: 'approved',
    deny: 'denied',
    cancel: 'cancelled',
    expire: 'expired',
  },
  awaiting_manager: {
    manager_confirm: 'pending',
    manager_decline: 'denied',
    ask_info: 'awaiting_manager',
    deny: 'denied',
    cancel: 'cancelled',
    expire: 'expired',
  },
  approved: { start_issuing: 'issuing' },
  issuing: { start_issuing: 'issuing', issue_succeeded: 'issued', issue_failed: 'failed', release: 'pending' },
  issued: { deliver: 'delivered', redact: 'redacted', revoke: 'revoked' },
  delivered: { redact: 'redacted', revoke: 'revoked' },
  // A revoked pass's message is still redacted; the state stays revoked.
  revoked: { redact: 'revoked' },
  redacted: {},
  denied: {},
  expired: {},
  cancelled: {},
  failed: {},
};

export type TransitionResult = { ok: true; state: TapState } | { ok: false; reason: RefusalReason };

const DECISIONS: readonly TapEvent[] = ['approve', 'deny', 'cancel', 'ask_info', 'await_manager', 'manager_confirm', 'manager_decline'];
const DECIDED: readonly TapState[] = ['approved', 'issuing', 'issued', 'delivered', 'redacted', 'denied', 'cancelled', 'failed', 'revoked'];

/** Why `event` is refused in `state`: the most helpful code for the person who clicked. */
function refusalFor(state: TapState, event: TapEvent): RefusalReason {
  if (DECISIONS.includes(event)) {
    if (state === 'expired') return 'expired';
    if (state === 'awaiting_manager' && event === 'approve') return 'manager_confirmation_required';
    if (event === 'manager_confirm' || event === 'manager_decline') return 'not_pending';
    if (DECIDED.includes(state)) return 'already_decided';
    return 'not_pending';
  }
  if (event === 'deliver') return state === 'delivered' || state === 'redacted' ? 'already_delivered' : 'not_issued';
  if (event === 'revoke') return 'not_revocable';
  if (event === 'redact') return 'not_issued';
  return 'invalid_transition';
}

export function transition(state: TapState, event: TapEvent): TransitionResult {
  const next = TRANSITIONS[state][event];
  return next === undefined ? { ok: false, reason: refusalFor(state, event) } : { ok: true, state: next };
}
