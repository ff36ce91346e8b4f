/** Missing sources (gaps) never throw and never invent evidence; diagnose() stays cheap. */
import { diagnose, type DirectoryFacts } from '../../../src/diagnosis';
import { USER_ID, codes, device, facts, hoursAgo, input, newcomer, signIn } from './builders';

const bare = (): DirectoryFacts => ({
  user: { id: USER_ID },
  memberships: null,
  riskLevel: null,
  methods: [],
  devices: null,
  signIns: null,
  authenticationMethodsPolicy: null,
  deviceRegistrationPolicy: null,
  conditionalAccessPolicies: null,
  namedLocations: null,
  registrationDetails: null,
  gaps: [
    { source: 'signIns', status: 403, code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', reason: 'no premium licence' },
    { source: 'authenticationMethodsPolicy', status: 403, code: 'accessDenied', reason: 'missing scope' },
  ],
});

describe('diagnose(): missing data', () => {
  test('when every optional source is unavailable, it returns without throwing and invents nothing', () => {
    const findings = diagnose(input(bare()));
    expect(codes(findings)).toEqual([]);
  });

  test('when the methods policy is unreadable, the new-tenant defaults are not used as evidence', () => {
    const findings = diagnose(input({ ...bare(), methods: [] }, { attemptedMethod: 'fido2' }));
    expect(codes(findings)).not.toContain('METHOD_NOT_ENABLED');
    expect(codes(findings)).not.toContain('TAP_NOT_ALLOWED');
  });

  test('when malformed values arrive (bad dates, unknown method types, bad addresses), they are skipped', () => {
    const dir = facts({
      methods: [{ '@odata.type': '#microsoft.graph.somethingNew', id: 'x' }],
      signIns: [{ ...signIn(50089), createdDateTime: 'not a date' }, signIn(0, { ip: 'not-an-ip' })],
      devices: [{ id: 'd', approximateLastSignInDateTime: 'garbage' }],
      namedLocations: [{ '@odata.type': '#microsoft.graph.ipNamedLocation', id: 'l', isTrusted: true, ipRanges: [{ cidrAddress: 'nonsense' }] }],
    });
    expect(() => diagnose(input(dir, { userAgent: '', phoneOs: 'Nokia 3310', unreachable: ['', '://'] }))).not.toThrow();
    expect(codes(diagnose(input(dir)))).not.toContain('SESSION_EXPIRED');
  });

  test('when registered already and some sources are missing, ALREADY_REGISTERED names them', () => {
    const dir = facts({ signIns: null, gaps: [{ source: 'signIns', status: 403, code: 'x', reason: 'y' }] });
    expect(diagnose(input(dir))[0]?.evidence['unavailableSources']).toEqual(['signIns']);
  });

  test('when the same facts are diagnosed twice, the result is identical (pure)', () => {
    const dir = newcomer({ signIns: [signIn(53003, { at: hoursAgo(2) })] });
    expect(diagnose(input(dir))).toEqual(diagnose(input(dir)));
  });
});

describe('diagnose(): large inputs', () => {
  // Speed is measured in bench/diagnose.bench.ts (ratios in one process), not asserted here: a
  // time bound in a test fails on a loaded machine without anything being wrong.
  test('a person with 50 sign-ins and 50 devices at the quota gets the quota finding, and the result does not depend on earlier calls', () => {
    const signIns = Array.from({ length: 50 }, (_, i) =>
      signIn([0, 50089, 500121, 53003, 50074][i % 5] ?? 0, { at: hoursAgo(i * 1.7), ip: i % 2 ? `2001:db8::${i}` : `203.0.113.${i}`, correlationId: `c${i % 7}`, failed: [{ id: 'ca-reg-1' }] }),
    );
    const devs = Array.from({ length: 50 }, (_, i) => device(`d${i}`, i % 3 ? 'Workplace' : 'AzureAd', i * 4));
    const dir = facts({ signIns, devices: devs, deviceRegistrationPolicy: { userDeviceQuota: 50 } });
    const client = { userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/131.0.0.0 Safari/537.36', unreachable: ['login.microsoftonline.com'] };
    const first = diagnose(input(dir, client));
    for (let i = 0; i < 20; i++) diagnose(input(dir, client));
    expect(first.map((f) => f.code)).toContain('DEVICE_QUOTA_REACHED');
    expect(diagnose(input(dir, client))).toEqual(first);
  });
});
