import { ApiErrorBodySchema, IssueTapResponseSchema, RiskProfileResponseSchema } from '../../../src/backend/api';
import { ALICE, DAVE, GUEST, MIKE, RECENT_AUTHENTICATOR, startTapStack, type TapStack } from './tapStack';

describe('POST /v1/users/risk-profile', () => {
  let stack: TapStack;
  beforeEach(async () => {
    stack = await startTapStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  const profile = async (user: string) => {
    const res = await stack.post('/v1/users/risk-profile', { user });
    expect(res.status).toBe(200);
    return RiskProfileResponseSchema.parse(res.body);
  };

  it('gives the approver the risk signals: risk level, recent sign-ins, recent methods, roles, account age, manager, TAP policy', async () => {
    const p = await profile(ALICE.upn);

    expect(p.user).toEqual({ id: ALICE.id, userPrincipalName: ALICE.upn, displayName: 'Alice Blocked', accountEnabled: true, userType: 'Member', mobilePhone: '+1 425 555 0171' });
    expect(p.riskLevel).toBe('none');
    expect(p.recentSignIns).toEqual([
      {
        id: '60000000-0000-0000-0000-000000000001',
        createdDateTime: '2026-11-26T08:40:00Z',
        ipAddress: '203.0.113.7',
        city: 'Lisbon',
        countryOrRegion: 'PT',
        location: 'Lisbon, PT',
        app: 'My Signins',
        errorCode: 53003,
        status: 'Access has been blocked by Conditional Access policies.',
      },
    ]);
    expect(p.methodsAddedRecently).toEqual([
      { id: RECENT_AUTHENTICATOR, type: 'microsoftAuthenticatorAuthenticationMethod', kind: 'Microsoft Authenticator', displayName: 'iPhone 15', createdDateTime: '2026-11-20T10:00:00Z' },
    ]);
    expect(p).toMatchObject({ privileged: false, privilegedRoles: [], accountCreated: '2026-01-10T08:00:00Z', existingTap: null });
    expect(p.manager).toEqual({ id: MIKE.id, displayName: 'Mike Manager', userPrincipalName: MIKE.upn, businessPhones: ['+1 425 555 0100'], mobilePhone: '+1 425 555 0101' });
    expect(p.tapPolicy).toEqual({ allowed: true, minLifetimeInMinutes: 60, maxLifetimeInMinutes: 480, defaultLifetimeInMinutes: 60, isUsableOnce: false });
    expect(await stack.store.query({ action: 'risk_profile.read' })).toEqual([expect.objectContaining({ subject: ALICE.id, actor: 'local' })]);
  });

  it('after a pass was issued, the profile shows it (usable, with its expiry) and lists it among recent methods', async () => {
    const issued = IssueTapResponseSchema.parse((await stack.issue()).body);

    const p = await profile(ALICE.id);

    expect(p.existingTap).toMatchObject({ isUsable: true, reason: 'EnabledByPolicy', expiresAt: issued.expiresAt, lifetimeInMinutes: 60 });
    expect(p.methodsAddedRecently.map((m) => m.kind)).toContain('Temporary Access Pass');
  });

  it('shows privileged roles held through a group, and no manager when none is set', async () => {
    const p = await profile(DAVE.id);

    expect(p).toMatchObject({ privileged: true, privilegedRoles: ['Exchange Administrator'] });
    expect(p.manager).toBeUndefined();
  });

  it('says in plain words why the TAP policy does not allow a pass', async () => {
    const p = await profile(GUEST.id);

    expect(p.tapPolicy).toMatchObject({ allowed: false, reason: 'external guests cannot get a Temporary Access Pass' });
  });

  it('when the user is unknown, the answer is 404 user_not_found', async () => {
    const res = await stack.post('/v1/users/risk-profile', { user: 'ghost@fabrikam.example' });

    expect(res.status).toBe(404);
    expect(ApiErrorBodySchema.parse(res.body).error.code).toBe('user_not_found');
  });
});
