import { FixedClock } from '../../../src/shared/clock';
import { PageIterator } from '@microsoft/microsoft-graph-client';
import type { RunningSimulator } from '../../../src/simulator';
import { ADELE, HANK, ISAIAH, MEGAN, fixtureCopy, graphClient, graphFetch, start, tokenFor, values, type Json } from './helpers';

const REPORT = '/reports/authenticationMethods/userRegistrationDetails';

describe('simulator sign-in logs and registration report', () => {
  let sim: RunningSimulator;
  let clock: FixedClock;
  let token: string;
  beforeAll(async () => {
    ({ sim, clock } = await start());
    token = await tokenFor(sim);
  });
  afterAll(async () => sim.close());
  // Microsoft's budgets are on (reports 5 / 10 s per app, CA + Identity Protection 1 / s per tenant):
  // each test starts a fresh window on the frozen clock, as tests a few seconds apart would.
  beforeEach(() => clock.advance(10_000));

  it('when sign-ins are filtered by userId and createdDateTime, they come newest first with the owner filled in', async () => {
    const res = (await graphClient(sim).api('/auditLogs/signIns').filter(`userId eq '${ADELE}' and createdDateTime ge 2026-11-25T00:00:00Z`).top(50).get()) as Json;
    const list = values(res);
    expect(list.map((s) => s.createdDateTime)).toEqual(['2026-11-26T08:30:00Z', '2026-11-25T12:00:00Z']);
    expect(list[0]).toEqual(expect.objectContaining({ userId: ADELE, userPrincipalName: 'adele@contoso.example', userDisplayName: 'Adele Vance' }));
    expect(res['@odata.context']).toBe(`${sim.url}/v1.0/$metadata#auditLogs/signIns`);
  });

  it('when sign-ins are filtered by userPrincipalName (any case) or an or-combination, the matching records come back', async () => {
    const byUpn = values((await graphFetch(sim, token, 'GET', `/auditLogs/signIns?$filter=${encodeURIComponent("userPrincipalName eq 'ADELE@contoso.example'")}`)).body);
    expect(byUpn).toHaveLength(3);
    const either = values((await graphFetch(sim, token, 'GET', `/auditLogs/signIns?$filter=${encodeURIComponent(`userId eq '${MEGAN}' or userPrincipalName eq 'adele@contoso.example'`)}`)).body);
    expect(either.map((s) => s.id)).toEqual(['50000000-0000-0000-0000-000000000002', '50000000-0000-0000-0000-000000000003', '50000000-0000-0000-0000-000000000004', '50000000-0000-0000-0000-000000000001']);
    const failures = values((await graphFetch(sim, token, 'GET', `/auditLogs/signIns?$filter=${encodeURIComponent('status/errorCode eq 53003')}`)).body);
    expect(failures.map((s) => s.id)).toEqual(['50000000-0000-0000-0000-000000000002']);
  });

  it('when $top is 1, the nextLink pages through every record once', async () => {
    const client = graphClient(sim);
    const first = (await client.api('/auditLogs/signIns').filter(`userId eq '${ADELE}'`).top(1).get()) as Json;
    const seen: string[] = [];
    await new PageIterator(client, first as never, (s: Json) => { seen.push(String(s.id)); return true; }).iterate();
    expect(seen).toEqual(['50000000-0000-0000-0000-000000000002', '50000000-0000-0000-0000-000000000003', '50000000-0000-0000-0000-000000000001']);
  });

  it('when the filter names a property signIn does not have, or $top exceeds 1000, the answer is 400', async () => {
    const bad = await graphFetch(sim, token, 'GET', `/auditLogs/signIns?$filter=${encodeURIComponent("signInEventTypes/any(t: t eq 'nonInteractiveUser')")}`);
    expect(bad.status).toBe(400);
    expect((bad.body.error as Json).message).toBe("Could not find a property named 'signInEventTypes' on type 'microsoft.graph.signIn'.");
    expect((await graphFetch(sim, token, 'GET', '/auditLogs/signIns?$top=1001')).status).toBe(400);
    expect((await graphFetch(sim, token, 'GET', `/auditLogs/signIns?$filter=${encodeURIComponent("userId eq 'x' and")}`)).status).toBe(400);
  });

  it('when registration rows are derived, MFA registration/capability follow methods and policy and isAdmin follows roles', async () => {
    const rows = values((await graphFetch(sim, token, 'GET', REPORT)).body);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(rows).toHaveLength(5);
    expect(byId.get(ADELE)).toEqual(expect.objectContaining({ isMfaRegistered: true, isMfaCapable: true, methodsRegistered: ['mobilePhone'], userType: 'member', isAdmin: false }));
    expect(byId.get(MEGAN)).toEqual(expect.objectContaining({ methodsRegistered: ['microsoftAuthenticatorPush', 'fido2'], isPasswordlessCapable: true, systemPreferredAuthenticationMethods: ['Fido2'] }));
    expect(byId.get(ISAIAH)).toEqual(expect.objectContaining({ isAdmin: true }));
    expect(byId.get(HANK)).toEqual(expect.objectContaining({ isAdmin: true }));
    expect(byId.get('b0000000-0000-0000-0000-000000000005')).toEqual(expect.objectContaining({ userType: 'guest', isMfaRegistered: false, methodsRegistered: [] }));
  });

  it('when the report is filtered, selected and paged, only matching rows with the selected properties come back across pages', async () => {
    const f = encodeURIComponent("isMfaRegistered eq true and userType eq 'member' and methodsRegistered/any(m: m eq 'microsoftAuthenticatorPush')");
    const first = (await graphFetch(sim, token, 'GET', `${REPORT}?$filter=${f}&$select=id,userPrincipalName,isAdmin&$top=2`)).body;
    const page1 = values(first);
    expect(page1.map((r) => r.userPrincipalName)).toEqual(['megan@contoso.example', 'hank@contoso.example']);
    expect(Object.keys(page1[0] ?? {}).sort()).toEqual(['id', 'isAdmin', 'userPrincipalName']);
    const page2 = (await graphFetch(sim, token, 'GET', String(first['@odata.nextLink']))).body;
    expect(values(page2).map((r) => r.userPrincipalName)).toEqual(['isaiah@contoso.example']);
    expect(page2['@odata.nextLink']).toBeUndefined();
    const notRegistered = values((await graphFetch(sim, token, 'GET', `${REPORT}?$filter=${encodeURIComponent('isMfaRegistered eq false')}`)).body);
    expect(notRegistered.map((r) => r.id)).toEqual(['b0000000-0000-0000-0000-000000000005']);
    const single = (await graphFetch(sim, token, 'GET', `${REPORT}/${MEGAN}`)).body;
    expect(single).toEqual(expect.objectContaining({ id: MEGAN, isMfaCapable: true }));
  });

  it('when the tenant has no premium licence, sign-ins, the report and signInActivity answer 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant', async () => {
    const fx = fixtureCopy();
    (fx.tenant as Json).premium = false;
    const { sim: free } = await start(fx);
    try {
      const t = await tokenFor(free);
      for (const path of ['/auditLogs/signIns', REPORT, `/users/${ADELE}?$select=id,signInActivity`]) {
        const res = await graphFetch(free, t, 'GET', path);
        expect(res.status).toBe(403);
        expect(res.body.error).toEqual(expect.objectContaining({ code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', message: "Neither tenant is B2C or tenant doesn't have premium license" }));
      }
      expect((await graphFetch(free, t, 'GET', `/users/${ADELE}?$select=id`)).status).toBe(200);
    } finally {
      await free.close();
    }
    const withActivity = (await graphFetch(sim, token, 'GET', `/users/${ADELE}?$select=id,signInActivity`)).body;
    expect(withActivity.signInActivity).toEqual(expect.objectContaining({ lastSignInDateTime: '2026-11-26T08:30:00Z', lastSuccessfulSignInDateTime: '2026-11-24T09:00:00Z' }));
  });
});
