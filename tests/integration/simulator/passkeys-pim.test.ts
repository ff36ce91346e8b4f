/** Simulator: passkey profiles on the Fido2 configuration, the user's passkeys, and PIM role schedule instances (entra-graph-2026.md §16, §18). */
import { FixtureError, LOCAL_APPS, loadFixture, type RunningSimulator } from '../../../src/simulator';
import { ADELE, MEGAN, fixtureCopy, graphFetch, start, tokenFor, values, type Json } from './helpers';

const DEFAULT_PROFILE = '00000000-0000-0000-0000-000000000001';
const DEVICE_BOUND_PROFILE = 'c0000000-0000-0000-0000-0000000000f1';
const AUTH_ADMIN = 'c4e39bd9-1100-46d3-8c65-fb160da0071f';
const ROLE_GROUP = 'a0000000-0000-0000-0000-0000000000a4';

function passkeyTenant(): Json {
  const f = fixtureCopy();
  const policy = f.authenticationMethodsPolicy as { authenticationMethodConfigurations: Json[] };
  policy.authenticationMethodConfigurations = policy.authenticationMethodConfigurations.map((c) => (String(c.id).toLowerCase() !== 'fido2' ? c : {
    '@odata.type': '#microsoft.graph.fido2AuthenticationMethodConfiguration', id: 'Fido2', state: 'enabled', isSelfServiceRegistrationAllowed: true,
    isAttestationEnforced: false, keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
    defaultPasskeyProfile: DEFAULT_PROFILE,
    passkeyProfiles: [
      { id: DEFAULT_PROFILE, name: 'Default passkey profile', passkeyTypes: 'deviceBound,synced', attestationEnforcement: 'disabled', keyRestrictions: { isEnforced: false, enforcementType: 'allow', aaGuids: [] } },
      { id: DEVICE_BOUND_PROFILE, name: 'Admins: attested device-bound', passkeyTypes: 'deviceBound', attestationEnforcement: 'registrationOnly', keyRestrictions: { isEnforced: true, enforcementType: 'allow', aaGuids: ['90a3ccdf-635c-4729-a248-9b709135078f'] } },
    ],
    excludeTargets: [],
    includeTargets: [{ targetType: 'group', id: 'all_users', isRegistrationRequired: false, allowedPasskeyProfiles: [DEFAULT_PROFILE, DEVICE_BOUND_PROFILE] }],
  }));
  f.roleEligibilityScheduleInstances = [
    { id: 'e1', principalId: ADELE, roleDefinitionId: AUTH_ADMIN, directoryScopeId: '/administrativeUnits/f0000000-0000-0000-0000-000000000001', startDateTime: '2026-01-01T00:00:00Z', endDateTime: null, memberType: 'Direct', roleEligibilityScheduleId: 's1' },
    { id: 'e2', principalId: ROLE_GROUP, roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10', directoryScopeId: '/', startDateTime: '2026-01-01T00:00:00Z', endDateTime: null, memberType: 'Direct', roleEligibilityScheduleId: 's2' },
  ];
  const megan = (f.users as Json[]).find((u) => u.id === MEGAN) as { authenticationMethods: Json[] };
  megan.authenticationMethods = megan.authenticationMethods.map((m) => (m['@odata.type'] === '#microsoft.graph.fido2AuthenticationMethod'
    ? { ...m, aaGuid: '90a3ccdf-635c-4729-a248-9b709135078f', attestationLevel: 'attested', passkeyType: 'deviceBound' } : m));
  f.roleDefinitions = [{ id: 'c1000000-0000-0000-0000-000000000001', displayName: 'Passkey operators', isBuiltIn: false, isEnabled: true, rolePermissions: [] }];
  return f;
}

describe('simulator: passkey profiles, passkeys and PIM instances', () => {
  let sim: RunningSimulator;
  let token: string;
  beforeAll(async () => {
    ({ sim } = await start(passkeyTenant()));
    token = await tokenFor(sim);
  });
  afterAll(async () => sim.close());

  it('when the Fido2 configuration is read alone or inside the policy, its passkey profiles and per-target allowed profiles come back', async () => {
    const single = (await graphFetch(sim, token, 'GET', '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2')).body;
    expect(single.defaultPasskeyProfile).toBe(DEFAULT_PROFILE);
    expect((single.passkeyProfiles as Json[]).map((p) => p.passkeyTypes)).toEqual(['deviceBound,synced', 'deviceBound']);
    expect((single.includeTargets as Json[])[0]?.allowedPasskeyProfiles).toEqual([DEFAULT_PROFILE, DEVICE_BOUND_PROFILE]);
    const policy = (await graphFetch(sim, token, 'GET', '/policies/authenticationMethodsPolicy')).body;
    const fido2 = (policy.authenticationMethodConfigurations as Json[]).find((c) => c.id === 'Fido2');
    expect(fido2?.passkeyProfiles).toEqual(single.passkeyProfiles);
  });

  it('when a target allows a passkey profile the configuration does not define, the fixture is refused with the JSON path', () => {
    const f = passkeyTenant();
    const fido2 = (f.authenticationMethodsPolicy as { authenticationMethodConfigurations: Json[] }).authenticationMethodConfigurations.find((c) => c.id === 'Fido2') as Json;
    (fido2.includeTargets as Json[])[0] = { targetType: 'group', id: 'all_users', allowedPasskeyProfiles: ['c0000000-0000-0000-0000-0000000000ff'] };
    expect(() => loadFixture(f)).toThrow(FixtureError);
    expect(() => loadFixture(f)).toThrow(/authenticationMethodConfigurations\[1\]\.includeTargets\[0\]\.allowedPasskeyProfiles\[0\]/);
  });

  it('when the registration campaign targets an unknown method, the fixture is refused; Microsoft managed with fido2 loads', () => {
    const f = passkeyTenant();
    const policy = f.authenticationMethodsPolicy as Json;
    policy.registrationEnforcement = { authenticationMethodsRegistrationCampaign: { state: 'default', snoozeDurationInDays: 1, includeTargets: [{ id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'fido2' }], excludeTargets: [] } };
    expect(() => loadFixture(f)).not.toThrow();
    policy.registrationEnforcement = { authenticationMethodsRegistrationCampaign: { state: 'default', includeTargets: [{ id: 'all_users', targetedAuthenticationMethod: 'sms' }] } };
    expect(() => loadFixture(f)).toThrow(/authenticationMethodsRegistrationCampaign\.includeTargets\[0\]\.targetedAuthenticationMethod/);
  });

  it('when a synced passkey is registered, the registration report lists passKeySynced', async () => {
    const f = passkeyTenant();
    const adele = (f.users as Json[]).find((u) => u.id === ADELE) as { authenticationMethods: Json[] };
    adele.authenticationMethods.push({ '@odata.type': '#microsoft.graph.fido2AuthenticationMethod', id: 'gpm-1', aaGuid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4', passkeyType: 'synced', attestationLevel: 'notAttested' });
    const { sim: other } = await start(f);
    try {
      const row = (await graphFetch(other, await tokenFor(other), 'GET', `/reports/authenticationMethods/userRegistrationDetails/${ADELE}`)).body;
      expect(row.methodsRegistered).toEqual(expect.arrayContaining(['passKeySynced', 'mobilePhone']));
    } finally {
      await other.close();
    }
  });

  it("when a user's passkeys are listed, passkeyType, aaGuid and attestationLevel are served; an app without a method permission is refused", async () => {
    const res = await graphFetch(sim, token, 'GET', `/users/${MEGAN}/authentication/fido2Methods`);
    expect(res.status).toBe(200);
    expect(values(res.body).map((m) => [m.passkeyType, m.aaGuid, m.attestationLevel])).toEqual([['deviceBound', '90a3ccdf-635c-4729-a248-9b709135078f', 'attested']]);
    const denied = await graphFetch(sim, await tokenFor(sim, LOCAL_APPS.tapIssuer), 'GET', `/users/${MEGAN}/authentication/fido2Methods`);
    expect(denied.status).toBe(403);
  });

  it('when eligibility instances are filtered by principal (user or role-assignable group), only those rows come back', async () => {
    const one = await graphFetch(sim, token, 'GET', `/roleManagement/directory/roleEligibilityScheduleInstances?$filter=${encodeURIComponent(`principalId eq '${ADELE}'`)}`);
    expect(one.status).toBe(200);
    expect(values(one.body).map((i) => [i.id, i.directoryScopeId, i.appScopeId])).toEqual([['e1', '/administrativeUnits/f0000000-0000-0000-0000-000000000001', null]]);
    const both = await graphFetch(sim, token, 'GET', `/roleManagement/directory/roleEligibilityScheduleInstances?$filter=${encodeURIComponent(`principalId eq '${ADELE}' or principalId eq '${ROLE_GROUP}'`)}`);
    expect(values(both.body).map((i) => i.id)).toEqual(['e1', 'e2']);
    const active = await graphFetch(sim, token, 'GET', '/roleManagement/directory/roleAssignmentScheduleInstances');
    expect(values(active.body)).toEqual([]);
  });

  it('when an app without a role-management permission reads eligibility, it gets the 403 PIM answers', async () => {
    const res = await graphFetch(sim, await tokenFor(sim, LOCAL_APPS.tapIssuer), 'GET', '/roleManagement/directory/roleEligibilityScheduleInstances');
    expect(res.status).toBe(403);
    expect((res.body.error as Json).code).toBe('UnknownError');
    expect(String((res.body.error as Json).message)).toContain('PermissionScopeNotGranted');
  });

  it('when role definitions are filtered to custom roles, the built-ins the tenant uses are left out', async () => {
    const res = await graphFetch(sim, token, 'GET', `/roleManagement/directory/roleDefinitions?$filter=${encodeURIComponent('isBuiltIn eq false')}`);
    expect(values(res.body).map((d) => d.displayName)).toEqual(['Passkey operators']);
    const all = await graphFetch(sim, token, 'GET', '/roleManagement/directory/roleDefinitions');
    expect(values(all.body).map((d) => d.displayName)).toContain('Global Administrator');
  });
});
