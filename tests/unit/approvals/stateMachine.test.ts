import { TAP_STATES, type TapState } from '../../../src/approvals/model';
import { TAP_EVENTS, transition, type TapEvent } from '../../../src/approvals/stateMachine';

/** Every allowed transition, written out independently of the implementation's table. */
const ALLOWED: Array<[TapState, TapEvent, TapState]> = [
  ['pending', 'await_manager', 'awaiting_manager'],
  ['pending', 'ask_info', 'pending'],
  ['pending', 'approve', 'approved'],
  ['pending', 'deny', 'denied'],
  ['pending', 'cancel', 'cancelled'],
  ['pending', 'expire', 'expired'],
  ['awaiting_manager', 'manager_confirm', 'pending'],
  ['awaiting_manager', 'manager_decline', 'denied'],
  ['awaiting_manager', 'ask_info', 'awaiting_manager'],
  ['awaiting_manager', 'deny', 'denied'],
  ['awaiting_manager', 'cancel', 'cancelled'],
  ['awaiting_manager', 'expire', 'expired'],
  ['approved', 'start_issuing', 'issuing'],
  ['issuing', 'start_issuing', 'issuing'],
  ['issuing', 'issue_succeeded', 'issued'],
  ['issuing', 'issue_failed', 'failed'],
  ['issuing', 'release', 'pending'],
  ['issued', 'deliver', 'delivered'],
  ['issued', 'redact', 'redacted'],
  ['issued', 'revoke', 'revoked'],
  ['delivered', 'redact', 'redacted'],
  ['delivered', 'revoke', 'revoked'],
  ['revoked', 'redact', 'revoked'],
];

/** The refusal code a person sees for notable refused transitions. */
const REFUSED_WITH: Array<[TapState, TapEvent, string]> = [
  ['awaiting_manager', 'approve', 'manager_confirmation_required'],
  ['expired', 'approve', 'expired'],
  ['expired', 'deny', 'expired'],
  ['approved', 'approve', 'already_decided'],
  ['issuing', 'approve', 'already_decided'],
  ['issued', 'approve', 'already_decided'],
  ['delivered', 'deny', 'already_decided'],
  ['denied', 'approve', 'already_decided'],
  ['cancelled', 'approve', 'already_decided'],
  ['failed', 'approve', 'already_decided'],
  ['revoked', 'approve', 'already_decided'],
  ['redacted', 'cancel', 'already_decided'],
  ['pending', 'manager_confirm', 'not_pending'],
  ['issued', 'manager_confirm', 'not_pending'],
  ['delivered', 'deliver', 'already_delivered'],
  ['redacted', 'deliver', 'already_delivered'],
  ['pending', 'deliver', 'not_issued'],
  ['issuing', 'deliver', 'not_issued'],
  ['pending', 'revoke', 'not_revocable'],
  ['redacted', 'revoke', 'not_revocable'],
  ['pending', 'redact', 'not_issued'],
  ['pending', 'issue_succeeded', 'invalid_transition'],
  ['issued', 'issue_succeeded', 'invalid_transition'],
  ['pending', 'start_issuing', 'invalid_transition'],
  ['issued', 'release', 'invalid_transition'],
  ['denied', 'expire', 'invalid_transition'],
];

const allowedKey = new Set(ALLOWED.map(([s, e]) => `${s}:${e}`));
const REFUSED: Array<[TapState, TapEvent]> = TAP_STATES.flatMap((s) => TAP_EVENTS.filter((e) => !allowedKey.has(`${s}:${e}`)).map((e): [TapState, TapEvent] => [s, e]));

describe('TAP request state machine', () => {
  it.each(ALLOWED)('when a %s request gets %s, it becomes %s', (from, event, to) => {
    expect(transition(from, event)).toEqual({ ok: true, state: to });
  });

  it.each(REFUSED)('when a %s request gets %s, the transition is refused', (from, event) => {
    expect(transition(from, event).ok).toBe(false);
  });

  it.each(REFUSED_WITH)('when a %s request gets %s, the refusal reason is %s', (from, event, reason) => {
    expect(transition(from, event)).toEqual({ ok: false, reason });
  });

  it('when the request has ended (redacted, denied, expired, cancelled, failed), no event moves it', () => {
    for (const s of ['redacted', 'denied', 'expired', 'cancelled', 'failed'] as const) {
      for (const e of TAP_EVENTS) expect(transition(s, e).ok).toBe(false);
    }
  });

  it('when all transitions are counted, the table covers every state and event pair exactly once', () => {
    expect(ALLOWED.length + REFUSED.length).toBe(TAP_STATES.length * TAP_EVENTS.length);
    expect(ALLOWED.length).toBe(23);
  });
});
