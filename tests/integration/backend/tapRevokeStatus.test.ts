import { ApiErrorBodySchema, CheckApproverResponseSchema, IssueTapResponseSchema, RevokeTapResponseSchema, TapStatusResponseSchema } from '../../../src/backend/api';
import { ALICE, BOB, HANK, IVY, appsWithout, startTapStack, type TapStack } from './tapStack';

const TAP_WRITE = 'UserAuthMethod-TAP.ReadWrite.All';

describe('TAP revoke, status and the approver check', () => {
  let stack: TapStack;
  beforeEach(async () => {
    stack = await startTapStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  const issue = async (over: Record<string, unknown> = {}) => IssueTapResponseSchema.parse((await stack.issue(over)).body);

  it('when "This wasn\'t me" revokes the pass and the sessions, the pass is gone, sessions are invalidated, and it is audited', async () => {
    const issued = await issue();

    const res = await stack.post('/v1/tap/revoke', { targetUser: ALICE.upn, methodId: issued.methodId, revokeSessions: true, by: ALICE.id, reason: "This wasn't me" });

    expect(res.status).toBe(200);
    expect(RevokeTapResponseSchema.parse(res.body)).toEqual({ userId: ALICE.id, tapRevoked: true, revokedMethodIds: [issued.methodId], sessionsRevoked: true });
    expect(stack.taps(ALICE.id)).toHaveLength(0);
    // Sessions are valid from the revocation instant: NOW plus the backoff Microsoft's budgets made the backend wait.
    const validFrom = Date.parse(String(stack.simUser(ALICE.id).props.signInSessionsValidFromDateTime));
    expect(validFrom).toBeGreaterThanOrEqual(Date.parse('2026-11-26T09:30:00Z'));
    expect(validFrom).toBeLessThanOrEqual(stack.clock.now().getTime());
    expect(await stack.store.query({ action: 'tap.revoked' })).toEqual([
      expect.objectContaining({ actor: ALICE.id, subject: ALICE.id, details: expect.objectContaining({ revokedMethodIds: [issued.methodId], sessionsRevoked: true, reason: "This wasn't me" }) }),
    ]);
  });

  it('when no method id is given, every pass of the user is revoked; with none left, the answer says nothing was revoked', async () => {
    await issue();

    const first = RevokeTapResponseSchema.parse((await stack.post('/v1/tap/revoke', { targetUser: ALICE.id, revokeSessions: false, by: HANK.id, reason: 'employee finished setup' })).body);
    const second = RevokeTapResponseSchema.parse((await stack.post('/v1/tap/revoke', { targetUser: ALICE.id, revokeSessions: false, by: HANK.id, reason: 'again' })).body);

    expect(first).toMatchObject({ tapRevoked: true, sessionsRevoked: false });
    expect(second).toMatchObject({ tapRevoked: false, revokedMethodIds: [] });
    expect(stack.simUser(ALICE.id).props.signInSessionsValidFromDateTime).toBeUndefined();
  });

  it('the pass status follows use and expiry (for redaction)', async () => {
    const issued = await issue();
    const status = async () => TapStatusResponseSchema.parse((await stack.post('/v1/tap/status', { user: ALICE.id, methodId: issued.methodId })).body);

    expect((await status()).tap).toMatchObject({ methodId: issued.methodId, isUsable: true, methodUsabilityReason: 'EnabledByPolicy', expiresAt: issued.expiresAt });
    const tap = stack.taps(ALICE.id)[0] as Record<string, unknown>;
    tap['@sim.used'] = true;
    expect((await status()).tap).toMatchObject({ isUsable: false, methodUsabilityReason: 'OneTimeUsed', reason: 'OneTimeUsed' });
    tap['@sim.used'] = false;
    stack.clock.advance(61 * 60_000);
    expect((await status()).tap).toMatchObject({ isUsable: false, methodUsabilityReason: 'Expired' });
  });

  it('when the pass was replaced or deleted, the status has no tap', async () => {
    const issued = await issue();
    await stack.post('/v1/tap/revoke', { targetUser: ALICE.id, revokeSessions: false, by: HANK.id, reason: 'done' });

    const res = TapStatusResponseSchema.parse((await stack.post('/v1/tap/status', { user: ALICE.upn, methodId: issued.methodId })).body);

    expect(res.tap).toBeUndefined();
    expect(res.userId).toBe(ALICE.id);
  });

  it('the post-use watch lists methods registered since the pass was used, newest first, and not older ones', async () => {
    await issue();
    const user = stack.simUser(ALICE.id);
    user.methods.push(
      { '@odata.type': '#microsoft.graph.fido2AuthenticationMethod', id: 'f-new', displayName: 'YubiKey 5', createdDateTime: '2026-11-26T09:41:00Z' },
      { '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', id: 'a-new', displayName: 'Pixel 9', createdDateTime: '2026-11-26T09:45:00Z' },
    );
    user.revision++;

    const res = TapStatusResponseSchema.parse((await stack.post('/v1/tap/status', { user: ALICE.id, since: '2026-11-26T09:40:00Z' })).body);

    expect(res.methodsRegisteredSince).toEqual([
      { id: 'a-new', type: 'microsoftAuthenticatorAuthenticationMethod', kind: 'Microsoft Authenticator', displayName: 'Pixel 9', createdDateTime: '2026-11-26T09:45:00Z' },
      { id: 'f-new', type: 'fido2AuthenticationMethod', kind: 'Passkey (FIDO2)', displayName: 'YubiKey 5', createdDateTime: '2026-11-26T09:41:00Z' },
    ]);
  });

  it('the approver check answers true for a nested member of the approvers group, false for others and unknown ids', async () => {
    const check = async (userId: string) => CheckApproverResponseSchema.parse((await stack.post('/v1/approvers/check', { userId })).body).approver;

    expect(await check(HANK.id)).toBe(true);
    expect(await check(IVY.id)).toBe(false);
    expect(await check('30000000-0000-0000-0000-0000000000ff')).toBe(false);
  });

  it('when the user is unknown, status and revoke answer 404 user_not_found', async () => {
    const status = await stack.post('/v1/tap/status', { user: 'ghost@fabrikam.example' });
    const revoke = await stack.post('/v1/tap/revoke', { targetUser: 'ghost@fabrikam.example', revokeSessions: true, by: HANK.id, reason: 'x' });

    expect([status.status, revoke.status]).toEqual([404, 404]);
    expect(ApiErrorBodySchema.parse(status.body).error.code).toBe('user_not_found');
  });
});

describe('Graph identities', () => {
  let stack: TapStack;
  afterEach(async () => {
    await stack.close();
  });

  it('when the TAP-issuing identity lacks TAP write, no pass is created (the read identity is never used for it) and the failure is audited', async () => {
    stack = await startTapStack({ apps: appsWithout(TAP_WRITE) });

    const res = await stack.issue();

    expect(res.status).toBe(500);
    expect(stack.taps(ALICE.id)).toHaveLength(0);
    expect(await stack.store.query({ action: 'tap.issue_failed' })).toHaveLength(1);
    // The rate-limit slot is given back: the next attempt (once fixed) is not counted twice.
    expect(await stack.store.list('backend-tap-rate')).toEqual(expect.arrayContaining([expect.objectContaining({ value: { events: [] } })]));
  });

  it('when the TAP-issuing identity lacks User.RevokeSessions.All, the pass is still revoked and the failure is audited', async () => {
    stack = await startTapStack({ apps: appsWithout('User.RevokeSessions.All') });
    const issued = IssueTapResponseSchema.parse((await stack.issue({ targetUser: BOB.id })).body);

    const res = await stack.post('/v1/tap/revoke', { targetUser: BOB.id, methodId: issued.methodId, revokeSessions: true, by: BOB.id, reason: "This wasn't me" });

    expect(res.status).toBe(500);
    expect(stack.taps(BOB.id)).toHaveLength(0);
    expect(await stack.store.query({ action: 'tap.revoke_failed' })).toEqual([expect.objectContaining({ details: expect.objectContaining({ revokedMethodIds: [issued.methodId], sessionsRevoked: false }) })]);
  });
});
