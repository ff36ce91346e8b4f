/** The reusable helpers and the knowledge tables. */
import {
  ERROR_CODES, FINDING_CODES, REQUIRED_ENDPOINTS, englishStrings, evaluateMethodPolicy, isTapAllowedForUser, lookupErrorCode, userHoldsPrivilegedRole,
} from '../../../src/diagnosis';
import { GROUP_ID, OTHER_GROUP_ID, USER_ID, config, defaultConfigs, facts, group } from './builders';

const policyWith = (...configs: ReturnType<typeof config>[]) => ({ id: 'authenticationMethodsPolicy', authenticationMethodConfigurations: configs });

describe('evaluateMethodPolicy', () => {
  test('when a configuration includes all_users, it is enabled from the policy', () => {
    expect(evaluateMethodPolicy(facts())['MicrosoftAuthenticator']).toMatchObject({ enabled: true, source: 'policy' });
  });
  test('when the user is in an excluded group, exclusion wins and names the target', () => {
    const r = evaluateMethodPolicy(facts({ authenticationMethodsPolicy: policyWith(config('Fido2', 'enabled', [GROUP_ID], [GROUP_ID])) }));
    expect(r['Fido2']).toMatchObject({ enabled: false, reason: 'excluded', targets: [GROUP_ID] });
  });
  test('when only another group is included, the reason is notIncluded', () => {
    expect(evaluateMethodPolicy(facts({ authenticationMethodsPolicy: policyWith(config('Fido2', 'enabled', [OTHER_GROUP_ID])) }))['Fido2']).toMatchObject({ enabled: false, reason: 'notIncluded' });
  });
  test('when the user id itself is targeted, it is enabled', () => {
    expect(evaluateMethodPolicy(facts({ authenticationMethodsPolicy: policyWith(config('Sms', 'enabled', [USER_ID])) }))['Sms']?.enabled).toBe(true);
  });
  test('when a configuration is absent from a present policy, it is disabled (absent)', () => {
    expect(evaluateMethodPolicy(facts({ authenticationMethodsPolicy: policyWith(config('Sms')) }))['Fido2']).toMatchObject({ enabled: false, reason: 'absent' });
  });
  test('when there is no policy object, the new-tenant defaults are used and marked as such', () => {
    const r = evaluateMethodPolicy(facts({ authenticationMethodsPolicy: null }));
    expect(r['MicrosoftAuthenticator']).toMatchObject({ enabled: true, source: 'default' });
    expect(r['TemporaryAccessPass']).toMatchObject({ enabled: false, source: 'default' });
  });
  test('when memberships are unknown and only a group is included, the result says so', () => {
    const r = evaluateMethodPolicy(facts({ memberships: null, authenticationMethodsPolicy: policyWith(config('Fido2', 'enabled', [GROUP_ID])) }));
    expect(r['Fido2']).toMatchObject({ enabled: false, membershipUnknown: true });
  });
  test('configuration ids are matched case-insensitively (temporaryAccessPass)', () => {
    expect(evaluateMethodPolicy(facts({ authenticationMethodsPolicy: policyWith(config('temporaryAccessPass')) }))['TemporaryAccessPass']?.enabled).toBe(true);
  });
});

describe('isTapAllowedForUser', () => {
  test('when TAP is enabled for everyone, it is allowed with the policy lifetimes', () => {
    expect(isTapAllowedForUser(facts())).toEqual({ allowed: true, policy: { min: 60, max: 480, default: 60, isUsableOnce: true } });
  });
  test('when the user is excluded, it is refused with the reason', () => {
    const dir = facts({ authenticationMethodsPolicy: policyWith(...defaultConfigs().filter((c) => c.id !== 'TemporaryAccessPass'), config('TemporaryAccessPass', 'enabled', ['all_users'], [GROUP_ID])) });
    expect(isTapAllowedForUser(dir)).toMatchObject({ allowed: false, reason: 'excluded' });
  });
  test('when the user is an external guest, it is refused', () => {
    expect(isTapAllowedForUser(facts({ user: { id: USER_ID, userType: 'Guest', userPrincipalName: 'x_fabrikam.example#EXT#@contoso.example' } }))).toMatchObject({ allowed: false, reason: 'externalGuest' });
  });
  test('when the tenant has no policy, TAP is off by default with documented lifetimes', () => {
    expect(isTapAllowedForUser(facts({ authenticationMethodsPolicy: null }))).toEqual({ allowed: false, reason: 'disabled', policy: { min: 60, max: 480, default: 60, isUsableOnce: false } });
  });
});

describe('userHoldsPrivilegedRole', () => {
  test('when a directory role is among the memberships, privileged with its name', () => {
    const dir = facts({ memberships: [group(GROUP_ID), { '@odata.type': '#microsoft.graph.directoryRole', id: 'r', displayName: 'User Administrator', roleTemplateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1' }] });
    expect(userHoldsPrivilegedRole(dir)).toEqual({ privileged: true, roles: ['User Administrator'] });
  });
  test('when only groups are present, not privileged', () => {
    expect(userHoldsPrivilegedRole(facts())).toEqual({ privileged: false, roles: [] });
  });
});

describe('knowledge tables', () => {
  // Every code of entra-graph.md §12 (and the device-registration codes of §5.4).
  const SECTION_12 = [
    '50072', '50074', '50076', '50079', '50089', '50097', '50125', '50126', '50053', '50055', '50144', '50057', '50058', '50140', '50158', '50199',
    '50203', '500121', '50087', '50088', '500881', '53000', '53001', '53002', '53003', '53004', '53010', '53011', '530032', '530035', '54010', '65001',
    '70043', '70044', '81010', '90014', '90095', '135011', '130500', '130501', '130502', '130503', '130504', '130505', '135016', '240001', '50129',
    '50131', '50155', '50173', '50202', '801c0003', '801c03f2', '801c0002', '801c0006',
  ];
  test('every §12 code is in the error-code table with a meaning, a fix and a source', () => {
    for (const code of SECTION_12) {
      const info = lookupErrorCode(code);
      expect({ code, found: Boolean(info?.meaning && info.fix && info.source) }).toEqual({ code, found: true });
    }
  });
  test('error codes are unique and every `feeds` is a finding code', () => {
    expect(new Set(ERROR_CODES.map((c) => c.code)).size).toBe(ERROR_CODES.length);
    for (const c of ERROR_CODES) if (c.feeds) expect(FINDING_CODES).toContain(c.feeds);
  });
  test('the endpoints include the registration hosts with an https probe URL and a source', () => {
    const hosts = REQUIRED_ENDPOINTS.map((e) => e.host);
    expect(hosts).toEqual(expect.arrayContaining(['login.microsoftonline.com', 'login.microsoft.com', 'mysignins.microsoft.com', 'account.activedirectory.windowsazure.com', 'aadcdn.msftauth.net', 'graph.microsoft.com']));
    for (const e of REQUIRED_ENDPOINTS) {
      expect(e.probeUrl).toBe(`https://${e.host}/`);
      expect(e.purpose.length).toBeGreaterThan(10);
      expect(e.source.length).toBeGreaterThan(5);
    }
  });
  test('every finding code has English strings', () => {
    for (const code of FINDING_CODES) {
      expect(englishStrings[code].title({}).length).toBeGreaterThan(10);
      expect(englishStrings[code].steps({}).length).toBeGreaterThan(0);
    }
  });
});
