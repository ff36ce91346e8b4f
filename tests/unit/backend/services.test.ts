import { errorFromResponse } from '../../../src/backend/client';
import { refusalReason } from '../../../src/backend/services/deviceService';
import { evaluationTime } from '../../../src/backend/services/diagnoseService';
import { constantTimeEqual } from '../../../src/backend/auth/callerAuth';
import { FixedClock } from '../../../src/shared/clock';

const now = new Date('2026-11-26T00:00:00Z');

describe('stale device rules', () => {
  it('when the device is not among the user\'s devices, it is refused', () => {
    expect(refusalReason(undefined, now, 90)).toMatch(/not registered to this user/);
  });

  it('when the device is joined (AzureAd), it is refused because it holds BitLocker keys', () => {
    expect(refusalReason({ id: 'd', trustType: 'AzureAd', approximateLastSignInDateTime: '2020-01-01T00:00:00Z' }, now, 90)).toMatch(/BitLocker/);
  });

  it('when a registered device was used recently, it is refused', () => {
    expect(refusalReason({ id: 'd', trustType: 'Workplace', approximateLastSignInDateTime: '2026-11-01T00:00:00Z' }, now, 90)).toMatch(/used 25 day/);
  });

  it('when a registered device is unused for the stale period, it may be removed (registration time if never signed in)', () => {
    expect(refusalReason({ id: 'd', trustType: 'Workplace', approximateLastSignInDateTime: '2026-08-28T00:00:00Z' }, now, 90)).toBeUndefined();
    expect(refusalReason({ id: 'd', trustType: 'Workplace', registrationDateTime: '2025-01-01T00:00:00Z' }, now, 90)).toBeUndefined();
  });

  it('when nothing tells when the device was used, it is refused', () => {
    expect(refusalReason({ id: 'd', trustType: 'Workplace' }, now, 90)).toMatch(/cannot be shown to be stale/);
  });
});

describe('time travel', () => {
  it('the requested instant is honoured only when allowed', () => {
    const clock = new FixedClock('2030-01-01T00:00:00Z');
    expect(evaluationTime('2026-11-26T09:30:00Z', true, clock).toISOString()).toBe('2026-11-26T09:30:00.000Z');
    expect(evaluationTime('2026-11-26T09:30:00Z', false, clock).toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });
});

describe('backend client error mapping', () => {
  it('user_not_found becomes an expected not_found AppError', () => {
    const e = errorFromResponse(404, { error: { code: 'user_not_found', message: 'No user x', requestId: 'r1' } });
    expect(e.kind).toBe('not_found');
    expect(e.expected).toBe(true);
    expect(e.details.requestId).toBe('r1');
  });

  it('a 5xx, with or without an API body, becomes an unexpected unavailable AppError', () => {
    expect(errorFromResponse(503, { error: { code: 'graph_unavailable', message: 'down' } })).toMatchObject({ kind: 'unavailable', expected: false });
    expect(errorFromResponse(502, '<html>')).toMatchObject({ kind: 'unavailable', expected: false });
  });

  it('a refusal stays an expected refused AppError with the backend message', () => {
    expect(errorFromResponse(409, { error: { code: 'refused', message: 'joined device' } })).toMatchObject({ kind: 'refused', expected: true, message: 'joined device' });
  });
});

describe('caller auth primitives', () => {
  it('keys compare equal only when identical', () => {
    expect(constantTimeEqual('a'.repeat(40), 'a'.repeat(40))).toBe(true);
    expect(constantTimeEqual('a'.repeat(40), 'a'.repeat(39))).toBe(false);
    expect(constantTimeEqual('a'.repeat(40), 'b'.repeat(40))).toBe(false);
  });
});
